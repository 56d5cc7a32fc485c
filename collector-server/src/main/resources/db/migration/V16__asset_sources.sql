-- One host, one asset; one device, one asset (docs/ASSETS.md). Each source that reports on an
-- asset (an agent's own report, each collector target with its credential, an agent's scan) keeps
-- its own current facts here, with their report and time; asset_facts holds the merged view that
-- evaluation reads (per fact, the newest successful value of any source, else the most telling
-- failure), written from these rows in the transaction that stores a report.
CREATE TABLE asset_source_facts (
    asset_id       VARCHAR(36)  NOT NULL REFERENCES assets(id),
    source_key     VARCHAR(200) NOT NULL,
    source         VARCHAR(16)  NOT NULL,
    label          VARCHAR(255),
    report_id      VARCHAR(36)  NOT NULL,
    content_sha256 VARCHAR(64)  NOT NULL,
    updated_at     BIGINT       NOT NULL,
    confirmed_at   BIGINT,
    fact_count     INTEGER      NOT NULL,
    error_count    INTEGER      NOT NULL,
    facts          ${text}      NOT NULL,
    PRIMARY KEY (asset_id, source_key)
);
CREATE INDEX asset_source_facts_report ON asset_source_facts(report_id);

-- When a report that really read the asset (not only a failed run's reachability) was first stored;
-- NULL: the asset is unconfirmed. The SSH host key the collector saw, a strong identity for hosts.
ALTER TABLE assets ADD COLUMN confirmed_at BIGINT;
ALTER TABLE assets ADD COLUMN ssh_host_key VARCHAR(128);
UPDATE assets SET confirmed_at = first_seen_at;
CREATE INDEX assets_ssh_host_key ON assets(ssh_host_key);

-- the facts stored so far become their report's source (a collector report's target is not recorded
-- on it: its row is named 'collector' and is replaced by the target's own row at the next run)
INSERT INTO asset_source_facts (asset_id, source_key, source, label, report_id, content_sha256, updated_at, confirmed_at,
                                fact_count, error_count, facts)
SELECT f.asset_id,
       CASE WHEN r.source = 'agent' AND r.agent_id IS NOT NULL THEN 'agent:' || r.agent_id
            WHEN r.source = 'scan' AND r.agent_id IS NOT NULL THEN 'scan:agent:' || r.agent_id
            ELSE 'collector' END,
       COALESCE(r.source, 'agent'), NULL, f.report_id, f.content_sha256, f.updated_at, f.updated_at,
       COALESCE(r.fact_count, 0), COALESCE(r.error_count, 0), f.facts
FROM asset_facts f LEFT JOIN reports r ON r.id = f.report_id;
