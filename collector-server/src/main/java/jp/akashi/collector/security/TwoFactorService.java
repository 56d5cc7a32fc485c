package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * TOTP two-factor login for local accounts: enrolment (a new secret, confirmed by one correct
 * code, then 10 recovery codes shown once), checking a code at login (±1 step for clock skew,
 * never the same step twice), recovery codes (each works once), an admin's reset and the
 * account-wide "required" setting (in the database, so every collector instance applies it).
 * Every change is audit-logged.
 */
@Singleton
public class TwoFactorService {
    private final Database db;
    private final TwoFactorStore store;
    private final UserStore users;
    private final SealingKey sealing;
    private final AuditLog audit;
    private final Clock clock;
    private final String issuer;

    @jakarta.inject.Inject
    public TwoFactorService(Database db, TwoFactorStore store, UserStore users, SealingKey sealing, AuditLog audit, Clock clock,
                            TwoFactorProperties props) {
        this(db, store, users, sealing, audit, clock, props.issuer());
    }

    public TwoFactorService(Database db, TwoFactorStore store, UserStore users, SealingKey sealing, AuditLog audit, Clock clock,
                            String issuer) {
        this.db = db;
        this.store = store;
        this.users = users;
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** What an authenticator app needs: the secret in Base32 and the {@code otpauth://} URI of the QR code. */
    public record Enrolment(String secret, String uri) {
    }

    /** Where a person stands: enrolled or not, an enrolment waiting for its first code, recovery codes left, the policy. */
    public record State(boolean enrolled, boolean pending, long recoveryCodesLeft, boolean required, Long enrolledAt) {
    }

    public State state(String userId) {
        return db.read(h -> {
            Optional<TwoFactorStore.Row> r = store.row(h, userId);
            boolean enrolled = r.map(TwoFactorStore.Row::confirmed).orElse(false);
            return new State(enrolled, r.isPresent() && !enrolled, enrolled ? store.unusedRecoveryCodes(h, userId) : 0,
                    required(h), r.map(TwoFactorStore.Row::confirmedAt).orElse(null));
        });
    }

    /** One read for the console's gate: whether the policy requires it and the user has it. */
    public TwoFactorStore.Status status(String userId) {
        return db.read(h -> store.status(h, userId));
    }

    /** Starts enrolment with a new secret (a previous unconfirmed one is replaced). Refused while one is confirmed. */
    public Enrolment begin(Caller caller) {
        return db.write(h -> {
            if (store.row(h, caller.id()).map(TwoFactorStore.Row::confirmed).orElse(false)) {
                throw Refusal.conflict("two-factor login is already set up for this account",
                        "このアカウントは既に2要素認証を設定済みです。");
            }
            byte[] secret = Totp.newSecret();
            store.begin(h, caller.id(), sealing.seal(secret, caller.id()), clock.millis());
            return enrolment(caller.name(), secret);
        });
    }

    /** The enrolment waiting for its first code, to show again (after a wrong code). */
    public Optional<Enrolment> pending(Caller caller) {
        return db.read(h -> store.row(h, caller.id()).filter(r -> !r.confirmed())
                .map(r -> enrolment(caller.name(), sealing.open(r.sealedSecret(), caller.id()))));
    }

    /** Confirms the enrolment with a correct code; returns the recovery codes, which are never shown again. */
    public List<String> confirm(Caller caller, String code) {
        List<String> codes = RecoveryCodes.generate();
        boolean ok = db.write(h -> {
            TwoFactorStore.Row r = store.row(h, caller.id()).filter(x -> !x.confirmed()).orElseThrow(() -> Refusal.conflict(
                    "no two-factor enrolment is waiting: start it again", "2要素認証の設定が開始されていません。もう一度始めてください。"));
            byte[] secret = sealing.open(r.sealedSecret(), caller.id());
            OptionalLong step = Totp.match(secret, code, clock.millis(), r.lastStep());
            if (step.isEmpty() || !store.accept(h, caller.id(), step.getAsLong())) {
                return false;
            }
            long now = clock.millis();
            store.confirm(h, caller.id(), now);
            store.replaceRecoveryCodes(h, caller.id(), codes.stream().map(RecoveryCodes::hash).toList(), now);
            audit.append(h, caller.actor(), "user.two_factor_enrol", caller.name(), Map.of());
            return true;
        });
        if (!ok) {
            throw Refusal.badRequest("the code is wrong or was already used: enter the current 6-digit code of the app",
                    "コードが正しくないか、既に使われています。アプリに表示されている現在の6桁のコードを入力してください。");
        }
        return codes;
    }

    /** Replaces the recovery codes with 10 new ones (after some were used or may have been seen). */
    public List<String> newRecoveryCodes(Caller caller) {
        List<String> codes = RecoveryCodes.generate();
        db.write(h -> {
            if (!store.row(h, caller.id()).map(TwoFactorStore.Row::confirmed).orElse(false)) {
                throw Refusal.conflict("two-factor login is not set up", "2要素認証が設定されていません。");
            }
            store.replaceRecoveryCodes(h, caller.id(), codes.stream().map(RecoveryCodes::hash).toList(), clock.millis());
            audit.append(h, caller.actor(), "user.two_factor_recovery_codes", caller.name(), Map.of());
            return null;
        });
        return codes;
    }

    /** An admin removes a person's second factor (a lost phone); they enrol again at their next login if it is required. */
    public void reset(Caller admin, String userId) {
        db.write(h -> {
            User u = users.byId(h, userId).orElseThrow(() -> Refusal.notFound("no user " + userId));
            if (store.row(h, userId).isEmpty()) {
                throw Refusal.conflict("two-factor login is not set up for " + u.username(),
                        u.username() + " は2要素認証を設定していません。");
            }
            store.remove(h, userId);
            store.deletePendingOf(h, userId);
            audit.append(h, admin.actor(), "user.two_factor_reset", u.username(), Map.of());
            return null;
        });
    }

    public boolean required() {
        return db.read(this::required);
    }

    /** Sets whether every local account must use two-factor login; only an admin who has it can require it. */
    public void setRequired(Caller admin, boolean required) {
        db.write(h -> {
            if (required && !enrolled(h, admin.id())) {
                // else the admin would be shut out by the gate at once, and no one might be left to turn it off
                throw Refusal.conflict("set up your own two-factor login first (account page), then require it for everyone",
                        "先にご自身の2要素認証を設定してから（アカウント画面）、全員に必須にしてください。");
            }
            store.putSetting(h, TwoFactorStore.REQUIRED, String.valueOf(required), admin.actor(), clock.millis());
            audit.append(h, admin.actor(), "auth.two_factor_required", "local-accounts", Map.of("required", required));
            return null;
        });
    }

    public Set<String> enrolledUsers() {
        return db.read(store::enrolledUsers);
    }

    // ---- for AuthService, inside its login transaction ----

    boolean enrolled(Handle h, String userId) {
        return store.row(h, userId).map(TwoFactorStore.Row::confirmed).orElse(false);
    }

    boolean required(Handle h) {
        return store.setting(h, TwoFactorStore.REQUIRED).map("true"::equals).orElse(false);
    }

    /**
     * Checks a second factor typed at login: a 6-digit TOTP code (its step then counts as used) or
     * an unused recovery code (then used up, audit-logged).
     */
    boolean verify(Handle h, User user, String typed, long now) {
        if (typed == null || typed.isBlank()) {
            return false;
        }
        Optional<TwoFactorStore.Row> r = store.row(h, user.id()).filter(TwoFactorStore.Row::confirmed);
        if (r.isEmpty()) {
            return false;
        }
        String compact = typed.replace(" ", "").strip();
        if (compact.length() == Totp.DIGITS) {
            OptionalLong step = Totp.match(sealing.open(r.get().sealedSecret(), user.id()), compact, now, r.get().lastStep());
            return step.isPresent() && store.accept(h, user.id(), step.getAsLong());
        }
        String hash = RecoveryCodes.hash(typed);
        if (hash != null && store.useRecoveryCode(h, user.id(), hash, now)) {
            audit.append(h, "user:" + user.username(), "auth.recovery_code_used", user.username(),
                    Map.of("left", store.unusedRecoveryCodes(h, user.id())));
            return true;
        }
        return false;
    }

    TwoFactorStore store() {
        return store;
    }

    private Enrolment enrolment(String account, byte[] secret) {
        return new Enrolment(Base32.encode(secret), Totp.uri(issuer, account, secret));
    }
}
