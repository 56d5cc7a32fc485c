package jp.akashi.collector.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Akashi role a person gets from the values of the provider's role claim (their groups,
 * app roles): each role lists the claim values that grant it, and a person whose values grant
 * several roles gets the highest (admin, then security, then auditor). No granting value, no
 * role: the login is refused. Values are compared exactly (group ids and names are case-sensitive
 * at most providers).
 */
public final class OidcRoleMapping {
    private final Map<Role, Set<String>> grants;

    public OidcRoleMapping(Map<Role, ? extends Collection<String>> grants) {
        this.grants = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            Set<String> values = new LinkedHashSet<>();
            Collection<String> given = grants.get(r);
            for (String v : given == null ? List.<String>of() : given) {
                if (v != null && !v.isBlank()) {
                    values.add(v.strip());
                }
            }
            this.grants.put(r, Set.copyOf(values));
        }
    }

    /** Whether any value grants a role at all (single sign-on without one could only refuse everybody). */
    public boolean isEmpty() {
        return grants.values().stream().allMatch(Set::isEmpty);
    }

    /** The role the claim's values grant; the claim may be a list, one string or missing (null). */
    public Optional<Role> roleFor(Object claim) {
        List<String> values = values(claim);
        // Role's order is highest first
        for (Role r : Role.values()) {
            for (String v : values) {
                if (grants.get(r).contains(v)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** A claim's values as strings: a JSON array's elements, or the one value. */
    static List<String> values(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        } else if (claim instanceof Object[] a) {
            for (Object o : a) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        } else if (claim != null) {
            out.add(claim.toString());
        }
        return out;
    }
}
