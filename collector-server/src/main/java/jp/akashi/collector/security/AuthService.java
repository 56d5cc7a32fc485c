package jp.akashi.collector.security;

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
    private final TwoFactorService twoFactor;
    private final FailureLock lock;
    private final OidcProperties oidc;
    private final OidcIdentities identities;

    @jakarta.inject.Inject
    public AuthService(Database db, UserStore users, AuditLog audit, Clock clock, LoginThrottle throttle, TwoFactorService twoFactor,
                       FailureLock lock, OidcProperties oidc, OidcIdentities identities, SessionProperties sessions,
                       SecurityProperties security) {
        this(db, users, audit, clock, throttle, twoFactor, lock, oidc, identities, sessions.apiTtl(), sessions.webTtl(),
                sessions.webIdle(), security.adminPassword());
    }

    public AuthService(Database db, UserStore users, AuditLog audit, Clock clock, LoginThrottle throttle, TwoFactorService twoFactor,
                       FailureLock lock, OidcProperties oidc, OidcIdentities identities,
                       Duration apiTtl, Duration webTtl, Duration webIdle, String adminPassword) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
        this.lock = lock;
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
    public static final class Throttled extends Refusal {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super(Kind.TOO_MANY_ATTEMPTS, "too many failed logins; try again in " + seconds(retryAfter) + " seconds");
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

    /** The longest time between the right password and the second factor in the browser. */
    public static final Duration PENDING_LIFE = Duration.ofMinutes(5);

    /**
     * What a login gave: a session ({@link #login}), or for a person with two-factor login who
     * logs in through the console, a pending login ({@link #pendingToken}, until
     * {@link #pendingExpiresAt}) that {@link #completeLogin} turns into a session.
     */
    public record Step(Login login, String pendingToken, long pendingExpiresAt) {
    }

    /** The password was right, the account has two-factor login and no code was sent (API). */
    public static final class SecondFactorRequired extends Refusal {
        SecondFactorRequired() {
            super(Kind.UNAUTHENTICATED, "two-factor code required: send the 6-digit code of the "
                    + "authenticator app (or a recovery code) in the field totp");
        }
    }

    /** The policy requires two-factor login and the account has none yet: it is set up in the console first. */
    public static final class EnrolmentRequired extends Refusal {
        EnrolmentRequired() {
            super(Kind.FORBIDDEN, "two-factor login is required for all local accounts: "
                    + "set it up on the account page of the web console (/account/two-factor) first");
        }
    }

    /** Locked after failed logins ({@link FailureLock}); an admin unlocks it. */
    public static final class Locked extends Refusal {
        Locked() {
            super(Kind.FORBIDDEN, "this account is locked after repeated failed logins: an admin must unlock it",
                    "ログインの失敗が続いたため、このアカウントはロックされています。管理者にロック解除を依頼してください。");
        }
    }

    /** The pending login is unknown or older than {@link #PENDING_LIFE}: start again with the password. */
    public static final class PendingExpired extends Refusal {
        PendingExpired() {
            super(Kind.UNAUTHENTICATED, "the login has expired: enter the password again", "ログインの有効期限が切れました。もう一度パスワードを入力してください。");
        }
    }

    /** Why a login transaction refused, decided inside it and thrown after it committed (failures must be recorded). */
    private enum Problem { CREDENTIALS, CODE, NEED_CODE, NEED_ENROLMENT, EXPIRED, LOCKED, SSO_ONLY }

    private record Outcome(Step step, Problem problem) {
    }

    /**
     * Checks the password and, for an account with two-factor login, the second factor
     * ({@code secondFactor}: a TOTP code or a recovery code). Without one, a web login becomes a
     * pending login; an API login is refused with {@link SecondFactorRequired}. A wrong second
     * factor counts as a failed login for {@link LoginThrottle}.
     */
    public Step login(String username, String password, String secondFactor, String remote, String userAgent, String kind) {
        if (username == null || password == null || username.isBlank() || password.isEmpty()
                || username.length() > UserNames.MAX || password.length() > PasswordPolicy.MAX_LENGTH) {
            throw Refusal.badRequest("username and password are required", "ユーザー名とパスワードを入力してください。");
        }
        String name = UserNames.normalize(username);
        String key = UserNames.key(username);
        if (name.isEmpty() || key.length() > UserNames.MAX) {
            throw Refusal.badRequest("username and password are required", "ユーザー名とパスワードを入力してください。");
        }
        if (!oidc.passwordLoginAllowed(name)) {
            // local login off: refused by name before any password is checked, so the answer is the
            // same for every name but the break-glass account's (and says nothing about the password)
            throw new SsoOnly();
        }
        long now = clock.millis();
        Outcome result = db.write(h -> {
            Optional<Duration> wait = throttle.waitFor(h, key, remote, now);
            if (wait.isPresent()) {
                throw new Throttled(wait.get());
            }
            Optional<User> u = users.byUsername(h, name);
            boolean ok = u.isPresent() && !u.get().disabled() && PasswordHasher.verify(password, u.get().passwordHash());
            if (u.isEmpty()) {
                PasswordHasher.verify(password, PasswordHasher.DUMMY);
            }
            // a locked account without a second factor answers "locked" whatever the password: no guess is confirmed
            boolean lockedOut = u.isPresent() && lock.locked(h, u.get().id()) && !twoFactor.enrolled(h, u.get().id());
            if (!ok) {
                throttle.failed(h, Ids.next(), key, remote, now);
                // as typed: the audit log shows what was tried
                audit.append(h, "user:" + username, "auth.login_failed", username, remote == null ? Map.of() : Map.of("remote", remote));
                lock.afterFailure(h, u.filter(x -> !x.disabled()), key, now);
                return new Outcome(null, lockedOut ? Problem.LOCKED : Problem.CREDENTIALS);
            }
            if (lockedOut) {
                return new Outcome(null, Problem.LOCKED);
            }
            User user = u.get();
            if (identities.linked(h, user.id())) {
                // an account single sign-on made; the password was right, so saying why reveals nothing to a guesser
                audit.append(h, "user:" + user.username(), "auth.login_refused", user.username(), Map.of("reason", "sso-account"));
                return new Outcome(null, Problem.SSO_ONLY);
            }
            if (PasswordHasher.needsRehash(user.passwordHash())) {
                users.rehash(h, user.id(), PasswordHasher.hash(password));
            }
            if (twoFactor.enrolled(h, user.id())) {
                if (secondFactor == null || secondFactor.isBlank()) {
                    if (!"web".equals(kind)) {
                        return new Outcome(null, Problem.NEED_CODE);
                    }
                    String pending = Secrets.newSecret("");
                    long until = now + PENDING_LIFE.toMillis();
                    twoFactor.store().insertPending(h, new TwoFactorStore.Pending(Secrets.hash(pending), user.id(), now, until));
                    return new Outcome(new Step(null, pending, until), null);
                }
                if (!twoFactor.verify(h, user, secondFactor, now)) {
                    return new Outcome(null, secondFactorFailed(h, user, key, remote, now));
                }
                lock.afterTwoFactorLogin(h, user);
            } else if (!"web".equals(kind) && twoFactor.required(h)) {
                return new Outcome(null, Problem.NEED_ENROLMENT);
            }
            throttle.succeeded(h, key, remote, now);
            return new Outcome(new Step(openSession(h, user, kind, remote, userAgent, now), null, 0), null);
        });
        return unwrap(result);
    }

    /**
     * The browser's second step: the pending login of {@code pendingToken} (bound to the browser
     * by its cookie) with a TOTP or recovery code becomes a web session. Throttled like the
     * password; a wrong code leaves the pending login for another try until it expires.
     */
    public Login completeLogin(String pendingToken, String secondFactor, String remote, String userAgent) {
        if (pendingToken == null || pendingToken.length() > 200) {
            throw new PendingExpired();
        }
        String hash = Secrets.hash(pendingToken);
        long now = clock.millis();
        Outcome result = db.write(h -> {
            Optional<User> u = twoFactor.store().pending(h, hash, now).flatMap(p -> users.byId(h, p.userId()))
                    .filter(x -> !x.disabled());
            if (u.isEmpty()) {
                return new Outcome(null, Problem.EXPIRED);
            }
            User user = u.get();
            String key = UserNames.key(user.username());
            Optional<Duration> wait = throttle.waitFor(h, key, remote, now);
            if (wait.isPresent()) {
                throw new Throttled(wait.get());
            }
            if (!twoFactor.verify(h, user, secondFactor, now)) {
                return new Outcome(null, secondFactorFailed(h, user, key, remote, now));
            }
            twoFactor.store().deletePending(h, hash);
            lock.afterTwoFactorLogin(h, user);
            throttle.succeeded(h, key, remote, now);
            return new Outcome(new Step(openSession(h, user, "web", remote, userAgent, now), null, 0), null);
        });
        return unwrap(result).login();
    }

    private Problem secondFactorFailed(Handle h, User user, String key, String remote, long now) {
        throttle.failed(h, Ids.next(), key, remote, now);
        audit.append(h, "user:" + user.username(), "auth.second_factor_failed", user.username(),
                remote == null ? Map.of() : Map.of("remote", remote));
        lock.afterFailure(h, Optional.of(user), key, now);
        return Problem.CODE;
    }

    /** Throws the refusal an outcome carries; only now, after its transaction (with any failure recorded) committed. */
    private static Step unwrap(Outcome o) {
        if (o.problem() == null) {
            return o.step();
        }
        throw switch (o.problem()) {
            case CREDENTIALS -> new Refusal(Refusal.Kind.UNAUTHENTICATED, "wrong username or password");
            case CODE -> new Refusal(Refusal.Kind.UNAUTHENTICATED, "wrong or already used two-factor code",
                    "2要素認証のコードが正しくないか、既に使われています。");
            case NEED_CODE -> new SecondFactorRequired();
            case NEED_ENROLMENT -> new EnrolmentRequired();
            case EXPIRED -> new PendingExpired();
            case LOCKED -> new Locked();
            case SSO_ONLY -> new SsoOnly();
        };
    }

    private Login openSession(Handle h, User user, String kind, String remote, String userAgent, long now) {
        return openSession(h, user, kind, remote, userAgent, Map.of("kind", kind), now);
    }

    /**
     * Opens a session for a person already identified (password and second factor checked, or
     * vouched for by the OpenID provider), inside the caller's transaction: the same session row,
     * CSRF token and audit entry for every way in. {@code details} go into the {@code auth.login} entry.
     */
    Login openSession(Handle h, User user, String kind, String remote, String userAgent, Map<String, Object> details, long now) {
        String token = Secrets.newSecret(Secrets.SESSION_PREFIX);
        String csrf = "web".equals(kind) ? Secrets.newSecret("") : null;
        long expires = now + ("web".equals(kind) ? webIdle : apiTtl).toMillis();
        users.insertSession(h, new UserStore.Session(Secrets.hash(token), user.id(), kind, csrf, now, expires, now), remote,
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 255)));
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
            changePassword(h, caller, current, next);
            return null;
        });
    }

    /**
     * Changes the password in the browser: all of the person's sessions end and this browser gets
     * a fresh one, in the same transaction (no second factor again: this session passed it).
     */
    public Login changePasswordAndReopen(Caller caller, String current, String next, String remote, String userAgent) {
        return db.write(h -> {
            User u = changePassword(h, caller, current, next);
            return openSession(h, u, "web", remote, userAgent, clock.millis());
        });
    }

    private User changePassword(Handle h, Caller caller, String current, String next) {
        User u = users.byId(h, caller.id()).orElseThrow(() -> Refusal.notFound("no such user"));
        refuseIfSso(h, u);
        if (current == null || next == null) {
            throw Refusal.badRequest("currentPassword and newPassword are required");
        }
        if (!PasswordHasher.verify(current, u.passwordHash())) {
            throw Refusal.forbidden("the current password is wrong", "現在のパスワードが正しくありません。");
        }
        checkPassword(u.username(), next, u.passwordHash());
        users.updatePassword(h, u.id(), PasswordHasher.hash(next), clock.millis());
        users.deleteSessionsOf(h, u.id());
        audit.append(h, caller.actor(), "user.password_change", u.username(), Map.of());
        return u;
    }

    /** An admin sets a temporary password: the user must change it at the next login, and their sessions end. */
    public void resetPassword(Caller admin, String userId, String temporary) {
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> Refusal.notFound("no user " + userId));
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
            throw Refusal.badRequest("locale: ja or en");
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
