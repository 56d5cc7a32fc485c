package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for the links between an OpenID provider's people (issuer, subject) and Akashi accounts (V22). */
@Singleton
public class OidcIdentities {

    /** The account linked to the provider's person, if one was made for them. */
    public Optional<String> userOf(Handle h, String issuer, String subject) {
        return h.createQuery("SELECT user_id FROM oidc_identities WHERE issuer = :i AND subject = :s")
                .bind("i", issuer).bind("s", subject).mapTo(String.class).findFirst();
    }

    /** Whether the account logs in through a provider (and so has no usable password). */
    public boolean linked(Handle h, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oidc_identities WHERE user_id = :u")
                .bind("u", userId).mapTo(Long.class).one() > 0;
    }

    public void link(Handle h, String issuer, String subject, String userId, long now) {
        h.createUpdate("INSERT INTO oidc_identities (issuer, subject, user_id, created_at, last_login_at) "
                        + "VALUES (:i, :s, :u, :now, :now)")
                .bind("i", issuer).bind("s", subject).bind("u", userId).bind("now", now).execute();
    }

    public void touch(Handle h, String issuer, String subject, long now) {
        h.createUpdate("UPDATE oidc_identities SET last_login_at = :now WHERE issuer = :i AND subject = :s")
                .bind("i", issuer).bind("s", subject).bind("now", now).execute();
    }
}
