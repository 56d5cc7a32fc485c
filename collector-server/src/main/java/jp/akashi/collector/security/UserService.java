package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Managing people's accounts: create, change role, lock (disable) and unlock. Every change is
 * audited; locking and unlocking are the only way an account is shut (failed logins only slow the
 * guesser down, see {@link LoginThrottle}) and are logged as {@code user.lock} / {@code user.unlock}.
 */
@Singleton
public class UserService {
    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;

    public UserService(Database db, UserStore users, AuditLog audit, Clock clock) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public List<User> all() {
        return db.read(users::all);
    }

    /** Creates an account; the name is taken in its NFKC form and must differ from every other by more than case or width. */
    public User create(Caller admin, String typedName, String displayName, Role role, String password) {
        UserNames.problem(typedName).ifPresent(p -> {
            throw Refusal.badRequest(p);
        });
        String username = UserNames.normalize(typedName);
        AuthService.checkPassword(username, password, null);
        checkDisplayName(displayName);
        // retried when another instance inserted the same name at the same moment: the check then says 409
        return db.writeRetrying(h -> {
            if (users.keyTaken(h, UserNames.key(username)) || users.byUsername(h, username).isPresent()) {
                throw Refusal.conflict("user " + username + " already exists");
            }
            long now = clock.millis();
            User u = new User(Ids.next(), username, displayName, role, PasswordHasher.hash(password), true, false, "ja", now, now);
            users.insert(h, u);
            audit.append(h, admin.actor(), "user.create", username, Map.of("role", role.wire()));
            return u;
        });
    }

    /** Changes display name, role or disabled flag; an admin cannot demote or disable themself (no lock-out). */
    public User update(Caller admin, String id, String displayName, Role role, Boolean disabled) {
        checkDisplayName(displayName);
        User updated = db.write(h -> {
            User u = users.byId(h, id).orElseThrow(() -> Refusal.notFound("no user " + id));
            if (u.id().equals(admin.id()) && ((role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled))) {
                throw Refusal.badRequest("you cannot remove your own admin role or disable yourself");
            }
            Role newRole = role == null ? u.role() : role;
            boolean newDisabled = disabled == null ? u.disabled() : disabled;
            users.update(h, id, displayName == null ? u.displayName() : displayName, newRole, newDisabled, u.locale());
            if (newDisabled) {
                users.deleteSessionsOf(h, id);
            }
            if (newDisabled != u.disabled()) {
                audit.append(h, admin.actor(), newDisabled ? "user.lock" : "user.unlock", u.username(), Map.of());
            }
            if (newDisabled == u.disabled() || role != null || displayName != null) {
                audit.append(h, admin.actor(), "user.update", u.username(),
                        Map.of("role", newRole.wire(), "disabled", newDisabled));
            }
            return users.byId(h, id).orElseThrow();
        });
        return updated;
    }

    /** The longest display name (UTF-16 units, as the form's maxlength counts; 128 kanji fit). */
    public static final int MAX_DISPLAY_NAME = 128;

    private static void checkDisplayName(String displayName) {
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw Refusal.badRequest("displayName: at most " + MAX_DISPLAY_NAME + " characters");
        }
    }
}
