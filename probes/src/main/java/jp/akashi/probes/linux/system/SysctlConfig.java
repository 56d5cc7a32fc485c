package jp.akashi.probes.linux.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.Sources;

/**
 * The kernel parameters the boot configuration sets, as systemd-sysctl and {@code sysctl --system}
 * apply them: the {@code *.conf} files of the sysctl.d directories by file name (a name in an
 * earlier directory hides the same name in a later one), each later assignment overriding an
 * earlier one, {@code /etc/sysctl.conf} last.
 */
public final class SysctlConfig {
    static final List<String> DIRS = List.of("/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d");
    static final String MAIN = "/etc/sysctl.conf";

    /** One assignment that took effect, with the file that made it. */
    public record Setting(String value, String file, String line) {
    }

    private SysctlConfig() {
    }

    /** The files in the order they are applied (unreadable ones included, so the caller can say so). */
    static List<FileRead> files(HostAccess h) {
        Map<String, String> byName = new TreeMap<>();
        for (String dir : DIRS) {
            for (FileEntry e : h.list(dir)) {
                if (!e.directory() && e.name().endsWith(".conf") && !e.name().startsWith(".") && !Sources.isLeftover(e.name())) {
                    byName.putIfAbsent(e.name(), e.path());
                }
            }
        }
        List<FileRead> out = new ArrayList<>();
        for (String path : byName.values()) {
            out.add(Sources.config(h, path));
        }
        FileRead main = Sources.config(h, MAIN);
        if (main.status() != FileRead.Status.NOT_FOUND) {
            out.add(main);
        }
        return out;
    }

    /** Pure: applies the assignments of {@code text} (file {@code path}) onto {@code into}. */
    public static void apply(String path, String text, Map<String, Setting> into) {
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.startsWith("-")) {
                key = key.substring(1).strip();   // "-key = v": ignore a failure to set it
            }
            if (key.contains("*")) {
                continue;                          // globs over interfaces name no single watched key
            }
            into.put(normalise(key), new Setting(line.substring(eq + 1).strip(), path, line));
        }
    }

    /** {@code net/ipv4/ip_forward} and {@code net.ipv4.ip_forward} are the same key. */
    static String normalise(String key) {
        return key.indexOf('/') >= 0 ? key.replace('/', '.') : key;
    }

    /** Pure: all files applied in order. */
    public static Map<String, Setting> parse(List<FileRead> files) {
        Map<String, Setting> m = new LinkedHashMap<>();
        for (FileRead f : files) {
            if (f.ok()) {
                apply(f.path(), f.content(), m);
            }
        }
        return m;
    }
}
