package jp.akashi.probes.linux.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure parser for the {@code key = value} files of /etc/security (pwquality.conf, faillock.conf,
 * pwhistory.conf): {@code #} comments, bare words are flags (mapped to ""), later lines win.
 */
final class ConfigLines {
    private ConfigLines() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                out.put(line, "");
            } else {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /** The integer value of {@code key}, or {@code fallback} when absent; null when present but not a number. */
    static Integer integer(Map<String, String> kv, String key, int fallback) {
        String v = kv.get(key);
        if (v == null) {
            return fallback;
        }
        return v.matches("-?\\d{1,9}") ? Integer.valueOf(v) : null;
    }
}
