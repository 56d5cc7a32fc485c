package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for TOTP secrets, recovery codes, pending (half-done) logins and the account-wide login settings. */
@Singleton
public class TwoFactorStore {
    public static final String REQUIRED = "two-factor.required";

    /** A user's TOTP row: the sealed secret, whether enrolment was confirmed and the last accepted step. */
    public record Row(String userId, String sealedSecret, boolean confirmed, long lastStep, long createdAt, Long confirmedAt) {
    }

    public Optional<Row> row(Handle h, String userId) {
        return h.createQuery("SELECT * FROM user_totp WHERE user_id = :u").bind("u", userId)
                .map((rs, ctx) -> {
                    long confirmedAt = rs.getLong("confirmed_at");
                    return new Row(rs.getString("user_id"), rs.getString("secret"), rs.getBoolean("confirmed"),
                            rs.getLong("last_step"), rs.getLong("created_at"), rs.wasNull() ? null : confirmedAt);
                })
                .findFirst();
    }

    /** Starts (or restarts) an unconfirmed enrolment with a new secret. */
    public void begin(Handle h, String userId, String sealedSecret, long at) {
        h.createUpdate("DELETE FROM user_totp WHERE user_id = :u").bind("u", userId).execute();
        h.createUpdate("INSERT INTO user_totp (user_id, secret, confirmed, last_step, created_at) VALUES (:u, :s, FALSE, 0, :at)")
                .bind("u", userId).bind("s", sealedSecret).bind("at", at).execute();
    }

    /**
     * Records {@code step} as used, only if it is later than the stored one: of two requests with
     * the same code (two instances, one race) only one moves the step and wins.
     */
    public boolean accept(Handle h, String userId, long step) {
        return h.createUpdate("UPDATE user_totp SET last_step = :s WHERE user_id = :u AND last_step < :s")
                .bind("s", step).bind("u", userId).execute() == 1;
    }

    public void confirm(Handle h, String userId, long at) {
        h.createUpdate("UPDATE user_totp SET confirmed = TRUE, confirmed_at = :at WHERE user_id = :u")
                .bind("at", at).bind("u", userId).execute();
    }

    /** Removes the secret and the recovery codes (admin reset, or the person turning it off). */
    public void remove(Handle h, String userId) {
        h.createUpdate("DELETE FROM user_totp WHERE user_id = :u").bind("u", userId).execute();
        h.createUpdate("DELETE FROM totp_recovery_codes WHERE user_id = :u").bind("u", userId).execute();
    }

    public void replaceRecoveryCodes(Handle h, String userId, Iterable<String> hashes, long at) {
        h.createUpdate("DELETE FROM totp_recovery_codes WHERE user_id = :u").bind("u", userId).execute();
        for (String hash : hashes) {
            h.createUpdate("INSERT INTO totp_recovery_codes (code_hash, user_id, created_at) VALUES (:c, :u, :at)")
                    .bind("c", hash).bind("u", userId).bind("at", at).execute();
        }
    }

    /** Marks an unused code of the user as used; false when it is not theirs or was used already. */
    public boolean useRecoveryCode(Handle h, String userId, String hash, long at) {
        return h.createUpdate("UPDATE totp_recovery_codes SET used_at = :at WHERE code_hash = :c AND user_id = :u AND used_at IS NULL")
                .bind("at", at).bind("c", hash).bind("u", userId).execute() == 1;
    }

    public long unusedRecoveryCodes(Handle h, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM totp_recovery_codes WHERE user_id = :u AND used_at IS NULL")
                .bind("u", userId).mapTo(Long.class).one();
    }

    // ---- pending logins ----

    public record Pending(String tokenHash, String userId, long createdAt, long expiresAt) {
    }

    public void insertPending(Handle h, Pending p) {
        h.createUpdate("DELETE FROM pending_logins WHERE expires_at < :now").bind("now", p.createdAt()).execute();
        h.createUpdate("INSERT INTO pending_logins (token_hash, user_id, created_at, expires_at) VALUES (:t, :u, :c, :e)")
                .bind("t", p.tokenHash()).bind("u", p.userId()).bind("c", p.createdAt()).bind("e", p.expiresAt()).execute();
    }

    public Optional<Pending> pending(Handle h, String tokenHash, long now) {
        return h.createQuery("SELECT * FROM pending_logins WHERE token_hash = :t AND expires_at >= :now")
                .bind("t", tokenHash).bind("now", now)
                .map((rs, ctx) -> new Pending(rs.getString("token_hash"), rs.getString("user_id"), rs.getLong("created_at"),
                        rs.getLong("expires_at")))
                .findFirst();
    }

    public void deletePending(Handle h, String tokenHash) {
        h.createUpdate("DELETE FROM pending_logins WHERE token_hash = :t").bind("t", tokenHash).execute();
    }

    public void deletePendingOf(Handle h, String userId) {
        h.createUpdate("DELETE FROM pending_logins WHERE user_id = :u").bind("u", userId).execute();
    }

    // ---- settings ----

    public Optional<String> setting(Handle h, String name) {
        return h.createQuery("SELECT value FROM auth_settings WHERE name = :n").bind("n", name).mapTo(String.class).findFirst();
    }

    public void putSetting(Handle h, String name, String value, String by, long at) {
        h.createUpdate("DELETE FROM auth_settings WHERE name = :n").bind("n", name).execute();
        h.createUpdate("INSERT INTO auth_settings (name, value, set_by, set_at) VALUES (:n, :v, :b, :at)")
                .bind("n", name).bind("v", value).bind("b", by).bind("at", at).execute();
    }

    /**
     * For the console's gate, in one read: whether the policy requires two-factor login and
     * whether the user has a confirmed TOTP.
     */
    public record Status(boolean required, boolean enrolled) {
    }

    public Status status(Handle h, String userId) {
        return h.createQuery("SELECT (SELECT value FROM auth_settings WHERE name = :n) AS req, "
                        + "(SELECT COUNT(*) FROM user_totp WHERE user_id = :u AND confirmed = TRUE) AS enrolled")
                .bind("n", REQUIRED).bind("u", userId)
                .map((rs, ctx) -> new Status("true".equals(rs.getString("req")), rs.getLong("enrolled") > 0)).one();
    }

    /** Ids of users with a confirmed TOTP (the users list shows it). */
    public java.util.Set<String> enrolledUsers(Handle h) {
        return new java.util.HashSet<>(h.createQuery("SELECT user_id FROM user_totp WHERE confirmed = TRUE").mapTo(String.class).list());
    }
}
