-- What an agent's last report said about the agent itself, and when it is due again.
-- late_after / stopped_after are computed at ingest from the agent's own interval, so the
-- console's state (reporting, late, stopped) and its counts are one comparison with "now".
ALTER TABLE agents ADD COLUMN last_interval_s INTEGER;
ALTER TABLE agents ADD COLUMN last_probe_errors INTEGER;
ALTER TABLE agents ADD COLUMN last_collect_ms BIGINT;
ALTER TABLE agents ADD COLUMN last_clock_skew_ms BIGINT;
ALTER TABLE agents ADD COLUMN late_after BIGINT;
ALTER TABLE agents ADD COLUMN stopped_after BIGINT;

-- A form's one-time nonce: reloading the page that answered "token created" must not make a second token.
ALTER TABLE enrollment_tokens ADD COLUMN form_nonce VARCHAR(64);
CREATE UNIQUE INDEX enrollment_tokens_form_nonce ON enrollment_tokens(form_nonce);
