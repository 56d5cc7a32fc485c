package jp.akashi.probes.exposure;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses scan targets: a single address ({@code 192.0.2.10}, {@code 2001:db8::5}), a host name,
 * a CIDR block ({@code 192.0.2.0/24}, {@code 2001:db8::/120}), or an IPv4 range
 * ({@code 192.0.2.10-192.0.2.20} or {@code 192.0.2.10-20}). Every address of a block or range is
 * scanned, network and broadcast addresses included.
 */
public final class ScanTargets {

    /** One address to scan, or a name that could not be resolved (reported as such, not skipped). */
    public record Target(String label, InetAddress address, String problem) {
    }

    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.?");
    private static final Pattern SHORT_RANGE = Pattern.compile("(" + IPV4.pattern() + ")-([0-9]{1,3})");

    private ScanTargets() {
    }

    /**
     * @throws IllegalArgumentException for malformed specs, or when more than {@code maxAddresses} result
     */
    public static List<Target> parse(List<String> specs, int maxAddresses) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("no scan targets given");
        }
        List<Target> out = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw == null ? "" : raw.strip();
            if (spec.contains("/")) {
                cidr(spec, out, maxAddresses);
            } else if (spec.contains("-") && (spec.matches(IPV4.pattern() + "-.*"))) {
                range(spec, out, maxAddresses);
            } else if (IPV4.matcher(spec).matches() || isIpv6Literal(spec)) {
                out.add(new Target(spec, literal(spec), null));
            } else if (HOSTNAME.matcher(spec).matches() && !spec.matches(".*(^|\\.)[0-9]+\\.?$")) {
                // an all-numeric last label is a mistyped address (192.0.2.300), never a host name
                out.add(resolve(spec));
            } else {
                throw new IllegalArgumentException("bad scan target '" + spec + "': expected an address, a host name, a CIDR block or an IPv4 range");
            }
            if (out.size() > maxAddresses) {
                throw new IllegalArgumentException("scan targets expand to more than " + maxAddresses + " addresses (at '" + spec + "')");
            }
        }
        return out;
    }

    private static Target resolve(String name) {
        try {
            return new Target(name, InetAddress.getByName(name), null);
        } catch (UnknownHostException e) {
            return new Target(name, null, "cannot resolve host name " + name);
        }
    }

    private static boolean isIpv6Literal(String s) {
        return s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    /** Parses an address literal without any DNS lookup. */
    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address '" + s + "'");
        }
    }

    private static void cidr(String spec, List<Target> out, int max) {
        String[] parts = spec.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,3}") || !(IPV4.matcher(parts[0]).matches() || isIpv6Literal(parts[0]))) {
            throw new IllegalArgumentException("bad CIDR block '" + spec + "'");
        }
        InetAddress base = literal(parts[0]);
        int bits = base.getAddress().length * 8;
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > bits) {
            throw new IllegalArgumentException("bad prefix length in '" + spec + "' (at most " + bits + ")");
        }
        if (bits - prefix > 30 || (1L << (bits - prefix)) + out.size() > max) {
            throw new IllegalArgumentException("CIDR block '" + spec + "' has more addresses than the limit of " + max);
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
        BigInteger first = new BigInteger(1, base.getAddress()).and(mask);
        addRange(first, first.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE), bits, out);
    }

    private static void range(String spec, List<Target> out, int max) {
        String[] parts = spec.split("-", -1);
        Matcher shortRange = SHORT_RANGE.matcher(spec);
        InetAddress from;
        InetAddress to;
        if (parts.length == 2 && IPV4.matcher(parts[1]).matches()) {
            from = literal(parts[0]);
            to = literal(parts[1]);
        } else if (shortRange.matches() && Integer.parseInt(shortRange.group(2)) <= 255) {
            from = literal(shortRange.group(1));
            byte[] b = from.getAddress();
            b[3] = (byte) Integer.parseInt(shortRange.group(2));
            to = address(b);
        } else {
            throw new IllegalArgumentException("bad address range '" + spec + "': use a.b.c.d-a.b.c.e or a.b.c.d-e");
        }
        BigInteger lo = new BigInteger(1, from.getAddress());
        BigInteger hi = new BigInteger(1, to.getAddress());
        if (hi.compareTo(lo) < 0) {
            throw new IllegalArgumentException("address range '" + spec + "' runs backwards");
        }
        if (hi.subtract(lo).add(BigInteger.ONE).add(BigInteger.valueOf(out.size())).compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException("address range '" + spec + "' has more addresses than the limit of " + max);
        }
        addRange(lo, hi, 32, out);
    }

    private static void addRange(BigInteger first, BigInteger last, int bits, List<Target> out) {
        for (BigInteger a = first; a.compareTo(last) <= 0; a = a.add(BigInteger.ONE)) {
            byte[] raw = a.toByteArray();
            byte[] b = new byte[bits / 8];
            int copy = Math.min(raw.length, b.length);
            System.arraycopy(raw, raw.length - copy, b, b.length - copy, copy);
            InetAddress ia = address(b);
            out.add(new Target(ia.getHostAddress(), ia, null));
        }
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address bytes", e);
        }
    }
}
