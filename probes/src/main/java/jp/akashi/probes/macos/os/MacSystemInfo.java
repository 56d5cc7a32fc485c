package jp.akashi.probes.macos.os;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers for {@code sw_vers}, {@code ioreg -rd1 -c IOPlatformExpertDevice} and {@code sysctl kern.boottime}. */
public final class MacSystemInfo {
    private static final Pattern IOREG = Pattern.compile("^\\s*\"([^\"]+)\"\\s*=\\s*(?:<\"([^\"]*)\"|\"([^\"]*)\")");
    private static final Pattern BOOT = Pattern.compile("\\{\\s*sec\\s*=\\s*(\\d+)\\s*,\\s*usec\\s*=\\s*(\\d+)\\s*}");
    private static final Map<Integer, String> CODENAMES = Map.of(11, "Big Sur", 12, "Monterey", 13, "Ventura", 14, "Sonoma",
            15, "Sequoia", 26, "Tahoe");

    private MacSystemInfo() {
    }

    /** "Key: value" lines of sw_vers (ProductName, ProductVersion, BuildVersion). */
    public static Map<String, String> swVers(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int c = line.indexOf(':');
            if (c > 0) {
                m.put(line.substring(0, c).strip(), line.substring(c + 1).strip());
            }
        }
        return m;
    }

    /** String properties of the platform expert: manufacturer, model, IOPlatformUUID, IOPlatformSerialNumber … */
    public static Map<String, String> ioreg(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher x = IOREG.matcher(line);
            if (x.find()) {
                m.putIfAbsent(x.group(1), x.group(2) != null ? x.group(2) : x.group(3));
            }
        }
        return m;
    }

    /** {@code { sec = 1731890000, usec = 412345 } Mon Nov 18 …}; {@code null} when it is not that shape. */
    public static Instant bootTime(String text) {
        Matcher m = BOOT.matcher(text == null ? "" : text);
        return m.find() ? Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) * 1000) : null;
    }

    /** Major version of a ProductVersion (10.15.7 → 10, 14.5 → 14); {@code null} when not numeric. */
    public static Integer major(String productVersion) {
        if (productVersion == null || !productVersion.matches("\\d+(\\.\\d+){0,2}")) {
            return null;
        }
        return Integer.parseInt(productVersion.split("\\.")[0]);
    }

    /** Sonoma, Sequoia …; {@code null} for versions this table does not know. */
    public static String codename(Integer major) {
        return major == null ? null : CODENAMES.get(major);
    }

    /** Hypervisor from kern.hv_vmm_present and the platform model. */
    public static String virtualization(String hvVmmPresent, String model) {
        String v = hvVmmPresent == null ? "" : hvVmmPresent.strip();
        String mdl = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return "none";
        }
        if (!v.equals("1")) {
            return null;
        }
        if (mdl.startsWith("vmware")) {
            return "vmware";
        }
        if (mdl.startsWith("parallels")) {
            return "parallels";
        }
        if (mdl.startsWith("virtualmac")) {
            return "apple";
        }
        return "unknown-hypervisor";
    }
}
