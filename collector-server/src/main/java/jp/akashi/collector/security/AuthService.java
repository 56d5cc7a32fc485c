package jp.akashi.collector.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * People's accounts: first admin, login with throttling ({@link LoginThrottle}), bearer tokens and
 * browser sessions. Sessions live in the database, so several collector instances share them, and
 * every request reads its session there (one primary-key read): nothing cached can outlive a
 * session's expiry, its logout on another instance or the account's disabling. Only the sliding
 * of a web session's idle expiry is written at most every {@link #SLIDE_EVERY}.
 */
@Singleton
public class AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    /** A web session's idle expiry is pushed forward at most this often (it may end up to this much early). */
    static final Duration SLIDE_EVERY = Duration.ofSeconds(15);
    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration apiTtl;
    private final Duration webTtl;
    private final Duration webIdle;
    private final String configuredAdminPassword;
    private final LoginThrottle throttle;
    private final OidcProperties oidc;
    private final OidcIdentities identities;

    public AuthService(Database db, UserStore users, AuditLog audit, Clock clock, LoginThrottle throttle,
                       OidcProperties oidc, OidcIdentities identities,
                       @Value("${akashi.session.api-ttl:PT12H}") Duration apiTtl,
                       @Value("${akashi.session.web-ttl:PT8H}") Duration webTtl,
                       @Value("${akashi.session.web-idle:PT1H}") Duration webIdle,
                       @Value("${akashi.admin-password:}") String adminPassword) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.oidc = oidc;
        this.identities = identities;
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
                checkPassword("admin", pw, null);
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

    /** Refused because the (user, address) pair or the address must wait; {@link #retryAfter} says how long. */
    public static final class Throttled extends ApiException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS,
                    "too many failed logins; try again in " + seconds(retryAfter) + " seconds");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least 1 (for the Retry-After header). */
        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        private static long seconds(Duration d) {
            return Math.max(1, (d.toMillis() + 999) / 1000);
        }
    }

    /**
     * This account may not use a password (403): local login is off and it is not the break-glass
     * account, or single sign-on made it.
     */
    public static final class SsoOnly extends Refusal {
        SsoOnly() {
            super(Kind.FORBIDDEN,
                    "this account logs in with single sign-on only; use the single sign-on button",
                    "このアカウントはシングルサインオンでのみログインできます。「シングルサインオンでログイン」を使ってください。");
        }
    }

    private static final Login SSO_ONLY = new Login(null, 0, null, null);

    /** Checks the password and opens a session of {@code kind} ("api" or "web"). */
    public Login login(String username, String password, String remote, String kind) {
        if (username == null || password == null || username.isBlank() || password.isEmpty()
                || username.length() > UserNames.MAX || password.length() > PasswordPolicy.MAX_LENGTH) {
            throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, "username and password are required");
        }
        String name = UserNames.normalize(username);
        String key = UserNames.key(username);
        if (name.isEmpty() || key.length() > UserNames.MAX) {
            throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, "username and password are required");
        }
        if (!oidc.passwordLoginAllowed(name)) {
            // local login off: refused by name before any password is checked, so the answer is the
            // same for every name but the break-glass account's (and says nothing about the password)
            throw new SsoOnly();
        }
        long now = clock.millis();
        Login result = db.write(h -> {
            Optional<Duration> wait = throttle.waitFor(h, key, remote, now);
            if (wait.isPresent()) {
                throw new Throttled(wait.get());
            }
            Optional<User> u = users.byUsername(h, name);
            boolean ok = u.isPresent() && !u.get().disabled() && PasswordHasher.verify(password, u.get().passwordHash());
            if (u.isEmpty()) {
                PasswordHasher.verify(password, PasswordHasher.DUMMY);
            }
            if (!ok) {
                throttle.failed(h, Ids.next(), key, remote, now);
                // as typed: the audit log shows what was tried
                audit.append(h, "user:" + username, "auth.login_failed", username, remote == null ? Map.of() : Map.of("remote", remote));
                return null;
            }
            User user = u.get();
            throttle.succeeded(h, key, remote, now);
            if (PasswordHasher.needsRehash(user.passwordHash())) {
                users.rehash(h, user.id(), PasswordHasher.hash(password));
            }
            if (identities.linked(h, user.id())) {
                // an account single sign-on made; the password was right, so saying why reveals nothing to a guesser
                audit.append(h, "user:" + user.username(), "auth.login_refused", user.username(), Map.of("reason", "sso-account"));
                return SSO_ONLY;
            }
            return openSession(h, user, remote, kind, Map.of("kind", kind), now);
        });
        if (result == SSO_ONLY) {
            throw new SsoOnly();
        }
        if (result == null) {
            // the failure was recorded (committed) above; only now refuse
            throw new ApiException(io.micronaut.http.HttpStatus.UNAUTHORIZED, "wrong username or password");
        }
        return result;
    }

    /**
     * Opens a session for a person already identified (password checked, or vouched for by the
     * OpenID provider), inside the caller's transaction: the same session row, CSRF token and
     * audit entry for both ways in. {@code details} go into the {@code auth.login} entry.
     */
    Login openSession(Handle h, User user, String remote, String kind, Map<String, Object> details, long now) {
        String token = Secrets.newSecret(Secrets.SESSION_PREFIX);
        String csrf = "web".equals(kind) ? Secrets.newSecret("") : null;
        long expires = now + ("web".equals(kind) ? webIdle : apiTtl).toMillis();
        users.insertSession(h, new UserStore.Session(Secrets.hash(token), user.id(), kind, csrf, now, expires, now), remote);
        users.deleteExpiredSessions(h, now);
        audit.append(h, "user:" + user.username(), "auth.login", user.username(), details);
        return new Login(token, expires, user, csrf);
    }

    /**
     * The caller a session token belongs to, if the session is valid now: read from the database on
     * every call. Web sessions slide on use (written at most every {@link #SLIDE_EVERY}).
     */
    public Optional<Caller> authenticate(String token) {
        if (token == null || !token.startsWith(Secrets.SESSION_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        long now = clock.millis();
        Optional<UserStore.LiveSession> live = db.read(h -> users.liveSession(h, hash, now));
        if (live.isEmpty()) {
            return Optional.empty();
        }
        UserStore.Session s = live.get().session();
        User u = live.get().user();
        if ("web".equals(s.kind()) && now - s.lastSeenAt() >= SLIDE_EVERY.toMillis()) {
            long hardLimit = s.createdAt() + webTtl.toMillis();
            db.write(h -> {
                users.touchSession(h, hash, now, Math.min(hardLimit, now + webIdle.toMillis()));
                return null;
            });
        }
        return Optional.of(new Caller(Caller.Kind.USER, u.id(), u.username(), u.role(), hash, s.csrfToken()));
    }

    public void logout(Caller caller) {
        if (caller.sessionHash() == null) {
            return;
        }
        db.write(h -> {
            users.deleteSession(h, caller.sessionHash());
            audit.append(h, caller.actor(), "auth.logout", caller.name(), Map.of());
            return null;
        });
    }

    public void changePassword(Caller caller, String current, String next) {
        db.write(h -> {
            User u = users.byId(h, caller.id()).orElseThrow(() -> ApiException.notFound("no such user"));
            refuseIfSso(h, u);
            if (current == null || next == null) {
                throw ApiException.badRequest("currentPassword and newPassword are required");
            }
            if (!PasswordHasher.verify(current, u.passwordHash())) {
                throw new ApiException(io.micronaut.http.HttpStatus.FORBIDDEN, "the current password is wrong");
            }
            checkPassword(u.username(), next, u.passwordHash());
            users.updatePassword(h, u.id(), PasswordHasher.hash(next), clock.millis());
            users.deleteSessionsOf(h, u.id());
            audit.append(h, caller.actor(), "user.password_change", u.username(), Map.of());
            return null;
        });
    }

    /** An admin sets a temporary password: the user must change it at the next login, and their sessions end. */
    public void resetPassword(Caller admin, String userId, String temporary) {
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> ApiException.notFound("no user " + userId));
            refuseIfSso(h, u);
            checkPassword(u.username(), temporary, u.passwordHash());
            users.resetPassword(h, u.id(), PasswordHasher.hash(temporary), clock.millis());
            users.deleteSessionsOf(h, u.id());
            audit.append(h, admin.actor(), "user.password_reset", u.username(), Map.of());
            return null;
        });
    }

    /** Whether the account logs in through the OpenID provider (it has no password of its own). */
    public boolean isSsoAccount(String userId) {
        return db.read(h -> identities.linked(h, userId));
    }

    private void refuseIfSso(Handle h, User u) {
        if (identities.linked(h, u.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "the password of " + u.username()
                    + " is not used: the account logs in with single sign-on,"
                            + " so its password is managed at the identity provider",
                    u.username() + " はシングルサインオンでログインするアカウントのため、Akashi のパスワードはありません。"
                            + "パスワードは ID プロバイダー側で管理されます。");
        }
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

    /**
     * Refuses a password that breaks a {@link PasswordPolicy} rule, with the rule's English text.
     * {@code currentHash}: the account's present (old or temporary) password, which may not be chosen again.
     */
    public static void checkPassword(String username, String pw, String currentHash) {
        PasswordPolicy.check(username, pw, currentHash).ifPresent(v -> {
            throw new PasswordPolicy.Refused(v);
        });
    }
}
