-- Several collector instances on one PostgreSQL database (docs/SCALE.md, "Several collectors").
-- The same SQL runs on SQLite, where one instance holds every lease and claims nothing.

-- Named leases (store/Leases.java): scheduled work runs on one instance per period, a target's run
-- on one instance at a time. Times are the database's clock in epoch milliseconds.
CREATE TABLE leases (
    name        VARCHAR(200) PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    acquired_at BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);

-- An evaluator's claim on a waiting asset (taken with SELECT ... FOR UPDATE SKIP LOCKED), so two
-- instances never judge the same asset at once; a claim of a killed instance expires.
ALTER TABLE evaluation_pending ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE evaluation_pending ADD COLUMN claimed_until BIGINT;

-- The public fingerprint of the snapshot signing key (<data-dir>/signing/) the database was first
-- used with: an instance that sees another key (no shared volume, a lost key) refuses to start.
CREATE TABLE signing_key_record (
    id          INTEGER      PRIMARY KEY CHECK (id = 1),
    fingerprint VARCHAR(80)  NOT NULL,
    public_key  TEXT         NOT NULL,
    recorded_at BIGINT       NOT NULL,
    recorded_by VARCHAR(200) NOT NULL
);
