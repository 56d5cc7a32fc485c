package jp.akashi.probes.linux.av;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure parser of {@code mdatp health}: {@code real_time_protection_enabled : true [managed]},
 * {@code definitions_version : "1.395.227.0"}. Quotes and the {@code [managed]} marker are removed.
 */
public final class MdatpHealth {
    private MdatpHealth() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            int colon = line.indexOf(" : ");
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            if (!key.matches("[a-z0-9_]+")) {
                continue;
            }
            String v = line.substring(colon + 3).strip().replaceAll("\\s*\\[managed]$", "");
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(key, v);
        }
        return out;
    }
}
