package jp.akashi.probes.snmp;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser from sysDescr.0 (and sysObjectID.0) to vendor, model, network OS and firmware version
 * for the devices common in Japanese offices: Cisco IOS / IOS-XE, YAMAHA RTX/NVR/FWX, Fortinet
 * FortiGate, Juniper Junos, and a generic fallback (vendor from the IANA enterprise number, Linux
 * kernels, "Version x.y" phrases).
 */
public final class SysDescrParser {

    private static final String ENTERPRISES = "1.3.6.1.4.1.";

    /** IANA private enterprise numbers of vendors seen on office networks. */
    private static final Map<String, String> VENDORS = Map.ofEntries(
            Map.entry("9", "Cisco"), Map.entry("11", "HP"), Map.entry("43", "3Com"), Map.entry("116", "Hitachi"),
            Map.entry("119", "NEC"), Map.entry("207", "Allied Telesis"), Map.entry("211", "Fujitsu"),
            Map.entry("311", "Microsoft"), Map.entry("674", "Dell"), Map.entry("890", "ZyXEL"),
            Map.entry("1182", "YAMAHA"), Map.entry("1916", "Extreme Networks"), Map.entry("1991", "Brocade (Foundry)"),
            Map.entry("2011", "Huawei"), Map.entry("2620", "Check Point"), Map.entry("2636", "Juniper"),
            Map.entry("3375", "F5"), Map.entry("4526", "NETGEAR"), Map.entry("6486", "Alcatel-Lucent"),
            Map.entry("8072", "net-snmp"), Map.entry("12356", "Fortinet"), Map.entry("14988", "MikroTik"),
            Map.entry("25461", "Palo Alto Networks"), Map.entry("25506", "H3C"), Map.entry("30065", "Arista"),
            Map.entry("41112", "Ubiquiti"));

    private static final Pattern CISCO = Pattern.compile("Cisco IOS|IOS \\(tm\\)|Cisco Internetwork Operating System");
    private static final Pattern CISCO_VERSION = Pattern.compile("Version\\s+([0-9][^\\s,]*)");
    /** IOS-XE 16+ names a release train in brackets ("[Cupertino]"); older ones say IOS-XE or run the x86_64 IOSd image. */
    private static final Pattern CISCO_XE = Pattern.compile("IOS[- ]?XE|X86_64_LINUX_IOSD|Cisco IOS Software \\[[A-Za-z]+\\]");
    /** The platform part of "…, <platform> Software (<image>), Version …". */
    private static final Pattern CISCO_PLATFORM = Pattern.compile("(?:^|,|\\(tm\\))\\s*([A-Za-z0-9][^,()]*?)\\s+Software\\s+\\(([^)]+)\\)");

    private static final Pattern YAMAHA = Pattern.compile("^((?:RTX|NVR|FWX|SRT|RTV|WLX|SWX)[0-9][A-Za-z0-9-]*)\\s+(Rev\\.[0-9]+(?:\\.[0-9]+)+)");

    private static final String FORTIGATE_OID = "1.3.6.1.4.1.12356.101.";
    private static final Pattern FORTI = Pattern.compile("(?i)\\bforti(?:gate|wifi|os)\\b|\\bFGT[_-]?[0-9]");
    private static final Pattern FORTI_MODEL = Pattern.compile("(?i)\\b(Forti(?:Gate|WiFi)-[A-Za-z0-9-]+|FGT[_-]?[0-9][A-Za-z0-9-]*)");
    private static final Pattern FORTI_VERSION = Pattern.compile("\\bv([0-9]+\\.[0-9]+\\.[0-9]+)\\b");

    private static final Pattern JUNOS = Pattern.compile("Juniper Networks,\\s*Inc\\.\\s+([^\\s,]+)");
    private static final Pattern JUNOS_VERSION = Pattern.compile("(?:JUNOS|Junos:)\\s*([0-9][^\\s,\\[\\]]*)");

    private static final Pattern LINUX = Pattern.compile("^Linux\\s+\\S+\\s+([0-9][^\\s]*)");
    private static final Pattern GENERIC_VERSION = Pattern.compile(
            "(?i)\\b(?:version|ver\\.|firmware|revision|rev\\.)\\s*:?\\s*(v?[0-9A-Z][0-9A-Za-z]*(?:[.()_-][0-9A-Za-z]+)+)");

    private SysDescrParser() {
    }

    /**
     * @param sysDescr    sysDescr.0 as the device returned it (may be multi-line, may be null)
     * @param sysObjectId sysObjectID.0 in dotted form (may be null)
     */
    public static DeviceDescription parse(String sysDescr, String sysObjectId) {
        String d = sysDescr == null ? "" : sysDescr.strip();
        String byOid = vendorByEnterprise(sysObjectId);
        if (CISCO.matcher(d).find()) {
            boolean xe = CISCO_XE.matcher(d).find();
            Matcher platform = CISCO_PLATFORM.matcher(d);
            String model = null;
            while (platform.find()) {
                model = platform.group(1).replaceFirst("^IOS-XE$", "").strip();
                if (!model.isEmpty()) {
                    break;
                }
            }
            return new DeviceDescription("Cisco", model == null || model.isEmpty() ? null : model, xe ? "IOS-XE" : "IOS",
                    group(CISCO_VERSION, d), xe ? "cisco-ios-xe" : "cisco-ios");
        }
        Matcher y = YAMAHA.matcher(d);
        if (y.find()) {
            return new DeviceDescription("YAMAHA", y.group(1), "YAMAHA firmware", y.group(2), "yamaha-rtx");
        }
        boolean fortiOid = sysObjectId != null && strip(sysObjectId).startsWith(FORTIGATE_OID);
        if (fortiOid || FORTI.matcher(d).find()) {
            return new DeviceDescription("Fortinet", group(FORTI_MODEL, d), "FortiOS", group(FORTI_VERSION, d), "fortigate");
        }
        Matcher j = JUNOS.matcher(d);
        if (j.find()) {
            return new DeviceDescription("Juniper", j.group(1), "Junos", group(JUNOS_VERSION, d), "junos");
        }
        Matcher linux = LINUX.matcher(d);
        if (linux.find()) {
            return new DeviceDescription(byOid, null, "Linux", linux.group(1), "generic");
        }
        return new DeviceDescription(byOid, null, null, group(GENERIC_VERSION, d), "generic");
    }

    /** FortiOS version from fgSysVersion.0 ({@code v7.2.8,build1639,240313 (GA.M)} → {@code 7.2.8}). */
    public static Optional<String> fortiOsVersion(String fgSysVersion) {
        return Optional.ofNullable(fgSysVersion == null ? null : group(FORTI_VERSION, fgSysVersion));
    }

    /** Vendor named by the enterprise number in sysObjectID ({@code 1.3.6.1.4.1.<n>.…}); null when unknown. */
    public static String vendorByEnterprise(String sysObjectId) {
        if (sysObjectId == null) {
            return null;
        }
        String oid = strip(sysObjectId);
        if (!oid.startsWith(ENTERPRISES)) {
            return null;
        }
        String rest = oid.substring(ENTERPRISES.length());
        int dot = rest.indexOf('.');
        return VENDORS.get(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static String strip(String oid) {
        String s = oid.strip();
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
