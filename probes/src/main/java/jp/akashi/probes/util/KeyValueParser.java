package jp.akashi.probes.util;

import java.util.LinkedHashMap;
import java.util.Map;

/** Pure parsers for the KEY=value and "key value" formats many Linux configuration files use. */
public final class KeyValueParser {
    private KeyValueParser() {
    }

    /**
     * Parses shell-style {@code KEY=value} lines (os-release, /etc/default/*): comments and blank
     * lines skipped, one level of single or double quotes removed, backslash escapes inside
     * double quotes honoured. Later keys win.
     */
    public static Map<String, String> shellAssignments(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            out.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return out;
    }

    /**
     * Parses whitespace-separated {@code key value} lines (login.defs, sshd_config): comments
     * (#) and blank lines skipped; the first occurrence of a key wins unless {@code lastWins}.
     * Keys are kept as written.
     */
    public static Map<String, String> spaceSeparated(String text, boolean lastWins) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String value = parts.length > 1 ? parts[1].strip() : "";
            if (lastWins || !out.containsKey(parts[0])) {
                out.put(parts[0], value);
            }
        }
        return out;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            String inner = v.substring(1, v.length() - 1);
            StringBuilder sb = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    sb.append(inner.charAt(++i));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        int hash = v.indexOf(" #");
        return hash >= 0 ? v.substring(0, hash).strip() : v;
    }
}
