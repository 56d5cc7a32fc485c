package jp.akashi.probes.windows.firewall;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: Windows Defender Firewall profiles from {@code Get-NetFirewallProfile -PolicyStore
 * ActiveStore} (the effective settings, Group Policy included) as enum numbers: Enabled 0 False,
 * 1 True, 2 NotConfigured; DefaultInboundAction 0 NotConfigured, 2 Allow, 4 Block.
 * NotConfigured means Windows' default: enabled, inbound blocked.
 */
public final class FirewallProfiles {
    private FirewallProfiles() {
    }

    public record Profile(String name, boolean enabled, boolean inboundAllowed, boolean active) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("enabled", enabled);
            m.put("default_inbound", inboundAllowed ? "allow" : "deny");
            m.put("active", active);
            return m;
        }
    }

    /** Throws {@link IllegalArgumentException} unless the Domain, Private and Public profiles are all present and readable. */
    public static List<Profile> parse(JsonNode section) {
        Set<String> active = activeProfiles(section);
        List<Profile> out = new ArrayList<>();
        for (JsonNode p : WinValues.items(section, "profiles")) {
            String name = WinValues.text(p, "name");
            Long en = WinValues.integer(p, "enabled");
            Long in = WinValues.integer(p, "inbound");
            if (name == null || en == null || in == null || en < 0 || en > 2 || !(in == 0 || in == 2 || in == 4)) {
                throw new IllegalArgumentException("unreadable firewall profile: " + p);
            }
            out.add(new Profile(name, en != 0, in == 2, active.isEmpty() || active.contains(name)));
        }
        Set<String> names = new LinkedHashSet<>();
        out.forEach(p -> names.add(p.name()));
        if (!names.containsAll(List.of("Domain", "Private", "Public"))) {
            throw new IllegalArgumentException("expected the Domain, Private and Public profiles, got " + names);
        }
        return out;
    }

    /** Profiles of the connected networks (NetworkCategory 0 Public, 1 Private, 2 DomainAuthenticated); empty when offline. */
    static Set<String> activeProfiles(JsonNode section) {
        Set<String> s = new LinkedHashSet<>();
        for (JsonNode c : WinValues.items(section, "connections")) {
            Long cat = WinValues.integer(c, "category");
            if (cat != null) {
                s.add(cat == 0 ? "Public" : cat == 1 ? "Private" : "Domain");
            }
        }
        return s;
    }
}
