package jp.akashi.probes.linux.net;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code ss -H -tulpn}:
 * {@code tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=900,fd=3))}. Without root the
 * users:(...) column is absent; a header line (older ss without -H) is skipped.
 */
public final class SsListeners {
    private static final Pattern USER = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=(\\d{1,9})");

    private SsListeners() {
    }

    /** Parsed sockets, and the number of lines that were not understood. */
    public record Result(List<Listener> listeners, int unparsed) {
    }

    public static Result parse(String text) {
        List<Listener> out = new ArrayList<>();
        int bad = 0;
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("Netid")) {
                continue;
            }
            String[] f = line.split("\\s+");
            Listener l = f.length >= 6 && (f[0].equals("tcp") || f[0].equals("udp")) ? listener(f, line) : null;
            if (l == null) {
                bad++;
            } else {
                out.add(l);
            }
        }
        out.sort(Listener.ORDER);
        return new Result(out, bad);
    }

    private static Listener listener(String[] f, String line) {
        String local = f[4];
        int colon = local.lastIndexOf(':');
        if (colon <= 0 || !local.substring(colon + 1).matches("\\d{1,5}")) {
            return null;
        }
        int port = Integer.parseInt(local.substring(colon + 1));
        String addr = local.substring(0, colon);
        String iface = null;
        int pct = addr.lastIndexOf('%');
        if (pct > 0) {
            iface = addr.substring(pct + 1);
            addr = addr.substring(0, pct);
        }
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        String proto = f[0] + (addr.contains(":") ? "6" : "");
        Matcher m = USER.matcher(line);
        String process = m.find() ? m.group(1) : null;
        Integer pid = process != null ? Integer.valueOf(m.group(2)) : null;
        return new Listener(proto, addr, port, iface, process, pid);
    }
}
