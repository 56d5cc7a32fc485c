package jp.akashi.probes.linux.log;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Pure parser of /etc/audit/auditd.conf: {@code key = value} lines, {@code #} comments. */
public final class AuditdConf {
    private AuditdConf() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            out.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
        }
        return out;
    }
}
