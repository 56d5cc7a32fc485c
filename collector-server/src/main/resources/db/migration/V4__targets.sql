-- Agentless collection: targets the collector probes on a schedule (SSH, SNMP, TCP ports, TLS),
-- the credentials they use (secrets encrypted with AES-256-GCM under a key kept outside the
-- database), and the history of runs. Times are epoch milliseconds.

-- Credentials: only the non-secret parts are readable here. `secret` is base64(nonce || ciphertext+tag)
-- of a small JSON document, encrypted with the key whose id is `key_id`; the associated data is the row id.
CREATE TABLE credentials (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL UNIQUE,
    kind        VARCHAR(32)  NOT NULL,
    username    VARCHAR(128),
    settings    ${text}      NOT NULL,
    secret      ${text}      NOT NULL,
    key_id      VARCHAR(64)  NOT NULL,
    fingerprint VARCHAR(128),
    created_by  VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE scan_targets (
    id                   VARCHAR(36)  PRIMARY KEY,
    name                 VARCHAR(128) NOT NULL UNIQUE,
    address              VARCHAR(255) NOT NULL,
    kind                 VARCHAR(32)  NOT NULL,
    probes               VARCHAR(64)  NOT NULL,
    options              ${text}      NOT NULL,
    interval_s           INTEGER      NOT NULL,
    credential_id        VARCHAR(36)  REFERENCES credentials(id),
    enabled              BOOLEAN      NOT NULL,
    host_key_fingerprint VARCHAR(128),
    host_key_pinned_at   BIGINT,
    asset_id             VARCHAR(36),
    created_by           VARCHAR(64)  NOT NULL,
    created_at           BIGINT       NOT NULL,
    updated_at           BIGINT       NOT NULL,
    next_run_at          BIGINT       NOT NULL,
    last_run_at          BIGINT,
    last_outcome         VARCHAR(16),
    last_message         ${text}
);
CREATE INDEX scan_targets_due ON scan_targets(enabled, next_run_at);

-- One row per finished run: outcome ok / partial / failed, the per-probe results and the assets it fed.
CREATE TABLE scan_target_runs (
    id          VARCHAR(36) PRIMARY KEY,
    target_id   VARCHAR(36) NOT NULL,
    triggered_by VARCHAR(16) NOT NULL,
    started_at  BIGINT      NOT NULL,
    finished_at BIGINT      NOT NULL,
    outcome     VARCHAR(16) NOT NULL,
    message     ${text},
    probes      ${text}     NOT NULL,
    asset_ids   ${text}     NOT NULL
);
CREATE INDEX scan_target_runs_target_started ON scan_target_runs(target_id, started_at);
