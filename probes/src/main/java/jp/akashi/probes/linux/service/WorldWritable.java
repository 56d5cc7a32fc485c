package jp.akashi.probes.linux.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded scan for world-writable files in system paths: {@code find} on the directories below,
 * staying on their file systems, listing what others may write to except sticky directories (like
 * /tmp, where that is intended) and symbolic links (whose mode means nothing).
 */
public final class WorldWritable {
    /** System paths scanned; /bin and /sbin are links into /usr on merged-/usr systems and find does not follow them. */
    public static final List<String> PATHS = List.of("/etc", "/usr/bin", "/usr/sbin", "/usr/lib/systemd", "/usr/local", "/bin", "/sbin");
    /** At most this many paths are reported. */
    public static final int MAX_LISTED = 50;

    private WorldWritable() {
    }

    /** The command: {@code find PATHS -xdev ! -type l -perm -0002 ! ( -type d -perm -1000 ) -print}. */
    public static List<String> command(List<String> existing) {
        List<String> argv = new ArrayList<>(List.of("find"));
        argv.addAll(existing);
        argv.addAll(List.of("-xdev", "!", "-type", "l", "-perm", "-0002", "!", "(", "-type", "d", "-perm", "-1000", ")", "-print"));
        return argv;
    }

    /** Pure parser of find's output: absolute paths, one a line, at most {@link #MAX_LISTED}. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String p = raw.strip();
            if (p.startsWith("/") && out.size() < MAX_LISTED && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
