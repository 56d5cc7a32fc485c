-- Anchors for the audit log's hash chain (docs/SNAPSHOTS.md, "What the audit chain detects").
-- The chain formula is public, so anyone who can write the database can recompute it; these rows
-- carry Ed25519 signatures by the snapshot key (<data-dir>/signing/, not in the database), so a
-- rewrite or a truncation cannot be made to verify without that key.

-- The signed running head: the newest entry's (seq, hash), re-signed on every append, but only
-- while the chain still ends where the previous signature said (a rewrite is never laundered).
CREATE TABLE audit_head (
    id              INTEGER     PRIMARY KEY CHECK (id = 1),
    seq             BIGINT      NOT NULL,
    hash            VARCHAR(64) NOT NULL,
    at              BIGINT      NOT NULL,
    key_fingerprint VARCHAR(80) NOT NULL,
    signature       VARCHAR(128) NOT NULL
);

-- Signed checkpoints: every 1,000 entries, at every snapshot, at a sealing and at a repair.
CREATE TABLE audit_checkpoints (
    seq             BIGINT      PRIMARY KEY,
    hash            VARCHAR(64) NOT NULL,
    at              BIGINT      NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    key_fingerprint VARCHAR(80) NOT NULL,
    signature       VARCHAR(128) NOT NULL
);

-- Each snapshot's audit head (what its signed snapshot.json records) and its RFC 3161 time stamp:
-- none (no authority configured), pending (the authority did not answer yet) or stamped.
ALTER TABLE snapshots ADD COLUMN audit_seq BIGINT;
ALTER TABLE snapshots ADD COLUMN audit_hash VARCHAR(64);
ALTER TABLE snapshots ADD COLUMN tsa_status VARCHAR(16) NOT NULL DEFAULT 'none';
ALTER TABLE snapshots ADD COLUMN tsa_time BIGINT;
ALTER TABLE snapshots ADD COLUMN tsa_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN tsa_error VARCHAR(255);

-- The chain check looks for recorded breaks and repairs by action on every console view.
CREATE INDEX audit_log_action ON audit_log(action, seq);
