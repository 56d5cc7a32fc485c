package jp.akashi.probes.targets;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jp.akashi.probes.exposure.ScanTargets;
import jp.akashi.probes.model.AssetIdentity;

/**
 * One registered target: what to reach, what it is and which probes to run. Validated on
 * construction, without any network access (host names are resolved when the target runs).
 *
 * <p>{@code ssh} and {@code snmp} talk to one device, so they need a single address or name;
 * {@code ports} and {@code tls} also take a CIDR block or an IPv4 range. A target is either a
 * host ({@code ssh}) or a network device ({@code snmp}), never both: each address yields one
 * report, and one report describes one asset.
 *
 * @param address a name, an address, a CIDR block ({@code 192.0.2.0/28}) or an IPv4 range ({@code 192.0.2.10-20})
 * @param kind    {@code host} or {@code network-device}: the kind of the assets the reports describe
 */
public record TargetSpec(String name, String address, String kind, Set<ProbeKind> probes, TargetOptions options) {

    /** Most addresses one target may cover. */
    public static final int MAX_ADDRESSES = 1024;
    /** Most TCP connection attempts one run of the {@code ports} probe may make (addresses × ports). */
    public static final long MAX_CONNECTIONS = 65_536;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@:/()-]{0,127}");
    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public TargetSpec {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new IllegalArgumentException("name is required: 1..128 letters, digits, spaces and . _ @ : / ( ) -");
        }
        name = name.strip();
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address is required (a name, an address, a CIDR block or an IPv4 range)");
        }
        address = address.strip();
        if (!AssetIdentity.KIND_HOST.equals(kind) && !AssetIdentity.KIND_NETWORK_DEVICE.equals(kind)) {
            throw new IllegalArgumentException("kind must be host or network-device, not " + kind);
        }
        if (probes == null || probes.isEmpty()) {
            throw new IllegalArgumentException("probes: choose at least one of ssh, snmp, ports, tls");
        }
        probes = Set.copyOf(EnumSet.copyOf(probes));
        options = options == null ? TargetOptions.DEFAULTS : options;
        if (probes.contains(ProbeKind.SSH) && probes.contains(ProbeKind.SNMP)) {
            throw new IllegalArgumentException("probes: ssh and snmp cannot be combined in one target; register the host and the SNMP view as two targets");
        }
        if (probes.contains(ProbeKind.SSH) && !AssetIdentity.KIND_HOST.equals(kind)) {
            throw new IllegalArgumentException("probes: ssh collects a host: kind must be host");
        }
        if (probes.contains(ProbeKind.SNMP) && !AssetIdentity.KIND_NETWORK_DEVICE.equals(kind)) {
            throw new IllegalArgumentException("probes: snmp reads a network device: kind must be network-device");
        }
        int addresses = countAddresses(address);
        if (addresses > 1 && (probes.contains(ProbeKind.SSH) || probes.contains(ProbeKind.SNMP))) {
            throw new IllegalArgumentException("address: ssh and snmp need a single address or name, not a range");
        }
        if (addresses > 1 && probes.contains(ProbeKind.TLS) && !probes.contains(ProbeKind.PORTS)) {
            throw new IllegalArgumentException("probes: tls on a range needs ports too (TLS is then inspected only where a TLS port is open)");
        }
        if (probes.contains(ProbeKind.PORTS)) {
            long connections = (long) addresses * options.portCount();
            if (connections > MAX_CONNECTIONS) {
                throw new IllegalArgumentException(addresses + " addresses × " + options.portCount() + " ports = " + connections
                        + " connections per run exceed the limit of " + MAX_CONNECTIONS + "; narrow the range or the port list");
            }
        }
    }

    /** Whether {@link #address} covers several addresses (CIDR block or range). */
    public boolean isRange() {
        return isRangeSyntax(address);
    }

    public boolean has(ProbeKind p) {
        return probes.contains(p);
    }

    /** The addresses a range expands to (literal addresses, no DNS), or the single address or name. */
    public List<String> expand() {
        if (!isRange()) {
            return List.of(address);
        }
        return ScanTargets.parse(List.of(address), MAX_ADDRESSES).stream().map(ScanTargets.Target::label).toList();
    }

    private static boolean isRangeSyntax(String a) {
        return a.contains("/") || a.matches("[0-9.]+-[0-9.]+");
    }

    private static boolean isIpv6Literal(String a) {
        try {
            return java.net.InetAddress.getByName(a) instanceof java.net.Inet6Address; // a literal with ':' is never looked up
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Checks the syntax and size of an address spec without resolving anything; returns how many addresses it covers. */
    static int countAddresses(String a) {
        if (a.length() > 255) {
            throw new IllegalArgumentException("address: at most 255 characters");
        }
        if (isRangeSyntax(a)) {
            try {
                return ScanTargets.parse(List.of(a), MAX_ADDRESSES).size();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address: " + e.getMessage()
                        + (e.getMessage().contains("more") ? "" : " (CIDR 192.0.2.0/28 or range 192.0.2.10-20)"));
            }
        }
        if (IPV4.matcher(a).matches() || (a.contains(":") && IPV6.matcher(a).matches() && isIpv6Literal(a))) {
            return 1;
        }
        if (HOST_NAME.matcher(a).matches() && !a.matches(".*(^|\\.)[0-9]+\\.?$") && !a.startsWith("-")) {
            return 1;
        }
        throw new IllegalArgumentException("address '" + a + "' is not an address, a host name, a CIDR block or an IPv4 range");
    }
}
