package jp.akashi.probes.targets;

import java.util.Arrays;
import java.util.Locale;

/** The probes a target can ask for, by the names used in the API and in target files. */
public enum ProbeKind {
    /** Linux host probes over SSH. */
    SSH("ssh"),
    /** Network device over SNMP. */
    SNMP("snmp"),
    /** TCP connect scan of a port list. */
    PORTS("ports"),
    /** TLS versions and certificates of services. */
    TLS("tls");

    private final String wire;

    ProbeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the known probes */
    public static ProbeKind parse(String s) {
        String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        for (ProbeKind k : values()) {
            if (k.wire.equals(v)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown probe '" + s + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(ProbeKind::wire).toList()) + ")");
    }
}
