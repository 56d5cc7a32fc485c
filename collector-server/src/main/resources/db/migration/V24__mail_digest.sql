-- Mail digest and reminders (akashi.mail.*, akashi.digest.*), chat channel filters and the
-- durable delivery history of every notification (mail and chat).

-- Each person's mail settings, made on their account page; no row = no mail.
CREATE TABLE mail_settings (
    user_id    VARCHAR(36)  PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    digest     BOOLEAN      NOT NULL,
    sections   VARCHAR(200) NOT NULL,
    updated_at BIGINT       NOT NULL
);

-- One row per person and local day of the display zone: the collector that inserts it first
-- sends that day's digest (several collectors on one database send it once). outcome: claimed
-- (being sent), sent, empty (nothing to say, not sent), failed (tried again up to the limit).
CREATE TABLE digest_runs (
    user_id     VARCHAR(36)  NOT NULL,
    day         VARCHAR(10)  NOT NULL,
    claimed_by  VARCHAR(200) NOT NULL,
    claimed_at  BIGINT       NOT NULL,
    window_from BIGINT       NOT NULL,
    window_to   BIGINT       NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    tries       INTEGER      NOT NULL,
    error       VARCHAR(400),
    finished_at BIGINT,
    PRIMARY KEY (user_id, day)
);

-- Expiry reminders (30/7/1 days before an answer or exception expires) already mailed, so each
-- is sent once; an exception renewed with a new expiry is reminded again.
CREATE TABLE reminders_sent (
    user_id    VARCHAR(36) NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    item_id    VARCHAR(36) NOT NULL,
    expires_at BIGINT      NOT NULL,
    days       INTEGER     NOT NULL,
    sent_at    BIGINT      NOT NULL,
    PRIMARY KEY (user_id, kind, item_id, expires_at, days)
);

-- Which events a configured chat channel gets; no row = every event. channel_key names the
-- channel without its secret URL (a hash of it).
CREATE TABLE channel_settings (
    channel_key VARCHAR(80)  PRIMARY KEY,
    events      VARCHAR(200) NOT NULL,
    updated_at  BIGINT       NOT NULL
);

-- Every notification's outcome, for the admins' 通知 page; pruned by akashi.retention.deliveries.
-- recipient is a chat receiver's host or a masked mail address; error never holds a secret.
CREATE TABLE delivery_history (
    id        VARCHAR(36)  PRIMARY KEY,
    at        BIGINT       NOT NULL,
    channel   VARCHAR(16)  NOT NULL,
    recipient VARCHAR(200) NOT NULL,
    event     VARCHAR(64)  NOT NULL,
    target    VARCHAR(200),
    delivered BOOLEAN      NOT NULL,
    status    INTEGER,
    attempts  INTEGER      NOT NULL,
    error     VARCHAR(400)
);
CREATE INDEX delivery_history_at ON delivery_history(at);

-- Chat receivers added on the admins' 通知 page (besides those in the configuration). The URL is
-- the receiver's secret: stored only AES-256-GCM encrypted (targets.CredentialCipher, key file
-- <data-dir>/secrets/credentials.key, 0600; the row id as associated data); host is for display.
CREATE TABLE chat_receivers (
    id         VARCHAR(36)  PRIMARY KEY,
    channel    VARCHAR(16)  NOT NULL,
    host       VARCHAR(260) NOT NULL,
    url_sealed ${text}      NOT NULL,
    key_id     VARCHAR(16)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL
);
