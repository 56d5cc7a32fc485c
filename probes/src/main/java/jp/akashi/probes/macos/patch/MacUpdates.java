package jp.akashi.probes.macos.patch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.macos.MacValues;

/**
 * Pure parsers for macOS update state: pending updates (the SoftwareUpdate preferences' list of
 * recommended updates, or {@code softwareupdate --list}), install history
 * (/Library/Receipts/InstallHistory.plist) and the automatic update settings.
 *
 * <p>Apple publishes no severity and states no release date. An update counts as a security
 * update when it is a point update of the running major macOS version (Apple ships security fixes
 * in those), a Safari update, a Rapid Security Response / Background Security Improvement, or
 * XProtect/MRT/Gatekeeper data. Upgrades to a new major version do not count.
 */
public final class MacUpdates {
    private static final Pattern LIST_LABEL = Pattern.compile("^\\*\\s*Label:\\s*(.+)$");
    private static final Pattern LIST_TITLE = Pattern.compile("^\\s*Title:\\s*([^,]+),\\s*Version:\\s*([^,]+)");
    private static final Pattern MACOS_VERSION = Pattern.compile("(?i)^macOS\\b.*?\\b(\\d{2})(?:\\.\\d+)*");

    private MacUpdates() {
    }

    /** One pending update: display name, version, identifier/label. */
    public record Update(String name, String version, String id) {
    }

    /** From com.apple.SoftwareUpdate.plist RecommendedUpdates. */
    public static List<Update> recommended(Object recommendedUpdates) {
        List<Update> out = new ArrayList<>();
        if (!(recommendedUpdates instanceof List<?> l)) {
            return out;
        }
        for (Object o : l) {
            if (o instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = (Map<String, Object>) m;
                String name = MacValues.text(d, "Display Name");
                String id = MacValues.text(d, "Identifier");
                if (name != null || id != null) {
                    out.add(new Update(name != null ? name : id, String.valueOf(MacValues.text(d, "Display Version")), id));
                }
            }
        }
        return out;
    }

    /** From {@code softwareupdate --list}. Throws {@link IllegalArgumentException} for output that is neither a list nor "No new software available". */
    public static List<Update> softwareupdateList(String stdout, String stderr) {
        List<Update> out = new ArrayList<>();
        String label = null;
        for (String line : stdout.split("\\R")) {
            Matcher l = LIST_LABEL.matcher(line);
            if (l.find()) {
                label = l.group(1).strip();
                continue;
            }
            Matcher t = LIST_TITLE.matcher(line);
            if (t.find() && label != null) {
                out.add(new Update(t.group(1).strip(), t.group(2).strip(), label));
                label = null;
            }
        }
        if (out.isEmpty() && !(stdout + stderr).contains("No new software available")) {
            throw new IllegalArgumentException("softwareupdate --list printed no update list");
        }
        return out;
    }

    public static boolean isSecurity(Update u, Integer runningMajor) {
        String s = (u.name() + " " + u.id()).toLowerCase(Locale.ROOT);
        if (s.contains("security") || s.contains("xprotect") || s.contains("mrt") || s.contains("gatekeeper") || s.contains("safari")) {
            return true;
        }
        Matcher m = MACOS_VERSION.matcher(u.name());
        return m.find() && runningMajor != null && Integer.parseInt(m.group(1)) == runningMajor;
    }

    public static Map<String, Object> toMap(Update u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("version", u.version());
        m.put("source", "softwareupdate");
        if (u.id() != null) {
            m.put("id", u.id());
        }
        return m;
    }

    /** Entries of InstallHistory.plist: {date, displayName, processName}. Throws when the root is not an array. */
    public static List<Map<String, Object>> history(Object root) {
        if (!(root instanceof List<?> l)) {
            throw new IllegalArgumentException("InstallHistory.plist root is not an array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof Map<?, ?> m && m.get("date") instanceof Instant) {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = (Map<String, Object>) m;
                out.add(d);
            }
        }
        return out;
    }

    /** Most recent install of anything; {@code null} when the history is empty. */
    public static Instant lastInstall(List<Map<String, Object>> history) {
        return history.stream().map(m -> (Instant) m.get("date")).max(Instant::compareTo).orElse(null);
    }

    /** Most recent install whose display name starts with {@code prefix} (XProtectPlistConfigData …). */
    public static Instant lastInstallOf(List<Map<String, Object>> history, String prefix) {
        return history.stream().filter(m -> String.valueOf(m.get("displayName")).startsWith(prefix))
                .map(m -> (Instant) m.get("date")).max(Instant::compareTo).orElse(null);
    }

    /**
     * Automatic installation of updates: the managed (MDM) value of a key wins over the local one.
     * On when macOS updates install automatically and security responses/system data are not
     * turned off; {@code null} when AutomaticallyInstallMacOSUpdates is set nowhere.
     */
    public static Boolean autoUpdate(Map<String, Object> local, Map<String, Object> managed, Map<String, Object> detail) {
        Boolean check = pick(local, managed, "AutomaticCheckEnabled", detail);
        Boolean install = pick(local, managed, "AutomaticallyInstallMacOSUpdates", detail);
        Boolean critical = pick(local, managed, "CriticalUpdateInstall", detail);
        pick(local, managed, "AutomaticDownload", detail);
        pick(local, managed, "ConfigDataInstall", detail);
        if (Boolean.FALSE.equals(check) || Boolean.FALSE.equals(install) || Boolean.FALSE.equals(critical)) {
            return false;
        }
        return install == null ? null : true;
    }

    private static Boolean pick(Map<String, Object> local, Map<String, Object> managed, String key, Map<String, Object> detail) {
        Boolean m = MacValues.bool(managed, key);
        Boolean v = m != null ? m : MacValues.bool(local, key);
        if (v != null) {
            detail.put(key, v);
        }
        return v;
    }
}
