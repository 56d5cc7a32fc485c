package jp.akashi.probes.linux;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Pure parser for the INI dialect of systemd units and drop-ins (journald.conf), dnf-automatic and
 * yum-cron: {@code [Section]} headers, {@code key = value} lines, {@code #} and {@code ;} comments.
 * Later assignments win, as when drop-ins are applied in order with {@link #merge}.
 */
public final class IniFile {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    public static IniFile parse(String text) {
        return new IniFile().merge(text);
    }

    /** Applies {@code text} on top of what was parsed so far. */
    public IniFile merge(String text) {
        String section = "";
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            sections.computeIfAbsent(section, k -> new LinkedHashMap<>())
                    .put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return this;
    }

    /** The value of {@code key} in {@code section}, or null. */
    public String get(String section, String key) {
        Map<String, String> s = sections.get(section);
        return s == null ? null : s.get(key);
    }

    /** Whether a value is one of the spellings of true these files accept. */
    public static boolean isTrue(String v) {
        return v != null && v.strip().toLowerCase(Locale.ROOT).matches("yes|true|on|1");
    }
}
