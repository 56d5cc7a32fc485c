package jp.akashi.probes.linux.system;

import java.util.List;

import jp.akashi.probes.linux.IniFile;

/**
 * Pure reading of the two places that stop core dumps from being written: a hard {@code core}
 * limit of 0 for every user in pam_limits ({@code * hard core 0}), and systemd-coredump's
 * {@code Storage=none} (or {@code ProcessSizeMax=0}).
 */
public final class CoreDumpSettings {
    private CoreDumpSettings() {
    }

    /**
     * The line that sets the hard core limit for {@code *} last (limits.conf first, then limits.d
     * in name order), or null when none does.
     */
    public static String hardCoreLine(List<String> texts) {
        String last = null;
        for (String text : texts) {
            for (String raw : text == null ? new String[0] : text.split("\\R")) {
                String line = raw.strip();
                String[] f = line.split("\\s+");
                if (line.startsWith("#") || f.length < 4) {
                    continue;
                }
                if (f[0].equals("*") && (f[1].equals("hard") || f[1].equals("-")) && f[2].equals("core")) {
                    last = line;
                }
            }
        }
        return last;
    }

    /** Whether that line makes the limit 0. */
    public static boolean isZero(String line) {
        return line != null && line.split("\\s+")[3].equals("0");
    }

    /**
     * The effective storage of systemd-coredump from coredump.conf and its drop-ins, in order:
     * {@code none} when Storage=none or ProcessSizeMax=0, else the Storage value (default external).
     */
    public static String storage(List<String> texts) {
        IniFile ini = IniFile.parse("");
        for (String t : texts) {
            ini = ini.merge(t == null ? "" : t);
        }
        String storage = ini.get("Coredump", "Storage");
        String max = ini.get("Coredump", "ProcessSizeMax");
        if (max != null && max.strip().equals("0")) {
            return "none";
        }
        return storage == null || storage.isBlank() ? "external" : storage.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
