package jp.akashi.probes.windows.net;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsServices;

/**
 * Pure: listening sockets from the inventory's {@code listening} section (MSFT_NetTCPConnection
 * in state Listen and MSFT_NetUDPEndpoint, with the owning process) in the shape of
 * {@code net.listening}. Services running in the owning process are named too, because most
 * Windows listeners are {@code svchost} or the kernel ({@code System}, PID 4).
 */
public final class WindowsListeners {
    private WindowsListeners() {
    }

    public record Result(List<Map<String, Object>> sockets, List<Long> externalTcpPorts) {
    }

    /** Throws {@link IllegalArgumentException} when the section lacks the tcp or udp list. */
    public static Result parse(JsonNode section, WindowsServices services) {
        if (WinValues.field(section, "tcp") == null || WinValues.field(section, "udp") == null) {
            throw new IllegalArgumentException("tcp or udp list missing");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        TreeSet<Long> ports = new TreeSet<>();
        for (String proto : List.of("tcp", "udp")) {
            for (JsonNode n : WinValues.items(section, proto)) {
                String addr = WinValues.text(n, "address");
                Long port = WinValues.integer(n, "port");
                if (addr == null || port == null || port < 0 || port > 65535) {
                    throw new IllegalArgumentException(proto + " entry without address or valid port: " + n);
                }
                boolean v6 = addr.contains(":");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("proto", v6 ? proto + "6" : proto);
                m.put("address", addr);
                m.put("port", port);
                String process = WinValues.text(n, "process");
                Long pid = WinValues.integer(n, "pid");
                if (process != null) {
                    m.put("process", process);
                }
                if (pid != null) {
                    m.put("pid", pid);
                    List<String> svc = services == null ? List.of() : services.runningIn(pid);
                    if (!svc.isEmpty()) {
                        m.put("services", svc);
                    }
                }
                out.add(m);
                if (proto.equals("tcp") && !isLoopback(addr)) {
                    ports.add(port);
                }
            }
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("proto"))
                .thenComparing(m -> (Long) m.get("port")).thenComparing(m -> (String) m.get("address")));
        return new Result(out, new ArrayList<>(ports));
    }

    static boolean isLoopback(String addr) {
        return addr.startsWith("127.") || addr.equals("::1");
    }
}
