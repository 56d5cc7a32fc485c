package jp.akashi.probes.windows.software;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: installed software from the Uninstall registry keys (64-bit and 32-bit views and loaded
 * user hives), as "Programs and Features" lists it: system components, updates of other products
 * (ParentKeyName) and hotfix entries (ReleaseType) are left out. Display names are kept as
 * written, Japanese included.
 */
public final class UninstallEntries {
    private static final Set<String> UPDATE_TYPES = Set.of("update", "hotfix", "security update", "service pack");

    private UninstallEntries() {
    }

    /** Throws {@link IllegalArgumentException} when the section has no item list. */
    public static List<Map<String, Object>> parse(JsonNode section) {
        if (WinValues.field(section, "items") == null) {
            throw new IllegalArgumentException("no items list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode e : WinValues.items(section, "items")) {
            String name = WinValues.text(e, "name");
            Long sys = WinValues.integer(e, "system_component");
            String type = WinValues.text(e, "release_type");
            if (name == null || (sys != null && sys == 1) || WinValues.text(e, "parent") != null
                    || (type != null && UPDATE_TYPES.contains(type.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            String version = WinValues.text(e, "version");
            if (!seen.add(name + "\u0000" + version)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("version", version == null ? "" : version);
            String vendor = WinValues.text(e, "publisher");
            if (vendor != null) {
                m.put("vendor", vendor);
            }
            String date = installDate(WinValues.text(e, "install_date"));
            if (date != null) {
                m.put("installed_at", date);
            }
            String view = WinValues.text(e, "view");
            if (view != null && view.startsWith("user:")) {
                m.put("scope", "user");
            }
            out.add(m);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> ((String) m.get("name")).toLowerCase(Locale.ROOT)));
        return out;
    }

    /** InstallDate is yyyyMMdd by convention; installers that write anything else get no date. */
    static String installDate(String raw) {
        if (raw == null || !raw.matches("(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])")) {
            return null;
        }
        return raw.substring(0, 4) + "-" + raw.substring(4, 6) + "-" + raw.substring(6, 8);
    }
}
