package jp.akashi.probes.macos.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser for {@code lsof -nP -iTCP -sTCP:LISTEN} and {@code lsof -nP -iUDP} tables
 * (COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME). Connected UDP sockets ("->") are not
 * listeners and are skipped.
 */
public final class LsofListeners {
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(IPv4|IPv6)\\s+\\S+\\s+\\S+\\s+(TCP|UDP)\\s+(\\S+)");

    private LsofListeners() {
    }

    public record Result(List<Map<String, Object>> sockets, List<Long> externalTcpPorts) {
    }

    /** Throws {@link IllegalArgumentException} when a non-empty output has no lsof header. */
    public static Result parse(String tcp, String udp) {
        Set<Map<String, Object>> rows = new LinkedHashSet<>();
        TreeSet<Long> ports = new TreeSet<>();
        for (String out : List.of(tcp, udp)) {
            if (!out.isBlank() && !out.strip().startsWith("COMMAND")) {
                throw new IllegalArgumentException("not lsof output");
            }
            for (String line : out.split("\\R")) {
                Matcher m = ROW.matcher(line);
                if (!m.find() || m.group(5).contains("->")) {
                    continue;
                }
                String name = m.group(5);
                int colon = name.lastIndexOf(':');
                if (colon < 0 || !name.substring(colon + 1).matches("\\d{1,5}")) {
                    continue;
                }
                boolean v6 = m.group(3).equals("IPv6");
                String addr = name.substring(0, colon).replace("[", "").replace("]", "");
                if (addr.equals("*")) {
                    addr = v6 ? "::" : "0.0.0.0";
                }
                long port = Long.parseLong(name.substring(colon + 1));
                String proto = m.group(4).toLowerCase(java.util.Locale.ROOT) + (v6 ? "6" : "");
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("proto", proto);
                r.put("address", addr);
                r.put("port", port);
                r.put("process", m.group(1).replace("\\x20", " "));
                r.put("pid", Long.parseLong(m.group(2)));
                rows.add(r);
                if (proto.startsWith("tcp") && !addr.startsWith("127.") && !addr.equals("::1")) {
                    ports.add(port);
                }
            }
        }
        List<Map<String, Object>> list = new ArrayList<>(rows);
        list.sort(Comparator.comparing((Map<String, Object> x) -> (String) x.get("proto")).thenComparing(x -> (Long) x.get("port")));
        return new Result(list, new ArrayList<>(ports));
    }
}
