-- Single sign-on (akashi.oidc.*): the person an OpenID provider vouches for, by the provider's
-- issuer URL and its subject (the "sub" claim, stable for the person at that provider), linked to
-- the Akashi account that was made for them at their first login. Accounts are never linked by
-- name: a provider's user called "admin" does not become the local admin.
CREATE TABLE oidc_identities (
    issuer        VARCHAR(512) NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    user_id       VARCHAR(36)  NOT NULL REFERENCES users(id),
    created_at    BIGINT       NOT NULL,
    last_login_at BIGINT       NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities(user_id);
