package jp.akashi.collector.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * People's accounts: first admin, login with throttling, bearer tokens and browser sessions.
 * Sessions live in the database (so several collector instances share them) with a short
 * in-process cache to keep the database off the hot path.
 */
@Singleton
public class AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    static final int MAX_FAILURES_PER_USER = 5;
    static final int MAX_FAILURES_PER_REMOTE = 30;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final long CACHE_MILLIS = 15_000;
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration apiTtl;
    private final Duration webTtl;
    private final Duration webIdle;
    private final String configuredAdminPassword;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, long until) {
    }

    public AuthService(Database db, UserStore users, AuditLog audit, Clock clock,
                       @Value("${akashi.session.api-ttl:PT12H}") Duration apiTtl,
                       @Value("${akashi.session.web-ttl:PT8H}") Duration webTtl,
                       @Value("${akashi.session.web-idle:PT1H}") Duration webIdle,
                       @Value("${akashi.admin-password:}") String adminPassword) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.apiTtl = apiTtl;
        this.webTtl = webTtl;
        this.webIdle = webIdle;
        this.configuredAdminPassword = adminPassword;
    }

    /** On an empty database, creates the first admin and says how to log in (once). */
    @EventListener
    public void onStartup(StartupEvent e) {
        String generated = db.write(h -> {
            if (users.count(h) > 0) {
                return null;
            }
            boolean random = configuredAdminPassword.isEmpty();
            String pw = random ? Secrets.newPassword() : configuredAdminPassword;
            if (!random) {
                checkPasswordStrength("admin", pw);
            }
            long now = clock.millis();
            users.insert(h, new User(Ids.next(), "admin", "管理者", Role.ADMIN, PasswordHasher.hash(pw),
                    random, false, "ja", now, now));
            audit.append(h, "system", "user.create", "admin", Map.of("role", "admin", "bootstrap", true));
            return random ? pw : "";
        });
        if (generated != null) {
            String msg = generated.isEmpty()
                    ? "First admin created: user 'admin' with the password from AKASHI_ADMIN_PASSWORD."
                    : "First admin created: user 'admin', password " + generated + "  (shown once; change it after logging in)";
            System.out.println(msg);
            LOG.info("first admin account created");
        }
    }

    public record Login(String token, long expiresAt, User user, String csrfToken) {
    }

    /** Checks the password and opens a session of {@code kind} ("api" or "web"). */
    public Login login(String username, String password, String remote, String kind) {
        if (username == null || password == null || username.isBlank() || password.isEmpty()
                || username.length() > 64 || password.length() > 1024) {
            throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, "username and password are required");
        }
        long now = clock.millis();
        long since = now - FAILURE_WINDOW.toMillis();
        Login result = db.write(h -> {
            long userFailures = users.failuresForUser(h, username, since);
            long remoteFailures = remote == null ? 0 : users.failuresFromRemote(h, remote, since);
            if (userFailures >= MAX_FAILURES_PER_USER || remoteFailures >= MAX_FAILURES_PER_REMOTE) {
                throw new ApiException(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS,
                        "too many failed logins; try again in " + FAILURE_WINDOW.toMinutes() + " minutes");
            }
            Optional<User> u = users.byUsername(h, username);
            boolean ok = u.isPresent() && !u.get().disabled() && PasswordHasher.verify(password, u.get().passwordHash());
            if (u.isEmpty()) {
                PasswordHasher.verify(password, PasswordHasher.DUMMY);
            }
            if (!ok) {
                users.recordFailure(h, Ids.next(), username, remote, now);
                audit.append(h, "user:" + username, "auth.login_failed", username, remote == null ? Map.of() : Map.of("remote", remote));
                return null;
            }
            users.clearFailures(h, username);
            String token = Secrets.newSecret(Secrets.SESSION_PREFIX);
            String csrf = "web".equals(kind) ? Secrets.newSecret("") : null;
            long expires = now + ("web".equals(kind) ? webIdle : apiTtl).toMillis();
            users.insertSession(h, new UserStore.Session(Secrets.hash(token), u.get().id(), kind, csrf, now, expires, now), remote);
            users.deleteExpiredSessions(h, now);
            users.pruneFailures(h, now - Duration.ofDays(1).toMillis());
            audit.append(h, "user:" + username, "auth.login", username, Map.of("kind", kind));
            return new Login(token, expires, u.get(), csrf);
        });
        if (result == null) {
            // the failure was recorded (committed) above; only now refuse
            throw new ApiException(io.micronaut.http.HttpStatus.UNAUTHORIZED, "wrong username or password");
        }
        return result;
    }

    /** The caller a session token belongs to, if the session is valid. Web sessions slide on use. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || !token.startsWith(Secrets.SESSION_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        long now = clock.millis();
        Cached c = cache.get(hash);
        if (c != null && c.until() > now) {
            return Optional.of(c.caller());
        }
        Optional<Caller> caller = db.read(h -> h.inTransaction(t -> {
            Optional<UserStore.Session> s = users.session(t, hash);
            if (s.isEmpty() || s.get().expiresAt() < now) {
                return Optional.<Caller>empty();
            }
            Optional<User> u = users.byId(t, s.get().userId());
            if (u.isEmpty() || u.get().disabled()) {
                return Optional.<Caller>empty();
            }
            return Optional.of(new Caller(Caller.Kind.USER, u.get().id(), u.get().username(), u.get().role(), hash, s.get().csrfToken()));
        }));
        caller.ifPresent(cl -> {
            cache.put(hash, new Cached(cl, now + CACHE_MILLIS));
            slideWebSession(hash, now);
        });
        return caller;
    }

    private void slideWebSession(String hash, long now) {
        db.write(h -> {
            users.session(h, hash).ifPresent(s -> {
                if ("web".equals(s.kind())) {
                    long hardLimit = s.createdAt() + webTtl.toMillis();
                    users.touchSession(h, hash, now, Math.min(hardLimit, now + webIdle.toMillis()));
                }
            });
            return null;
        });
    }

    public void logout(Caller caller) {
        if (caller.sessionHash() == null) {
            return;
        }
        cache.remove(caller.sessionHash());
        db.write(h -> {
            users.deleteSession(h, caller.sessionHash());
            audit.append(h, caller.actor(), "auth.logout", caller.name(), Map.of());
            return null;
        });
    }

    public void changePassword(Caller caller, String current, String next) {
        db.write(h -> {
            User u = users.byId(h, caller.id()).orElseThrow(() -> ApiException.notFound("no such user"));
            if (current == null || !PasswordHasher.verify(current, u.passwordHash())) {
                throw new ApiException(io.micronaut.http.HttpStatus.FORBIDDEN, "the current password is wrong");
            }
            checkPasswordStrength(u.username(), next);
            users.updatePassword(h, u.id(), PasswordHasher.hash(next), clock.millis());
            users.deleteSessionsOf(h, u.id());
            audit.append(h, caller.actor(), "user.password_change", u.username(), Map.of());
            return null;
        });
        cache.clear();
    }

    /** An admin sets a temporary password: the user must change it at the next login, and their sessions end. */
    public void resetPassword(Caller admin, String userId, String temporary) {
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> ApiException.notFound("no user " + userId));
            checkPasswordStrength(u.username(), temporary);
            users.resetPassword(h, u.id(), PasswordHasher.hash(temporary), clock.millis());
            users.deleteSessionsOf(h, u.id());
            audit.append(h, admin.actor(), "user.password_reset", u.username(), Map.of());
            return null;
        });
        cache.clear();
    }

    /** Whether the user still has to replace a password an admin set (the web console insists on it). */
    public boolean mustChangePassword(String userId) {
        return db.read(h -> users.byId(h, userId).map(User::mustChangePassword).orElse(false));
    }

    /** Remembers the language a person chose ({@code ja} or {@code en}) for their next login. */
    public void setLocale(Caller caller, String locale) {
        if (!"ja".equals(locale) && !"en".equals(locale)) {
            throw ApiException.badRequest("locale: ja or en");
        }
        db.write(h -> {
            users.updateLocale(h, caller.id(), locale);
            audit.append(h, caller.actor(), "user.locale", caller.name(), Map.of("locale", locale));
            return null;
        });
    }

    /** Rejects weak passwords with a message that says what is needed. */
    public static void checkPasswordStrength(String username, String pw) {
        if (pw == null || pw.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (pw.length() > 1024) {
            throw ApiException.badRequest("password: at most 1024 characters");
        }
        if (pw.equalsIgnoreCase(username)) {
            throw ApiException.badRequest("password must differ from the username");
        }
    }

    /** Forgets cached sessions (after role or account changes). */
    public void invalidateCache() {
        cache.clear();
    }
}
