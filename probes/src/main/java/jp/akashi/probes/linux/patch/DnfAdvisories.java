package jp.akashi.probes.linux.patch;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsers of dnf/yum advisory output. {@code updateinfo list --security} gives one line per
 * advisory and package ({@code RHSA-2024:3061 Important/Sec. openssl-libs-1:3.0.7-27.el9_4.x86_64});
 * {@code updateinfo info --security} gives blocks with the advisory's dates
 * ({@code Update ID: RHSA-2024:3061}, {@code Issued: ...} on yum, {@code Updated: ...} on dnf).
 */
public final class DnfAdvisories {
    private static final Pattern FIELD = Pattern.compile("^\\s*(Update ID|Issued|Updated|Severity)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");

    private DnfAdvisories() {
    }

    /** One advisory line: the fix for {@code name} ships in {@code version}. */
    public record Advisory(String id, String severity, String name, String version, String arch) {
    }

    /** What the info blocks say about one advisory. */
    public record Details(String id, LocalDate issued, String severity) {
    }

    public static List<Advisory> parseList(String text) {
        List<Advisory> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String[] f = raw.strip().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            String kind = f[1];
            boolean security = kind.toLowerCase().endsWith("/sec.") || kind.equalsIgnoreCase("security");
            String[] nevra = RpmNames.nevra(f[2]);
            if (!security || nevra == null) {
                continue;
            }
            String severity = kind.contains("/") ? kind.substring(0, kind.indexOf('/')) : null;
            out.add(new Advisory(f[0], severity, nevra[0], nevra[1], nevra[2]));
        }
        return out;
    }

    /**
     * Dates and severities by advisory id. Where a block has both, the issue date is used: it is
     * when the fix became available, which is what "pending for N days" measures.
     */
    public static Map<String, Details> parseInfo(String text) {
        Map<String, Details> out = new HashMap<>();
        String id = null;
        LocalDate issued = null;
        LocalDate updated = null;
        String severity = null;
        for (String raw : text == null ? new String[0] : (text + "\n====").split("\\R")) {
            if (raw.startsWith("====")) {
                if (id != null) {
                    out.put(id, new Details(id, issued != null ? issued : updated, severity));
                }
                id = null;
                issued = null;
                updated = null;
                severity = null;
                continue;
            }
            Matcher m = FIELD.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            String v = m.group(2);
            switch (m.group(1)) {
                case "Update ID" -> {
                    if (id != null) {
                        // yum separates blocks without a ==== line in some versions
                        out.put(id, new Details(id, issued != null ? issued : updated, severity));
                        issued = null;
                        updated = null;
                        severity = null;
                    }
                    id = v;
                }
                case "Issued" -> issued = date(v);
                case "Updated" -> updated = date(v);
                default -> severity = v;
            }
        }
        return out;
    }

    private static LocalDate date(String v) {
        Matcher m = DATE.matcher(v);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
