package jp.akashi.probes.linux.system;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Pure: the entry for {@code /tmp} in a mount table ({@code /proc/self/mounts}) or {@code /etc/fstab}. */
public final class TmpMount {
    /** @param line the table's line; options as written, split at commas */
    public record Entry(String device, String type, List<String> options, String line) {
        public boolean has(String option) {
            return options.contains(option);
        }
    }

    private TmpMount() {
    }

    /** The last entry mounted on {@code /tmp} (the one on top), if any. */
    public static Optional<Entry> find(String table) {
        Entry found = null;
        for (String raw : table == null ? new String[0] : table.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length >= 4 && (f[1].equals("/tmp") || f[1].equals("/tmp/"))) {
                found = new Entry(f[0], f[2], Arrays.stream(f[3].split(",")).map(String::strip).sorted().toList(), line);
            }
        }
        return Optional.ofNullable(found);
    }

    /** The {@code Options=} of a systemd {@code tmp.mount} unit as an entry, if it has a [Mount] section. */
    public static Optional<Entry> fromUnit(String unit) {
        jp.akashi.probes.linux.IniFile ini = jp.akashi.probes.linux.IniFile.parse(unit);
        String what = ini.get("Mount", "What");
        if (what == null) {
            return Optional.empty();
        }
        String type = ini.get("Mount", "Type");
        String opts = ini.get("Mount", "Options");
        List<String> o = opts == null || opts.isBlank() ? List.of() : Arrays.stream(opts.split(",")).map(String::strip).sorted().toList();
        return Optional.of(new Entry(what, type == null ? "auto" : type, o, "tmp.mount: What=" + what + " Options=" + (opts == null ? "" : opts)));
    }
}
