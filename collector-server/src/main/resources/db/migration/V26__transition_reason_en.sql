-- A status change keeps its reason in English too, so the change feed and an asset's history are
-- in the reader's language (rows written before this migration have only the Japanese reason).
ALTER TABLE check_transitions ADD COLUMN reason_en ${text};
