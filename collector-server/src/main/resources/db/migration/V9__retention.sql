-- Retention (RetentionPruner, docs/RETENTION.md): raw reports older than akashi.retention.reports
-- are pruned unless something still refers to them. A snapshot refers to the reports behind the
-- facts and results it froze: one row per snapshot and report, written with the snapshot's row.
CREATE TABLE snapshot_reports (
    snapshot_id VARCHAR(36) NOT NULL,
    report_id   VARCHAR(36) NOT NULL,
    PRIMARY KEY (snapshot_id, report_id)
);
CREATE INDEX snapshot_reports_report ON snapshot_reports(report_id);

-- A body may go only when no report refers to it: without this index each check (and the
-- foreign key's own check on delete) would scan every report.
CREATE INDEX reports_body ON reports(body_sha256);

-- Small state of the pruning job: when it last finished a pass, and up to which snapshot seq the
-- snapshots taken before this migration still have to be read for the reports they refer to.
CREATE TABLE retention_state (
    name  VARCHAR(64) PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO retention_state (name, value) SELECT 'snapshots_to_index_through', COALESCE(MAX(seq), 0) FROM snapshots;
