package jp.akashi.probes.linux.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pure parser of /proc/net/{tcp,tcp6,udp,udp6}, for hosts without ss. Addresses are hex in the
 * kernel's byte order (little-endian 32-bit words on x86 and arm64); a TCP socket listens in state
 * 0A, a UDP socket is unconnected (and so receives from anyone) in state 07. The owning process is
 * not in these files.
 */
public final class ProcNetListeners {
    private ProcNetListeners() {
    }

    /** @param proto tcp, tcp6, udp or udp6, as the file's name says */
    public static List<Listener> parse(String proto, String text) {
        List<Listener> out = new ArrayList<>();
        String wanted = proto.startsWith("tcp") ? "0A" : "07";
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String[] f = raw.strip().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":") || !f[3].equals(wanted)) {
                continue;
            }
            String[] local = f[1].split(":");
            if (local.length != 2 || !local[1].matches("[0-9A-Fa-f]{4}")) {
                continue;
            }
            String addr = address(local[0]);
            int port = Integer.parseInt(local[1], 16);
            if (addr == null || port == 0) {
                continue;
            }
            out.add(new Listener(proto, addr, port, null, null, null));
        }
        out.sort(Listener.ORDER);
        return out;
    }

    /** Hex address in kernel order to text; null when malformed. */
    static String address(String hex) {
        if (hex.length() == 8 && hex.matches("[0-9A-Fa-f]+")) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        if (hex.length() == 32 && hex.matches("[0-9A-Fa-f]+")) {
            byte[] b = new byte[16];
            for (int word = 0; word < 4; word++) {
                long v = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
                for (int i = 0; i < 4; i++) {
                    b[word * 4 + i] = (byte) (v >> (8 * i));
                }
            }
            try {
                String s = InetAddress.getByAddress(b).getHostAddress();
                return compress(s);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Java prints 0:0:0:0:0:0:0:1; ss and people write ::1. */
    private static String compress(String s) {
        if (!s.contains(":")) {
            // a v4-mapped address: InetAddress turns it into plain IPv4
            return "::ffff:" + s;
        }
        String[] parts = s.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < parts.length; i++) {
            int j = i;
            while (j < parts.length && parts[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestStart < 0) {
            return s;
        }
        String head = String.join(":", Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }
}
