-- What an agent's last report said about the agent itself beyond V14 (its "agentHealth" object,
-- docs/INGEST.md): the Java runtime (bundled with the package or the host's), the collecting
-- process's peak memory and where the figure comes from (VmHWM on Linux, JVM pools elsewhere),
-- the reports waiting in its spool, the probes whose facts failed, and the outcome of its last
-- self-update (updated / refused / rolled_back, for which version, why, when). NULL: not said.
ALTER TABLE agents ADD COLUMN last_java_version VARCHAR(100);
ALTER TABLE agents ADD COLUMN last_java_vendor VARCHAR(200);
ALTER TABLE agents ADD COLUMN last_runtime_bundled INTEGER;
ALTER TABLE agents ADD COLUMN last_peak_rss BIGINT;
ALTER TABLE agents ADD COLUMN last_peak_rss_source VARCHAR(16);
ALTER TABLE agents ADD COLUMN last_spool_pending INTEGER;
ALTER TABLE agents ADD COLUMN last_failing_probes VARCHAR(1024);
ALTER TABLE agents ADD COLUMN update_state VARCHAR(16);
ALTER TABLE agents ADD COLUMN update_version VARCHAR(64);
ALTER TABLE agents ADD COLUMN update_from VARCHAR(64);
ALTER TABLE agents ADD COLUMN update_detail VARCHAR(1024);
ALTER TABLE agents ADD COLUMN update_at BIGINT;

-- The administrator's permission for agents to update themselves (one row, id 1, or none: not
-- allowed). The package, its SHA-256 and the signing key's signature over both are fixed when the
-- permission is given: a package file changed afterwards no longer matches and agents refuse it.
CREATE TABLE agent_update_policy (
    id              INTEGER       PRIMARY KEY,
    package_file    VARCHAR(200)  NOT NULL,
    version         VARCHAR(64)   NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    signature       VARCHAR(200)  NOT NULL,
    key_fingerprint VARCHAR(200)  NOT NULL,
    set_by          VARCHAR(200)  NOT NULL,
    set_at          BIGINT        NOT NULL
);
