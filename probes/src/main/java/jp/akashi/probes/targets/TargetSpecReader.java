package jp.akashi.probes.targets;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.akashi.probes.model.AssetIdentity;

/**
 * Reads a target from its JSON/YAML form, as the collector's API and the agent's target file write
 * it, and writes it back. Unknown fields are refused with the list of known ones, so a typo
 * ({@code tls_ports}) is an error rather than a silently ignored setting.
 *
 * <pre>
 * {name: edge-rtr01, address: 192.0.2.1, kind: network-device, probes: [snmp, ports, tls],
 *  options: {ports: "22,23,80,443", tlsPorts: [443], snmpPort: 161, testWellKnownCommunities: false}}
 * </pre>
 */
public final class TargetSpecReader {
    static final Set<String> FIELDS = Set.of("name", "address", "kind", "probes", "options");
    static final Set<String> OPTIONS = Set.of("ports", "tlsPorts", "sshPort", "snmpPort", "sudo", "testWellKnownCommunities",
            "snmpTimeoutMs", "snmpRetries");

    private TargetSpecReader() {
    }

    /**
     * @param extra further fields the caller reads itself (interval, credentials …)
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static TargetSpec read(Map<String, ?> m, Set<String> extra) {
        if (m == null) {
            throw new IllegalArgumentException("a target must be an object");
        }
        unknown(m, FIELDS, extra, "");
        List<String> names = strings(m.get("probes"), "probes");
        EnumSet<ProbeKind> probes = EnumSet.noneOf(ProbeKind.class);
        for (String n : names) {
            probes.add(ProbeKind.parse(n));
        }
        String kind = string(m.get("kind"), "kind");
        if (kind == null) {
            kind = probes.contains(ProbeKind.SNMP) ? AssetIdentity.KIND_NETWORK_DEVICE : AssetIdentity.KIND_HOST;
        }
        return new TargetSpec(string(m.get("name"), "name"), string(m.get("address"), "address"), kind, probes, options(m.get("options")));
    }

    static TargetOptions options(Object o) {
        if (o == null) {
            return TargetOptions.DEFAULTS;
        }
        if (!(o instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("options must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) raw;
        unknown(m, OPTIONS, Set.of(), "options.");
        TargetOptions d = TargetOptions.DEFAULTS;
        List<Integer> tls = null;
        if (m.get("tlsPorts") != null) {
            if (!(m.get("tlsPorts") instanceof List<?> l)) {
                throw new IllegalArgumentException("options.tlsPorts must be a list of ports");
            }
            tls = new ArrayList<>();
            for (Object p : l) {
                tls.add(integer(p, "options.tlsPorts", 1, 65535));
            }
        }
        return new TargetOptions(m.get("ports") == null ? d.ports() : portsSpec(m.get("ports")), tls,
                m.get("sshPort") == null ? d.sshPort() : integer(m.get("sshPort"), "options.sshPort", 1, 65535),
                m.get("snmpPort") == null ? d.snmpPort() : integer(m.get("snmpPort"), "options.snmpPort", 1, 65535),
                bool(m.get("sudo"), "options.sudo", d.sudo()),
                bool(m.get("testWellKnownCommunities"), "options.testWellKnownCommunities", d.testWellKnownCommunities()),
                m.get("snmpTimeoutMs") == null ? d.snmpTimeoutMs() : integer(m.get("snmpTimeoutMs"), "options.snmpTimeoutMs", 100, 30_000),
                m.get("snmpRetries") == null ? d.snmpRetries() : integer(m.get("snmpRetries"), "options.snmpRetries", 0, 5));
    }

    /** The JSON form of a target (the inverse of {@link #read}). */
    public static Map<String, Object> write(TargetSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("address", s.address());
        m.put("kind", s.kind());
        m.put("probes", s.probes().stream().sorted().map(ProbeKind::wire).toList());
        TargetOptions o = s.options();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("ports", o.ports());
        opts.put("tlsPorts", o.tlsPorts());
        opts.put("sshPort", o.sshPort());
        opts.put("snmpPort", o.snmpPort());
        opts.put("sudo", o.sudo());
        opts.put("testWellKnownCommunities", o.testWellKnownCommunities());
        opts.put("snmpTimeoutMs", o.snmpTimeoutMs());
        opts.put("snmpRetries", o.snmpRetries());
        m.put("options", opts);
        return m;
    }

    private static void unknown(Map<String, ?> m, Set<String> known, Set<String> extra, String prefix) {
        for (String k : m.keySet()) {
            if (!known.contains(k) && !extra.contains(k)) {
                Set<String> all = new TreeSet<>(known);
                all.addAll(extra);
                throw new IllegalArgumentException("unknown field " + prefix + k + " (known: " + String.join(", ", all) + ")");
            }
        }
    }

    private static String portsSpec(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Number n) {
            return String.valueOf(n.longValue());
        }
        throw new IllegalArgumentException("options.ports must be a string such as \"common\" or \"22,80,8000-8100\"");
    }

    static String string(Object o, String what) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return s;
    }

    private static List<String> strings(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be a list such as [ssh, ports]");
        }
        List<String> out = new ArrayList<>();
        for (Object x : l) {
            out.add(string(x, what + " entries"));
        }
        return out;
    }

    static int integer(Object o, String what, int min, int max) {
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(what + " must be an integer " + min + ".." + max + ", not " + o);
        }
        return n.intValue();
    }

    private static boolean bool(Object o, String what, boolean def) {
        if (o == null) {
            return def;
        }
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException(what + " must be true or false");
        }
        return b;
    }
}
