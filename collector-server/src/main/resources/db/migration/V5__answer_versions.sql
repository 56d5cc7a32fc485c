-- The catalog version an answer was given against, so that an answer carried to a newer version
-- whose wording changed can be flagged for confirmation (docs/COMPLIANCE.md).
ALTER TABLE answers ADD COLUMN catalog_version VARCHAR(64);
-- Answers stored before this column existed were given against the versions of that time:
-- the METI draft, Kubota 2.0, and for the ISP mark the check sheet wording (the comparison-based
-- version of that time kept it for all but six items; flagging those too only asks to confirm).
UPDATE answers SET catalog_version = '2025' WHERE criterion_id LIKE 'meti-scs:%';
UPDATE answers SET catalog_version = '2.0' WHERE criterion_id LIKE 'kubota:%';
UPDATE answers SET catalog_version = 'checksheet' WHERE criterion_id LIKE 'jaipa-isp:%';
