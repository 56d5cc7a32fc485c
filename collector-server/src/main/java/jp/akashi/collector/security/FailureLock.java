package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * An optional account lock after {@code akashi.login.lock-after} failed logins (passwords or
 * second factors, from any address) within a day; 0, the default, never locks ({@link LoginThrottle}
 * alone slows guessing, and nobody can lock someone else out). A locked account opens only
 * with the right password <em>and</em> a second factor — a two-factor login, which also lifts the
 * lock — or after an admin unlocks it. Locks and unlocks are audit-logged.
 */
@Singleton
public class FailureLock {
    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final int lockAfter;

    @jakarta.inject.Inject
    public FailureLock(Database db, UserStore users, AuditLog audit, LoginProperties login) {
        this(db, users, audit, login.lockAfter());
    }

    public FailureLock(Database db, UserStore users, AuditLog audit, int lockAfter) {
        if (lockAfter < 0) {
            throw new IllegalArgumentException("akashi.login.lock-after must be >= 0 (0: never lock)");
        }
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.lockAfter = lockAfter;
    }

    boolean locked(Handle h, String userId) {
        return users.failureLockedAt(h, userId).isPresent();
    }

    /** After a recorded failure: locks the account once its failures of the last day reach the limit. */
    void afterFailure(Handle h, Optional<User> user, String userKey, long now) {
        if (lockAfter == 0 || user.isEmpty() || locked(h, user.get().id())) {
            return;
        }
        long failures = users.userFailures(h, userKey, now - LoginThrottle.PAIR_MEMORY.toMillis());
        if (failures >= lockAfter) {
            users.setFailureLock(h, user.get().id(), now);
            audit.append(h, "system", "user.lock_failures", user.get().username(), Map.of("failures", failures));
        }
    }

    /** After a two-factor login: the person proved both factors, so the lock goes. */
    void afterTwoFactorLogin(Handle h, User user) {
        if (locked(h, user.id())) {
            users.setFailureLock(h, user.id(), null);
            audit.append(h, "user:" + user.username(), "user.unlock_two_factor", user.username(), Map.of());
        }
    }

    public boolean locked(String userId) {
        return db.read(h -> locked(h, userId));
    }

    /** An admin lifts the lock. */
    public void unlock(Caller admin, String userId) {
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> Refusal.notFound("no user " + userId));
            if (!locked(h, userId)) {
                throw Refusal.conflict(u.username() + " is not locked", u.username() + " はロックされていません。");
            }
            users.setFailureLock(h, userId, null);
            users.clearFailuresOf(h, UserNames.key(u.username()));
            audit.append(h, admin.actor(), "user.unlock_failures", u.username(), Map.of());
            return null;
        });
    }
}
