package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for users, sessions and login failures. */
@Singleton
public class UserStore {

    /**
     * The account a typed name belongs to: the one whose key ({@link UserNames#key}) it has, or
     * the one with exactly that name (an older look-alike whose key got a suffix in V10).
     */
    public Optional<User> byUsername(Handle h, String username) {
        return h.createQuery("SELECT * FROM users WHERE username_key = :k OR username = :u "
                        + "ORDER BY CASE WHEN username = :u THEN 0 ELSE 1 END")
                .bind("k", UserNames.key(username)).bind("u", username)
                .map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Whether a name with the same key is taken (so a new account may not have it). */
    public boolean keyTaken(Handle h, String key) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE username_key = :k").bind("k", key).mapTo(Long.class).one() > 0;
    }

    /** Replaces the password hash without touching the must-change flag (a rehash with today's parameters). */
    public void rehash(Handle h, String userId, String hash) {
        h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id").bind("hash", hash).bind("id", userId).execute();
    }

    public Optional<User> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findFirst();
    }

    public List<User> all(Handle h) {
        return h.createQuery("SELECT * FROM users ORDER BY username").map((rs, ctx) -> map(rs)).list();
    }

    public long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
    }

    public void insert(Handle h, User u) {
        h.createUpdate("INSERT INTO users (id, username, username_key, display_name, role, password_hash, must_change_password, "
                        + "disabled, locale, created_at, password_changed_at) VALUES (:id, :username, :key, :displayName, "
                        + ":role, :hash, :mustChange, :disabled, :locale, :createdAt, :changedAt)")
                .bind("id", u.id()).bind("username", u.username()).bind("key", UserNames.key(u.username()))
                .bind("displayName", u.displayName())
                .bind("role", u.role().wire()).bind("hash", u.passwordHash())
                .bind("mustChange", u.mustChangePassword()).bind("disabled", u.disabled())
                .bind("locale", u.locale()).bind("createdAt", u.createdAt()).bind("changedAt", u.passwordChangedAt())
                .execute();
    }

    public void updatePassword(Handle h, String userId, String hash, long at) {
        h.createUpdate("UPDATE users SET password_hash = :hash, must_change_password = FALSE, password_changed_at = :at WHERE id = :id")
                .bind("hash", hash).bind("at", at).bind("id", userId).execute();
    }

    /** A password an admin set: the user must replace it at the next login. */
    public void resetPassword(Handle h, String userId, String hash, long at) {
        h.createUpdate("UPDATE users SET password_hash = :hash, must_change_password = TRUE, password_changed_at = :at WHERE id = :id")
                .bind("hash", hash).bind("at", at).bind("id", userId).execute();
    }

    public void updateLocale(Handle h, String userId, String locale) {
        h.createUpdate("UPDATE users SET locale = :locale WHERE id = :id").bind("locale", locale).bind("id", userId).execute();
    }

    public void update(Handle h, String userId, String displayName, Role role, boolean disabled, String locale) {
        h.createUpdate("UPDATE users SET display_name = :dn, role = :role, disabled = :disabled, locale = :locale WHERE id = :id")
                .bind("dn", displayName).bind("role", role.wire()).bind("disabled", disabled)
                .bind("locale", locale).bind("id", userId).execute();
    }

    // ---- sessions ----

    public record Session(String tokenHash, String userId, String kind, String csrfToken, long createdAt,
                          long expiresAt, long lastSeenAt) {
    }

    public void insertSession(Handle h, Session s, String client, String userAgent) {
        h.createUpdate("INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at, last_seen_at, client, user_agent) "
                        + "VALUES (:t, :u, :k, :c, :created, :expires, :seen, :client, :ua)")
                .bind("t", s.tokenHash()).bind("u", s.userId()).bind("k", s.kind()).bind("c", s.csrfToken())
                .bind("created", s.createdAt()).bind("expires", s.expiresAt()).bind("seen", s.lastSeenAt())
                .bind("client", client).bind("ua", userAgent).execute();
    }

    /** A session as the sessions list shows it: no token, no CSRF token. */
    public record SessionRow(String tokenHash, String kind, long createdAt, long lastSeenAt, long expiresAt, String client,
                             String userAgent) {
    }

    /** The user's unexpired sessions, newest first. */
    public List<SessionRow> sessionsOf(Handle h, String userId, long now) {
        return h.createQuery("SELECT token_hash, kind, created_at, last_seen_at, expires_at, client, user_agent FROM sessions "
                        + "WHERE user_id = :u AND expires_at >= :now ORDER BY created_at DESC")
                .bind("u", userId).bind("now", now)
                .map((rs, ctx) -> new SessionRow(rs.getString("token_hash"), rs.getString("kind"), rs.getLong("created_at"),
                        rs.getLong("last_seen_at"), rs.getLong("expires_at"), rs.getString("client"), rs.getString("user_agent")))
                .list();
    }

    /** Ends the user's sessions except {@code keep} (null: all); how many ended. */
    public int deleteSessionsOfExcept(Handle h, String userId, String keep) {
        return h.createUpdate("DELETE FROM sessions WHERE user_id = :u AND token_hash <> :k")
                .bind("u", userId).bind("k", keep == null ? "" : keep).execute();
    }

    public Optional<Session> session(Handle h, String tokenHash) {
        return h.createQuery("SELECT * FROM sessions WHERE token_hash = :t").bind("t", tokenHash)
                .map((rs, ctx) -> new Session(rs.getString("token_hash"), rs.getString("user_id"), rs.getString("kind"),
                        rs.getString("csrf_token"), rs.getLong("created_at"), rs.getLong("expires_at"), rs.getLong("last_seen_at")))
                .findFirst();
    }

    /** A session that has not expired at {@code now}, with its enabled user. */
    public record LiveSession(Session session, User user) {
    }

    /** One read: the session of {@code tokenHash} if it is unexpired at {@code now} and its user is enabled. */
    public Optional<LiveSession> liveSession(Handle h, String tokenHash, long now) {
        return h.createQuery("SELECT s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_at AS s_created_at, "
                        + "s.expires_at, s.last_seen_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE s.token_hash = :t AND s.expires_at >= :now AND u.disabled = FALSE")
                .bind("t", tokenHash).bind("now", now)
                .map((rs, ctx) -> new LiveSession(new Session(rs.getString("token_hash"), rs.getString("user_id"),
                        rs.getString("kind"), rs.getString("csrf_token"), rs.getLong("s_created_at"), rs.getLong("expires_at"),
                        rs.getLong("last_seen_at")), map(rs)))
                .findFirst();
    }

    public void touchSession(Handle h, String tokenHash, long at, long expiresAt) {
        h.createUpdate("UPDATE sessions SET last_seen_at = :at, expires_at = :exp WHERE token_hash = :t")
                .bind("at", at).bind("exp", expiresAt).bind("t", tokenHash).execute();
    }

    public void deleteSession(Handle h, String tokenHash) {
        h.createUpdate("DELETE FROM sessions WHERE token_hash = :t").bind("t", tokenHash).execute();
    }

    public void deleteSessionsOf(Handle h, String userId) {
        h.createUpdate("DELETE FROM sessions WHERE user_id = :u").bind("u", userId).execute();
    }

    public void deleteExpiredSessions(Handle h, long now) {
        h.createUpdate("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute();
    }

    // ---- login failures ----

    public void recordFailure(Handle h, String id, String username, String remote, long at) {
        h.createUpdate("INSERT INTO login_failures (id, username, remote, at) VALUES (:id, :u, :r, :at)")
                .bind("id", id).bind("u", username).bind("r", remote).bind("at", at).execute();
    }

    /** How many failures since a time, with the earliest and latest of them (0 when none). */
    public record FailureCount(long count, long earliest, long latest) {
    }

    public FailureCount pairFailures(Handle h, String userKey, String remote, long since) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at FROM login_failures "
                        + "WHERE username = :u AND remote = :r AND at >= :since")
                .bind("u", userKey).bind("r", remote).bind("since", since)
                .map((rs, ctx) -> new FailureCount(rs.getLong("n"), rs.getLong("first_at"), rs.getLong("last_at"))).one();
    }

    public FailureCount addressFailures(Handle h, String remote, long since) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at FROM login_failures "
                        + "WHERE remote = :r AND at >= :since")
                .bind("r", remote).bind("since", since)
                .map((rs, ctx) -> new FailureCount(rs.getLong("n"), rs.getLong("first_at"), rs.getLong("last_at"))).one();
    }

    /** Failures of one user name from any address since a time (for {@link FailureLock}). */
    public long userFailures(Handle h, String userKey, long since) {
        return h.createQuery("SELECT COUNT(*) FROM login_failures WHERE username = :u AND at >= :since")
                .bind("u", userKey).bind("since", since).mapTo(Long.class).one();
    }

    public void clearFailuresOf(Handle h, String userKey) {
        h.createUpdate("DELETE FROM login_failures WHERE username = :u").bind("u", userKey).execute();
    }

    public Optional<Long> failureLockedAt(Handle h, String userId) {
        return h.createQuery("SELECT failure_locked_at FROM users WHERE id = :id AND failure_locked_at IS NOT NULL")
                .bind("id", userId).mapTo(Long.class).findFirst();
    }

    /** Locks (at a time) or unlocks (null) an account for failed logins. */
    public void setFailureLock(Handle h, String userId, Long at) {
        h.createUpdate("UPDATE users SET failure_locked_at = :at WHERE id = :id").bind("at", at).bind("id", userId).execute();
    }

    public void clearPairFailures(Handle h, String userKey, String remote) {
        h.createUpdate("DELETE FROM login_failures WHERE username = :u AND remote = :r").bind("u", userKey).bind("r", remote).execute();
    }

    public void pruneFailures(Handle h, long before) {
        h.createUpdate("DELETE FROM login_failures WHERE at < :b").bind("b", before).execute();
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                Role.parse(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("must_change_password"),
                rs.getBoolean("disabled"), rs.getString("locale"), rs.getLong("created_at"), rs.getLong("password_changed_at"));
    }
}
