-- Foundation schema: people, agents, assets, reports, audit log.
-- Portable SQL for SQLite and PostgreSQL; times are epoch milliseconds (BIGINT), ids are text.

CREATE TABLE users (
    id                   VARCHAR(36)  PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL UNIQUE,
    display_name         VARCHAR(128),
    role                 VARCHAR(16)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN      NOT NULL DEFAULT FALSE,
    locale               VARCHAR(8),
    created_at           BIGINT       NOT NULL,
    password_changed_at  BIGINT       NOT NULL
);

-- Bearer tokens (API) and browser sessions; only the SHA-256 of the secret is stored.
CREATE TABLE sessions (
    token_hash   VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(36) NOT NULL REFERENCES users(id),
    kind         VARCHAR(8)  NOT NULL,
    csrf_token   VARCHAR(64),
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL,
    client       VARCHAR(255)
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id       VARCHAR(36) PRIMARY KEY,
    username VARCHAR(64) NOT NULL,
    remote   VARCHAR(64),
    at       BIGINT      NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures(username, at);

CREATE TABLE enrollment_tokens (
    id          VARCHAR(36)  PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_by  VARCHAR(36)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    max_uses    INTEGER      NOT NULL,
    uses        INTEGER      NOT NULL DEFAULT 0,
    revoked_at  BIGINT,
    note        VARCHAR(255)
);

CREATE TABLE assets (
    id                VARCHAR(36)  PRIMARY KEY,
    kind              VARCHAR(32)  NOT NULL,
    display_name      VARCHAR(255),
    hostname          VARCHAR(255),
    machine_id        VARCHAR(128),
    hardware_uuid     VARCHAR(128),
    snmp_engine_id    VARCHAR(128),
    address           VARCHAR(255),
    os_family         VARCHAR(32),
    os_name           VARCHAR(255),
    os_version        VARCHAR(64),
    owner             VARCHAR(255),
    department        VARCHAR(255),
    location          VARCHAR(255),
    roles             VARCHAR(512) NOT NULL DEFAULT '',
    source            VARCHAR(16)  NOT NULL,
    agent_id          VARCHAR(36),
    first_seen_at     BIGINT       NOT NULL,
    last_seen_at      BIGINT       NOT NULL,
    last_report_id    VARCHAR(36),
    report_interval_s INTEGER,
    decommissioned_at BIGINT
);
CREATE INDEX assets_machine_id ON assets(machine_id);
CREATE INDEX assets_hardware_uuid ON assets(hardware_uuid);
CREATE INDEX assets_snmp_engine_id ON assets(snmp_engine_id);
CREATE INDEX assets_last_seen ON assets(last_seen_at);
CREATE INDEX assets_hostname ON assets(hostname);

CREATE TABLE agents (
    id              VARCHAR(36)  PRIMARY KEY,
    credential_hash VARCHAR(64)  NOT NULL,
    enrollment_id   VARCHAR(36),
    name            VARCHAR(255),
    asset_id        VARCHAR(36)  REFERENCES assets(id),
    created_at      BIGINT       NOT NULL,
    last_seen_at    BIGINT,
    last_version    VARCHAR(64),
    last_address    VARCHAR(64),
    revoked_at      BIGINT
);
CREATE UNIQUE INDEX agents_credential ON agents(credential_hash);

-- Report bodies are stored once per distinct content (gzip of the JSON the agent sent);
-- a report whose facts equal the previous one's points at the earlier body.
CREATE TABLE report_bodies (
    sha256     VARCHAR(64) PRIMARY KEY,
    body       ${blob}     NOT NULL,
    size       INTEGER     NOT NULL,
    created_at BIGINT      NOT NULL
);

CREATE TABLE reports (
    id             VARCHAR(36) PRIMARY KEY,
    asset_id       VARCHAR(36) NOT NULL REFERENCES assets(id),
    agent_id       VARCHAR(36),
    source         VARCHAR(16) NOT NULL,
    agent_version  VARCHAR(64),
    received_at    BIGINT      NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    fact_count     INTEGER     NOT NULL,
    error_count    INTEGER     NOT NULL,
    content_sha256 VARCHAR(64) NOT NULL,
    body_sha256    VARCHAR(64) NOT NULL REFERENCES report_bodies(sha256)
);
CREATE INDEX reports_asset_received ON reports(asset_id, received_at);

-- Current facts of each asset (the latest report), compact JSON without evidence, for evaluation.
CREATE TABLE asset_facts (
    asset_id       VARCHAR(36) PRIMARY KEY REFERENCES assets(id),
    report_id      VARCHAR(36) NOT NULL,
    content_sha256 VARCHAR(64) NOT NULL,
    updated_at     BIGINT      NOT NULL,
    facts          ${text}     NOT NULL
);

-- Append-only, hash-chained record of every change people and agents make.
CREATE TABLE audit_log (
    seq       BIGINT       PRIMARY KEY,
    at        BIGINT       NOT NULL,
    actor     VARCHAR(128) NOT NULL,
    action    VARCHAR(64)  NOT NULL,
    target    VARCHAR(255),
    details   ${text},
    prev_hash VARCHAR(64)  NOT NULL,
    hash      VARCHAR(64)  NOT NULL
);
