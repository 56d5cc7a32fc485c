-- Two-factor login (TOTP, RFC 6238) for local accounts, and what the sessions list shows.
-- The TOTP secret is stored encrypted (AES-GCM, key file in the data directory: security.SealingKey);
-- recovery codes only as SHA-256 (80 random bits each). last_step is the last time step whose code
-- was accepted: a code of that step or an earlier one is refused (no replay).
CREATE TABLE user_totp (
    user_id      VARCHAR(36)  PRIMARY KEY REFERENCES users(id),
    secret       VARCHAR(255) NOT NULL,
    confirmed    BOOLEAN      NOT NULL DEFAULT FALSE,
    last_step    BIGINT       NOT NULL DEFAULT 0,
    created_at   BIGINT       NOT NULL,
    confirmed_at BIGINT
);

CREATE TABLE totp_recovery_codes (
    code_hash VARCHAR(64) PRIMARY KEY,
    user_id   VARCHAR(36) NOT NULL REFERENCES users(id),
    created_at BIGINT     NOT NULL,
    used_at   BIGINT
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes(user_id);

-- A browser's login between the right password and the second factor (at most 5 minutes).
CREATE TABLE pending_logins (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(36) NOT NULL REFERENCES users(id),
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);

-- Account-wide login settings shared by every collector instance (name → value), e.g.
-- two-factor.required = true.
CREATE TABLE auth_settings (
    name       VARCHAR(64)  PRIMARY KEY,
    value      VARCHAR(255) NOT NULL,
    set_by     VARCHAR(200) NOT NULL,
    set_at     BIGINT       NOT NULL
);

ALTER TABLE sessions ADD COLUMN user_agent VARCHAR(255);

-- Set when akashi.login.lock-after failed logins locked the account (off by default); cleared by
-- an admin's unlock or by a login with the right password and second factor.
ALTER TABLE users ADD COLUMN failure_locked_at BIGINT;
