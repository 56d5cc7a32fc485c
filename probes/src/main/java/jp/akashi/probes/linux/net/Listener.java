package jp.akashi.probes.linux.net;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One listening socket.
 *
 * @param proto     tcp, udp, tcp6 or udp6 (tcp/udp when the address is {@code *}, which ss prints for a
 *                  wildcard socket whose family it does not tell)
 * @param address   the bound address without brackets or scope: {@code 0.0.0.0}, {@code ::}, {@code *}
 * @param iface     the interface the socket is bound to ({@code %lo} in ss), or null
 * @param process   program name where visible (root only), or null
 */
public record Listener(String proto, String address, int port, String iface, String process, Integer pid) {

    static final Comparator<Listener> ORDER = Comparator.comparing(Listener::proto)
            .thenComparingInt(Listener::port).thenComparing(Listener::address);

    public boolean tcp() {
        return proto.startsWith("tcp");
    }

    /** Reachable only from the host itself: a loopback address or bound to the lo interface. */
    public boolean loopback() {
        return "lo".equals(iface) || address.startsWith("127.") || address.equals("::1")
                || address.toLowerCase().startsWith("::ffff:127.");
    }

    /** The wire form: {proto, address, port, interface?, process?, pid?}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proto", proto);
        m.put("address", address);
        m.put("port", (long) port);
        if (iface != null) {
            m.put("interface", iface);
        }
        if (process != null) {
            m.put("process", process);
        }
        if (pid != null) {
            m.put("pid", (long) pid);
        }
        return m;
    }
}
