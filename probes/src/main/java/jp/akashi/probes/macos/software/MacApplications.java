package jp.akashi.probes.macos.software;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.util.Json;

/**
 * Pure parser for {@code system_profiler SPApplicationsDataType -json}: {name, version, vendor?}
 * per application, the vendor taken from the Developer ID signature ("Developer ID Application:
 * Google LLC (EQHXZ8M8AV)") or Apple for Apple's own.
 */
public final class MacApplications {
    private static final Pattern DEVELOPER = Pattern.compile("^Developer ID Application:\\s*(.+?)\\s*(\\([A-Z0-9]{10}\\))?$");

    private MacApplications() {
    }

    /** Throws {@link IllegalArgumentException} when the output is not system_profiler's JSON. */
    public static List<Map<String, Object>> parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("system_profiler output is not JSON: " + e.getOriginalMessage());
        }
        JsonNode apps = root == null ? null : root.get("SPApplicationsDataType");
        if (apps == null || !apps.isArray()) {
            throw new IllegalArgumentException("no SPApplicationsDataType list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode a : apps) {
            String name = a.path("_name").asText("");
            if (name.isBlank()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("version", a.path("version").asText(""));
            String vendor = vendor(a);
            if (vendor != null) {
                m.put("vendor", vendor);
            }
            String path = a.path("path").asText("");
            if (!path.isEmpty()) {
                m.put("path", path);
            }
            out.add(m);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> ((String) m.get("name")).toLowerCase(Locale.ROOT))
                .thenComparing(m -> String.valueOf(m.get("path"))));
        return out;
    }

    private static String vendor(JsonNode a) {
        if ("apple".equals(a.path("obtained_from").asText())) {
            return "Apple";
        }
        JsonNode signers = a.path("signed_by");
        if (signers.isArray() && signers.size() > 0) {
            Matcher m = DEVELOPER.matcher(signers.get(0).asText());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
