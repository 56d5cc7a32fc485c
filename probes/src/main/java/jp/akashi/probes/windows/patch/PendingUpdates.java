package jp.akashi.probes.windows.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jp.akashi.probes.windows.WinValues;

/**
 * Pending updates from the Windows Update Agent search ({@code windows-update.ps1}, section
 * {@code pending}). An update counts as a security update when Microsoft classifies it as a
 * Security or Critical update or gives it an MSRC severity. Defender definition updates are left
 * out: they arrive several times a day and their freshness is judged by {@code av.*}.
 *
 * @param count          pending updates other than definition updates
 * @param security       objects {name, version, source, severity?, issued?, kb?, cves?}
 * @param oldestDays     age of the oldest pending security update, {@code 0} when none is pending;
 *                       {@code null} when one of them has no date ({@link #undatedTitle} names it)
 */
public record PendingUpdates(long count, List<Map<String, Object>> security, Long oldestDays, String undatedTitle) {

    /** Pure. Throws {@link IllegalArgumentException} when the section has no update list. */
    public static PendingUpdates parse(JsonNode pending, Instant now) {
        JsonNode items = WinValues.field(pending, "items");
        if (items == null) {
            throw new IllegalArgumentException("no items list in the Windows Update search result");
        }
        long count = 0;
        List<Map<String, Object>> security = new ArrayList<>();
        Instant oldest = null;
        String undated = null;
        for (JsonNode u : WinValues.items(pending, "items")) {
            Set<String> cats = categories(u);
            if (UpdateCategories.contains(cats, UpdateCategories.DEFINITION_UPDATES)) {
                continue;
            }
            count++;
            String severity = WinValues.text(u, "severity");
            boolean isSecurity = UpdateCategories.contains(cats, UpdateCategories.SECURITY_UPDATES)
                    || UpdateCategories.contains(cats, UpdateCategories.CRITICAL_UPDATES) || severity != null;
            if (!isSecurity) {
                continue;
            }
            String title = WinValues.text(u, "title");
            List<String> kbs = strings(u, "kb");
            Instant issued = WinValues.instant(u, "published");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", title != null ? title : kbs.isEmpty() ? String.valueOf(WinValues.text(u, "update_id")) : "KB" + kbs.get(0));
            Long rev = WinValues.integer(u, "revision");
            m.put("version", kbs.isEmpty() ? (rev == null ? "" : "rev " + rev) : "KB" + kbs.get(0));
            m.put("source", "windows-update");
            if (severity != null) {
                m.put("severity", severity.toLowerCase(Locale.ROOT));
            }
            if (issued != null) {
                m.put("issued", issued.toString());
                oldest = oldest == null || issued.isBefore(oldest) ? issued : oldest;
            } else if (undated == null) {
                undated = String.valueOf(m.get("name"));
            }
            if (!kbs.isEmpty()) {
                m.put("kb", "KB" + kbs.get(0));
            }
            List<String> cves = strings(u, "cves");
            if (!cves.isEmpty()) {
                m.put("cves", cves);
            }
            security.add(m);
        }
        Long days = undated != null ? null : oldest == null ? Long.valueOf(0) : Long.valueOf(Math.max(0, Duration.between(oldest, now).toDays()));
        return new PendingUpdates(count, security, days, undated);
    }

    private static Set<String> categories(JsonNode u) {
        Set<String> s = new LinkedHashSet<>();
        for (String c : strings(u, "categories")) {
            s.add(c.toLowerCase(Locale.ROOT));
        }
        return s;
    }

    private static List<String> strings(JsonNode u, String f) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : WinValues.items(u, f)) {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText().strip());
            }
        }
        return out;
    }
}
