package jp.akashi.collector.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * What a login through the OpenID provider does once the provider has vouched for the person
 * (the library checked state, nonce, PKCE and the ID token's signature and claims): find their
 * account by (issuer, subject) or make it just in time, give it the role its claim values map to
 * now (so a removed group demotes, or refuses, at the next login), and open an Akashi session
 * exactly as a password login does. A person without a mapped value, or whose account an admin
 * disabled, is refused and the refusal audited; no session is opened then.
 */
@Context // made at start, so that a single sign-on without any role-mapping value stops the start
public class OidcAccounts {
    private final Database db;
    private final UserStore users;
    private final OidcIdentities identities;
    private final AuditLog audit;
    private final AuthService auth;
    private final Clock clock;
    private final OidcProperties settings;
    private final OidcRoleMapping mapping;

    public OidcAccounts(Database db, UserStore users, OidcIdentities identities, AuditLog audit, AuthService auth,
                        Clock clock, OidcProperties settings, Environment env) {
        this.db = db;
        this.users = users;
        this.identities = identities;
        this.audit = audit;
        this.auth = auth;
        this.clock = clock;
        this.settings = settings;
        Map<Role, List<String>> grants = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            grants.put(r, env.getProperty("akashi.oidc.role-mapping." + r.wire(), Argument.listOf(String.class)).orElse(List.of()));
        }
        this.mapping = new OidcRoleMapping(grants);
        if (settings.enabled() && mapping.isEmpty()) {
            throw new IllegalArgumentException("akashi.oidc.role-mapping: give at least one claim value for admin, security or"
                    + " auditor (akashi.oidc.role-mapping.admin: [...]); without one every single sign-on login is refused");
        }
    }

    /** The provider's person: issuer, subject and the ID token's claims. */
    public record Identity(String issuer, String subject, Map<String, Object> claims) {
    }

    /** Why a login was refused (for the page and the audit entry). */
    public enum Refused { NO_MAPPED_ROLE, DISABLED }

    /** A session (login) or a refusal, never both. */
    public record Outcome(AuthService.Login login, Refused refused, String username) {
    }

    public Outcome signIn(Identity who, String remote) {
        Optional<Role> role = mapping.roleFor(who.claims().get(settings.roleClaim()));
        String displayName = displayName(who.claims());
        long now = clock.millis();
        return db.writeRetrying(h -> {
            Optional<User> linked = identities.userOf(h, who.issuer(), who.subject()).flatMap(id -> users.byId(h, id));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("issuer", who.issuer());
            details.put("subject", who.subject());
            if (role.isEmpty()) {
                String name = linked.map(User::username).orElse(preferredName(who));
                details.put("reason", "no mapped " + settings.roleClaim() + " value");
                audit.append(h, "oidc:" + name, "auth.oidc_refused", name, details);
                // no role any more: sessions opened while the person still had one end too
                linked.ifPresent(u -> users.deleteSessionsOf(h, u.id()));
                return new Outcome(null, Refused.NO_MAPPED_ROLE, name);
            }
            User user;
            if (linked.isPresent()) {
                user = linked.get();
                if (user.disabled()) {
                    details.put("reason", "account disabled");
                    audit.append(h, "user:" + user.username(), "auth.oidc_refused", user.username(), details);
                    return new Outcome(null, Refused.DISABLED, user.username());
                }
                String dn = displayName == null ? user.displayName() : displayName;
                if (user.role() != role.get() || !java.util.Objects.equals(dn, user.displayName())) {
                    users.update(h, user.id(), dn, role.get(), false, user.locale());
                    if (user.role() != role.get()) {
                        audit.append(h, "oidc:" + user.username(), "user.role_change", user.username(),
                                Map.of("from", user.role().wire(), "to", role.get().wire(), "claim", settings.roleClaim()));
                    }
                    user = users.byId(h, user.id()).orElseThrow();
                }
                identities.touch(h, who.issuer(), who.subject(), now);
            } else {
                String name = freeName(preferredName(who), key -> users.keyTaken(h, key));
                // no password of its own: a random one nobody knows, and the password login refuses SSO accounts anyway
                user = new User(Ids.next(), name, displayName, role.get(), PasswordHasher.hash(Secrets.newPassword()),
                        false, false, "ja", now, now);
                users.insert(h, user);
                identities.link(h, who.issuer(), who.subject(), user.id(), now);
                audit.append(h, "oidc:" + name, "user.create", name,
                        Map.of("role", role.get().wire(), "issuer", who.issuer(), "subject", who.subject()));
            }
            details.put("kind", "web");
            details.put("via", "oidc");
            return new Outcome(auth.openSession(h, user, "web", remote, null, details, now), null, user.username());
        });
    }

    private String displayName(Map<String, Object> claims) {
        Object v = claims.get(settings.displayNameClaim());
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        String s = v.toString().strip();
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    /** The name a new account gets: the provider's user name, else the e-mail address, else one made from the subject. */
    static String preferredName(Identity who) {
        for (String claim : List.of("preferred_username", "email", "upn")) {
            Object v = who.claims().get(claim);
            if (v != null) {
                String n = usable(v.toString());
                if (n != null) {
                    return n;
                }
            }
        }
        String n = usable("sso-" + who.subject());
        return n == null ? "sso-user" : n;
    }

    /** {@code raw} as a valid user name (disallowed characters become '-', at most 56 characters), or null. */
    static String usable(String raw) {
        String n = UserNames.normalize(raw).replaceAll("[^\\p{L}\\p{M}\\p{Nd}._@-]", "-");
        if (n.codePointCount(0, n.length()) > 56) {
            n = n.substring(0, n.offsetByCodePoints(0, 56));
        }
        return UserNames.problem(n).isEmpty() ? n : null;
    }

    /** {@code wanted}, or {@code wanted-2}, {@code -3} … if an account already has that name (the local admin stays the local admin). */
    static String freeName(String wanted, Predicate<String> keyTaken) {
        if (!keyTaken.test(UserNames.key(wanted))) {
            return wanted;
        }
        for (int i = 2; ; i++) {
            String n = wanted + "-" + i;
            if (!keyTaken.test(UserNames.key(n))) {
                return n;
            }
        }
    }

    /** Whether {@code username} is an account that logs in through single sign-on (linked to a provider identity). */
    public boolean ssoAccount(String username) {
        return username != null && db.read(h -> users.byUsername(h, username).map(u -> identities.linked(h, u.id())).orElse(false));
    }

}
