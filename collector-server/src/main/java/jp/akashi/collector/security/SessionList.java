package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * A person's sessions: console sessions and API bearer tokens, listed with when they began, were
 * last used and end, the client address and user agent; one can be ended, or all ("sign out
 * everywhere", keeping the caller's own session or not). Since every request reads its session
 * from the database, an ended session is refused at its next request on every instance.
 * A session's id in the list is derived from its token hash, so the list never shows anything
 * that identifies a session to the server (the hash is its key).
 */
@Singleton
public class SessionList {
    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;

    public SessionList(Database db, UserStore users, AuditLog audit, Clock clock) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** One session; {@code current}: the one the asking request came with. */
    public record Entry(String id, String kind, long createdAt, long lastSeenAt, long expiresAt, String client,
                        String userAgent, boolean current) {
    }

    public List<Entry> of(String userId, Caller asking) {
        long now = clock.millis();
        String current = asking == null ? null : asking.sessionHash();
        return db.read(h -> users.sessionsOf(h, userId, now)).stream()
                .map(s -> new Entry(id(s.tokenHash()), s.kind(), s.createdAt(), s.lastSeenAt(), s.expiresAt(), s.client(),
                        s.userAgent(), s.tokenHash().equals(current)))
                .toList();
    }

    /** Ends one of {@code userId}'s sessions by its listed id. */
    public void revoke(Caller actor, String userId, String sessionId) {
        long now = clock.millis();
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> Refusal.notFound("no user " + userId));
            UserStore.SessionRow s = users.sessionsOf(h, userId, now).stream().filter(x -> id(x.tokenHash()).equals(sessionId))
                    .findFirst().orElseThrow(() -> Refusal.notFound("no session " + sessionId + " (ended already?)"));
            users.deleteSession(h, s.tokenHash());
            audit.append(h, actor.actor(), "auth.session_revoke", u.username(), Map.of("session", sessionId, "kind", s.kind()));
            return null;
        });
    }

    /** Ends all of {@code userId}'s sessions, except the actor's own when {@code keepOwn}; how many ended. */
    public int revokeAll(Caller actor, String userId, boolean keepOwn) {
        return db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> Refusal.notFound("no user " + userId));
            int n = users.deleteSessionsOfExcept(h, userId, keepOwn ? actor.sessionHash() : null);
            audit.append(h, actor.actor(), "auth.sessions_revoke_all", u.username(), Map.of("ended", n, "keptOwn", keepOwn));
            return n;
        });
    }

    static String id(String tokenHash) {
        return Secrets.hash("session-id:" + tokenHash).substring(0, 24);
    }
}
