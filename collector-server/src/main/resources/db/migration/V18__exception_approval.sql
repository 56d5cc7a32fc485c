-- Exceptions are requested by one person and decided by another (never the requester): a request
-- covers nothing until it is approved. Rows from before this version were recorded with a typed
-- approver name and already covered verdicts; they stay 'approved' (decided_by NULL marks them
-- as approved outside the tool) so an upgrade changes no verdict.
ALTER TABLE exceptions ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'approved';
ALTER TABLE exceptions ADD COLUMN decided_by VARCHAR(64);
ALTER TABLE exceptions ADD COLUMN decided_at BIGINT;
ALTER TABLE exceptions ADD COLUMN decision_note ${text};
CREATE INDEX exceptions_status ON exceptions(status);
