package jp.akashi.probes.exposure;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Pure parser for port specifications: {@code 22,80,443}, {@code 8000-8100}, {@code common}, or mixtures. */
public final class PortList {

    /** Ports of services that are commonly exposed by mistake or that criteria ask about (remote access, file sharing, databases). */
    public static final List<Integer> COMMON = List.of(21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 389, 443, 445, 465,
            513, 514, 587, 636, 873, 993, 995, 1433, 1521, 2049, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 8080, 8443, 9200, 27017);

    private PortList() {
    }

    /**
     * @throws IllegalArgumentException naming the bad part, or when more than {@code maxPorts} ports result
     */
    public static List<Integer> parse(String spec, int maxPorts) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no ports given");
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (String raw : spec.split(",")) {
            String part = raw.strip();
            if (part.equalsIgnoreCase("common")) {
                ports.addAll(COMMON);
                continue;
            }
            int dash = part.indexOf('-');
            int from = number(dash < 0 ? part : part.substring(0, dash), part);
            int to = dash < 0 ? from : number(part.substring(dash + 1), part);
            if (to < from) {
                throw new IllegalArgumentException("port range '" + part + "' runs backwards");
            }
            for (int p = from; p <= to; p++) {
                ports.add(p);
            }
        }
        if (ports.size() > maxPorts) {
            throw new IllegalArgumentException(ports.size() + " ports in '" + spec + "' exceed the limit of " + maxPorts);
        }
        return new ArrayList<>(ports);
    }

    private static int number(String s, String part) {
        String t = s.strip();
        if (!t.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("bad port '" + part + "': ports are numbers 1-65535, ranges a-b, or 'common'");
        }
        int p = Integer.parseInt(t);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " out of range 1-65535");
        }
        return p;
    }
}
