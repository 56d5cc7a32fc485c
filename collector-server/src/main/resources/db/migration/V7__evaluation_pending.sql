-- Assets that need evaluation, written in the transaction that stores their report, so a crash
-- between storing and judging loses nothing: the evaluator drains this table (at start too) and
-- removes a row only when it judged the asset on the report the row names. queued_at is when the
-- asset first started waiting (kept on later reports), attempts/next_attempt_at give the backoff.
CREATE TABLE evaluation_pending (
    asset_id        VARCHAR(36) PRIMARY KEY,
    report_id       VARCHAR(36),
    queued_at       BIGINT      NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX evaluation_pending_queued ON evaluation_pending(queued_at);
