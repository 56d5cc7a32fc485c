-- What each agent's reports said about its own spool (docs/INGEST.md, spoolDrops / spoolProblem).
-- lost_total is the collector's own cumulative count of reports lost on the host: it only grows.
-- reported_total is the last total the agent sent; a later, smaller total means the agent's
-- counter was reset (its state files lost), and its whole new total is added, never subtracted.
-- first_lost_at / last_lost_at span the collection times of the lost reports (epoch ms).
-- problem is the agent's "cannot write to the spool" error as of report problem_report_id: it is
-- current while that report is the newest one of the agent's asset.
CREATE TABLE agent_spool_health (
    agent_id          VARCHAR(36)   PRIMARY KEY,
    reported_total    BIGINT        NOT NULL DEFAULT 0,
    lost_total        BIGINT        NOT NULL DEFAULT 0,
    first_lost_at     BIGINT,
    last_lost_at      BIGINT,
    problem           VARCHAR(1024),
    problem_report_id VARCHAR(36),
    problem_at        BIGINT,
    updated_at        BIGINT        NOT NULL
);
