-- Who feeds a scanned asset (source scan or collector): 'agent:<id>' for an agent's scan,
-- 'collector' for the collector's own targets. Only that feeder's reports update the asset;
-- another feeder's scan of the same device becomes an asset of its own. Agents' own hosts
-- (source agent) keep using agent_id. Existing scanned assets get the actor that created them.
ALTER TABLE assets ADD COLUMN fed_by VARCHAR(64);
UPDATE assets SET fed_by = 'collector' WHERE source = 'collector';
UPDATE assets SET fed_by = (SELECT MIN(l.actor) FROM audit_log l WHERE l.action = 'asset.create' AND l.target = assets.id)
    WHERE source = 'scan';
CREATE INDEX assets_fed_by ON assets(fed_by);

-- The names an evidence file was accepted under, each with the content type its extension and
-- content gave: an answer may only name its file as it was uploaded, and downloads use that name.
CREATE TABLE attachment_names (
    sha256       VARCHAR(64)  NOT NULL REFERENCES attachments(sha256),
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(128) NOT NULL,
    accepted_by  VARCHAR(128) NOT NULL,
    accepted_at  BIGINT       NOT NULL,
    PRIMARY KEY (sha256, filename)
);
INSERT INTO attachment_names (sha256, filename, content_type, accepted_by, accepted_at)
    SELECT aa.sha256, aa.filename, MIN(t.content_type), 'migration', MIN(t.created_at)
    FROM answer_attachments aa JOIN attachments t ON t.sha256 = aa.sha256 GROUP BY aa.sha256, aa.filename;

-- Each answer's file keeps the content type and size it was accepted with (not first-wins per hash).
ALTER TABLE answer_attachments ADD COLUMN content_type VARCHAR(128);
ALTER TABLE answer_attachments ADD COLUMN size BIGINT;
UPDATE answer_attachments SET content_type = (SELECT t.content_type FROM attachments t WHERE t.sha256 = answer_attachments.sha256),
    size = (SELECT t.size FROM attachments t WHERE t.sha256 = answer_attachments.sha256);
