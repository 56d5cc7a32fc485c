package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/** Managing people's accounts: create, change role, disable. Every change is audited. */
@Singleton
public class UserService {
    private final Database db;
    private final UserStore users;
    private final AuditLog audit;
    private final AuthService auth;
    private final Clock clock;

    public UserService(Database db, UserStore users, AuditLog audit, AuthService auth, Clock clock) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.auth = auth;
        this.clock = clock;
    }

    public List<User> all() {
        return db.read(users::all);
    }

    public User create(Caller admin, String username, String displayName, Role role, String password) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{2,64}")) {
            throw ApiException.badRequest("username: 2-64 characters of A-Z a-z 0-9 . _ @ -");
        }
        AuthService.checkPasswordStrength(username, password);
        checkDisplayName(displayName);
        return db.write(h -> {
            if (users.byUsername(h, username).isPresent()) {
                throw ApiException.conflict("user " + username + " already exists");
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
            User u = users.byId(h, id).orElseThrow(() -> ApiException.notFound("no user " + id));
            if (u.id().equals(admin.id()) && ((role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled))) {
                throw ApiException.badRequest("you cannot remove your own admin role or disable yourself");
            }
            Role newRole = role == null ? u.role() : role;
            boolean newDisabled = disabled == null ? u.disabled() : disabled;
            users.update(h, id, displayName == null ? u.displayName() : displayName, newRole, newDisabled, u.locale());
            if (newDisabled) {
                users.deleteSessionsOf(h, id);
            }
            audit.append(h, admin.actor(), "user.update", u.username(),
                    Map.of("role", newRole.wire(), "disabled", newDisabled));
            return users.byId(h, id).orElseThrow();
        });
        auth.invalidateCache();
        return updated;
    }

    private static void checkDisplayName(String displayName) {
        if (displayName != null && displayName.length() > 128) {
            throw ApiException.badRequest("displayName: at most 128 characters");
        }
    }
}
