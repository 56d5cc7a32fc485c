package jp.akashi.probes.linux.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parser of {@code apt-config dump}: {@code APT::Periodic::Unattended-Upgrade "1";}, last value wins. */
public final class AptConfig {
    private static final Pattern LINE = Pattern.compile("^(\\S+) \"(.*)\";\\s*$");

    private AptConfig() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /**
     * Whether an APT::Periodic interval turns its job on: "1" (days), "always", "1d"; off when
     * absent, empty or zero.
     */
    public static boolean periodicOn(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        return !v.isEmpty() && !v.matches("0+[a-z]*");
    }
}
