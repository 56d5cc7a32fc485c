package jp.akashi.probes.linux.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure reading of modprobe.d configuration for a module: {@code blacklist usb-storage} (no loading by
 * alias, which is how a plugged-in device loads it) and {@code install usb-storage /bin/false} (no
 * loading at all). Module names treat - and _ alike.
 */
public final class ModprobeRules {
    private ModprobeRules() {
    }

    /** The lines that stop {@code module} from loading, as found. */
    public static List<String> blocking(String text, String module) {
        List<String> out = new ArrayList<>();
        String want = norm(module);
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            if (f.length >= 2 && f[0].equals("blacklist") && norm(f[1]).equals(want)) {
                out.add(line);
            } else if (f.length == 3 && f[0].equals("install") && norm(f[1]).equals(want) && !f[2].contains("modprobe")) {
                // an install command that does not end up calling modprobe replaces loading with itself
                out.add(line);
            }
        }
        return out;
    }

    /** Every module the lines of {@code text} stop from loading (names with _ for -), in order of appearance. */
    public static List<String> blockedModules(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String[] f = raw.strip().split("\\s+", 3);
            if (f.length < 2 || f[0].startsWith("#")) {
                continue;
            }
            String m = norm(f[1]);
            if (!out.contains(m) && !blocking(raw, f[1]).isEmpty()) {
                out.add(m);
            }
        }
        return out;
    }

    /** Kernel command line {@code modprobe.blacklist=a,b} naming the module. */
    public static boolean blacklistedOnCmdline(String cmdline, String module) {
        for (String arg : cmdline == null ? new String[0] : cmdline.strip().split("\\s+")) {
            if (arg.startsWith("modprobe.blacklist=")) {
                for (String m : arg.substring("modprobe.blacklist=".length()).split(",")) {
                    if (norm(m).equals(norm(module))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String norm(String m) {
        return m.replace('-', '_');
    }
}
