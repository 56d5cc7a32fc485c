-- Compliance engine: check results per asset, criterion verdicts, their histories, people's
-- answers with evidence files, exceptions. Times are epoch milliseconds.

-- Current verdict of every check on every asset; `since` is when the status last changed.
CREATE TABLE check_results (
    asset_id     VARCHAR(36)  NOT NULL REFERENCES assets(id),
    check_id     VARCHAR(128) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    reason_ja    ${text}      NOT NULL,
    reason_en    ${text}      NOT NULL,
    facts        ${text}      NOT NULL,
    report_id    VARCHAR(36),
    since        BIGINT       NOT NULL,
    evaluated_at BIGINT       NOT NULL,
    PRIMARY KEY (asset_id, check_id)
);
CREATE INDEX check_results_check_status ON check_results(check_id, status);

-- Every change of a check's status on an asset: "since when is this failing", "state on date X".
CREATE TABLE check_transitions (
    id          VARCHAR(36)  PRIMARY KEY,
    asset_id    VARCHAR(36)  NOT NULL,
    check_id    VARCHAR(128) NOT NULL,
    at          BIGINT       NOT NULL,
    from_status VARCHAR(16),
    to_status   VARCHAR(16)  NOT NULL,
    reason_ja   ${text}
);
CREATE INDEX check_transitions_asset_check_at ON check_transitions(asset_id, check_id, at);
CREATE INDEX check_transitions_at ON check_transitions(at);

-- Current verdict of every criterion (global id), with its reasons as JSON.
CREATE TABLE criterion_verdicts (
    criterion_id VARCHAR(128) PRIMARY KEY,
    verdict      VARCHAR(16)  NOT NULL,
    detail       ${text}      NOT NULL,
    since        BIGINT       NOT NULL,
    evaluated_at BIGINT       NOT NULL
);

CREATE TABLE criterion_transitions (
    id           VARCHAR(36)  PRIMARY KEY,
    criterion_id VARCHAR(128) NOT NULL,
    at           BIGINT       NOT NULL,
    from_verdict VARCHAR(16),
    to_verdict   VARCHAR(16)  NOT NULL,
    reason       ${text}
);
CREATE INDEX criterion_transitions_criterion_at ON criterion_transitions(criterion_id, at);
CREATE INDEX criterion_transitions_at ON criterion_transitions(at);

-- Framework scores over time (one row per framework version and application type per day).
CREATE TABLE score_history (
    framework   VARCHAR(32)  NOT NULL,
    version     VARCHAR(32)  NOT NULL,
    application VARCHAR(16)  NOT NULL,
    day         VARCHAR(10)  NOT NULL,
    at          BIGINT       NOT NULL,
    summary     ${text}      NOT NULL,
    PRIMARY KEY (framework, version, application, day)
);

-- Content-addressed evidence files; the bytes live under <data-dir>/attachments/<aa>/<sha256>.
CREATE TABLE attachments (
    sha256       VARCHAR(64)  PRIMARY KEY,
    size         BIGINT       NOT NULL,
    content_type VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL
);

-- People's answers to manual and hybrid criteria: append-only, the newest per criterion counts.
CREATE TABLE answers (
    id           VARCHAR(36)  PRIMARY KEY,
    criterion_id VARCHAR(128) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    points       INTEGER,
    option_id    VARCHAR(64),
    comment      ${text},
    answered_by  VARCHAR(64)  NOT NULL,
    answered_at  BIGINT       NOT NULL,
    valid_until  BIGINT,
    supersedes   VARCHAR(36)
);
CREATE INDEX answers_criterion_at ON answers(criterion_id, answered_at);

CREATE TABLE answer_attachments (
    answer_id VARCHAR(36)  NOT NULL REFERENCES answers(id),
    sha256    VARCHAR(64)  NOT NULL REFERENCES attachments(sha256),
    filename  VARCHAR(255) NOT NULL,
    PRIMARY KEY (answer_id, sha256)
);

-- Accepted deviations: a check (on some assets) or a criterion, with justification and expiry.
CREATE TABLE exceptions (
    id            VARCHAR(36)  PRIMARY KEY,
    target_type   VARCHAR(16)  NOT NULL,
    target_id     VARCHAR(128) NOT NULL,
    asset_scope   ${text}      NOT NULL,
    justification ${text}      NOT NULL,
    approver      VARCHAR(128) NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    revoked_at    BIGINT,
    revoked_by    VARCHAR(64)
);
CREATE INDEX exceptions_target ON exceptions(target_type, target_id);

-- When each pending security update was first seen pending on an asset (its age where the
-- update source gives no release date).
CREATE TABLE pending_updates_seen (
    asset_id      VARCHAR(36)  NOT NULL,
    update_key    VARCHAR(255) NOT NULL,
    first_seen_at BIGINT       NOT NULL,
    PRIMARY KEY (asset_id, update_key)
);

-- Small key-value state of the evaluator (e.g. the check library version last evaluated).
CREATE TABLE evaluation_state (
    name  VARCHAR(64) PRIMARY KEY,
    value ${text}     NOT NULL
);
