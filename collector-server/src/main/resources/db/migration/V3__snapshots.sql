-- Evidence snapshots: frozen, signed ZIPs under <data-dir>/snapshots/ (never rewritten), and the
-- time-limited share links that let an external auditor download one. Times are epoch milliseconds.

-- One row per snapshot. `seq` orders the chain; each snapshot's manifest records the previous
-- one's manifest SHA-256 (`previous_sha256`), and the UNIQUE constraints stop two collectors from
-- forking the chain at the same point.
CREATE TABLE snapshots (
    id                 VARCHAR(36)  PRIMARY KEY,
    seq                BIGINT       NOT NULL UNIQUE,
    created_at         BIGINT       NOT NULL,
    created_by         VARCHAR(128) NOT NULL,
    trigger_kind       VARCHAR(16)  NOT NULL,
    note               VARCHAR(255),
    manifest_sha256    VARCHAR(64)  NOT NULL UNIQUE,
    previous_sha256    VARCHAR(64),
    key_fingerprint    VARCHAR(80)  NOT NULL,
    file_name          VARCHAR(255) NOT NULL,
    size               BIGINT       NOT NULL,
    file_count         INTEGER      NOT NULL,
    asset_count        INTEGER      NOT NULL,
    criterion_count    INTEGER      NOT NULL,
    check_result_count INTEGER      NOT NULL,
    answer_count       INTEGER      NOT NULL,
    attachment_count   INTEGER      NOT NULL,
    exception_count    INTEGER      NOT NULL,
    summary            ${text}      NOT NULL
);
CREATE UNIQUE INDEX snapshots_previous ON snapshots(previous_sha256);

-- Read-only download links for one snapshot; only the SHA-256 of the link's token is stored.
CREATE TABLE snapshot_shares (
    id           VARCHAR(36)  PRIMARY KEY,
    snapshot_id  VARCHAR(36)  NOT NULL REFERENCES snapshots(id),
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_by   VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    note         VARCHAR(255),
    revoked_at   BIGINT,
    revoked_by   VARCHAR(128),
    downloads    INTEGER      NOT NULL DEFAULT 0,
    last_used_at BIGINT
);
CREATE INDEX snapshot_shares_snapshot ON snapshot_shares(snapshot_id);
