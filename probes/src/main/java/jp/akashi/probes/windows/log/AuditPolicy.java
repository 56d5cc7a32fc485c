package jp.akashi.probes.windows.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure parser for {@code auditpol /backup} CSV (columns Machine Name, Policy Target, Subcategory,
 * Subcategory GUID, Inclusion Setting, Exclusion Setting, Setting Value). Subcategory names and
 * Inclusion Setting are translated on Japanese Windows ("ログオン", "成功および失敗"), so rows
 * are matched by GUID and read by the numeric Setting Value: 0 none, 1 success, 2 failure,
 * 3 both (4 "none" in Group Policy files).
 */
public final class AuditPolicy {
    /** Subcategories this product reports, by GUID. */
    public static final Map<String, String> SUBCATEGORIES = new LinkedHashMap<>();

    static {
        SUBCATEGORIES.put("{0cce9215-69ae-11d9-bed3-505054503030}", "logon");
        SUBCATEGORIES.put("{0cce9216-69ae-11d9-bed3-505054503030}", "logoff");
        SUBCATEGORIES.put("{0cce9217-69ae-11d9-bed3-505054503030}", "account_lockout");
        SUBCATEGORIES.put("{0cce921b-69ae-11d9-bed3-505054503030}", "special_logon");
        SUBCATEGORIES.put("{0cce923f-69ae-11d9-bed3-505054503030}", "credential_validation");
        SUBCATEGORIES.put("{0cce9235-69ae-11d9-bed3-505054503030}", "user_account_management");
        SUBCATEGORIES.put("{0cce9237-69ae-11d9-bed3-505054503030}", "security_group_management");
        SUBCATEGORIES.put("{0cce922f-69ae-11d9-bed3-505054503030}", "audit_policy_change");
    }

    public static final String LOGON = "{0cce9215-69ae-11d9-bed3-505054503030}";

    private AuditPolicy() {
    }

    /** GUID (lower case, with braces) → Setting Value. Throws {@link IllegalArgumentException} when no subcategory row is found. */
    public static Map<String, Integer> parse(String csv) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : csv.split("\\R")) {
            List<String> f = split(line);
            if (f.size() < 7) {
                continue;
            }
            String guid = f.get(3).strip().toLowerCase(Locale.ROOT);
            String value = f.get(6).strip();
            if (guid.matches("\\{[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}}") && value.matches("\\d{1,2}")) {
                out.put(guid, Integer.parseInt(value));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the auditpol backup lists no subcategory settings");
        }
        return out;
    }

    /** none, success, failure, success_and_failure. */
    public static String name(int settingValue) {
        return switch (settingValue) {
            case 1 -> "success";
            case 2 -> "failure";
            case 3 -> "success_and_failure";
            default -> "none";
        };
    }

    /** Splits one CSV line; fields may be double-quoted with "" as an escaped quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
