package jp.akashi.probes.targets;

import java.util.Arrays;

import jp.akashi.probes.snmp.SnmpV3User;

/** Reads SNMPv3 protocol names as people write them ({@code SHA-256}, {@code sha_256}, {@code AES-128}); null stays null. */
public final class SnmpProtocols {
    private SnmpProtocols() {
    }

    /** @throws IllegalArgumentException listing the supported protocols */
    public static SnmpV3User.Auth auth(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return Arrays.stream(SnmpV3User.Auth.values()).filter(a -> matches(s, a.label(), a.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("authProtocol '" + s + "' is not supported (known: "
                        + String.join(", ", Arrays.stream(SnmpV3User.Auth.values()).map(SnmpV3User.Auth::label).toList()) + ")"));
    }

    /** @throws IllegalArgumentException listing the supported protocols */
    public static SnmpV3User.Priv priv(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return Arrays.stream(SnmpV3User.Priv.values()).filter(p -> matches(s, p.label(), p.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("privProtocol '" + s + "' is not supported (known: "
                        + String.join(", ", Arrays.stream(SnmpV3User.Priv.values()).map(SnmpV3User.Priv::label).toList()) + ")"));
    }

    private static boolean matches(String given, String label, String name) {
        String g = given.strip();
        return g.equalsIgnoreCase(label) || g.equalsIgnoreCase(name);
    }
}
