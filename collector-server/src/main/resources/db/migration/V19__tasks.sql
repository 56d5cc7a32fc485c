-- Work on a failing check result (one asset, or every asset the check fails on) or an unmet
-- criterion, owned by one person with a due date. A task closes itself when its check passes
-- (or stops applying) or its criterion is met; "won't fix" turns it into an exception request.
CREATE TABLE tasks (
    id            VARCHAR(36)  PRIMARY KEY,
    target_type   VARCHAR(16)  NOT NULL,
    target_id     VARCHAR(128) NOT NULL,
    asset_id      VARCHAR(36),
    owner         VARCHAR(64)  NOT NULL,
    due_day       VARCHAR(10)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    note          ${text},
    created_by    VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    closed_at     BIGINT,
    closed_by     VARCHAR(64),
    closed_reason VARCHAR(16),
    exception_id  VARCHAR(36)
);
CREATE INDEX tasks_status_owner ON tasks(status, owner);
CREATE INDEX tasks_target ON tasks(target_type, target_id, asset_id);
