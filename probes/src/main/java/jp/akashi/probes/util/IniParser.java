package jp.akashi.probes.util;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pure parser for INI text ({@code [Section]} headers, {@code key = value} lines, {@code ;}
 * comments), as secedit exports and auditing tools write. Section names are matched without
 * regard to case; keys keep their case. One level of double quotes around a value is removed.
 */
public final class IniParser {
    private final Map<String, Map<String, String>> sections;

    private IniParser(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    public static IniParser parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        if (text == null) {
            return new IniParser(out);
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                current = out.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            current.put(line.substring(0, eq).strip(), value);
        }
        return new IniParser(out);
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> section(String name) {
        return sections.getOrDefault(name.toLowerCase(Locale.ROOT), Map.of());
    }

    public Optional<String> value(String section, String key) {
        return Optional.ofNullable(section(section).get(key));
    }
}
