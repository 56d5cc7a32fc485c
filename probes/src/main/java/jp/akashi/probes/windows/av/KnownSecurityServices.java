package jp.akashi.probes.windows.av;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Anti-malware and EDR agents recognised by their Windows service short names, which are the
 * same on every display language (display names are translated). This is what finds protection
 * on Windows Server, where Security Center has no data.
 */
public final class KnownSecurityServices {

    public record Known(String service, String product, String vendor, String kind) {
    }

    /** The Defender for Endpoint sensor ships with Windows; it counts only when onboarded or running. */
    public static final String MDE_SENSOR = "Sense";

    private static final Map<String, Known> BY_SERVICE = new LinkedHashMap<>();

    static {
        edr(MDE_SENSOR, "Microsoft Defender for Endpoint", "Microsoft");
        edr("CSFalconService", "CrowdStrike Falcon", "CrowdStrike");
        edr("SentinelAgent", "SentinelOne", "SentinelOne");
        edr("cyserver", "Cortex XDR", "Palo Alto Networks");
        edr("CybereasonActiveProbe", "Cybereason", "Cybereason");
        edr("CbDefense", "Carbon Black Cloud", "VMware");
        edr("ElasticEndpoint", "Elastic Defend", "Elastic");
        av("ntrtscan", "Trend Micro Apex One", "Trend Micro");
        av("ds_agent", "Trend Micro Deep Security Agent", "Trend Micro");
        av("SAVService", "Sophos Anti-Virus", "Sophos");
        av("Sophos Endpoint Defense Service", "Sophos Endpoint Defense", "Sophos");
        av("SepMasterService", "Symantec Endpoint Protection", "Broadcom");
        av("mfemms", "Trellix (McAfee) Endpoint Security", "Trellix");
        av("ekrn", "ESET Endpoint Security", "ESET");
        av("EPSecurityService", "Bitdefender Endpoint Security", "Bitdefender");
    }

    private KnownSecurityServices() {
    }

    private static void edr(String svc, String product, String vendor) {
        BY_SERVICE.put(svc.toLowerCase(Locale.ROOT), new Known(svc, product, vendor, "edr"));
    }

    private static void av(String svc, String product, String vendor) {
        BY_SERVICE.put(svc.toLowerCase(Locale.ROOT), new Known(svc, product, vendor, "antivirus"));
    }

    public static Optional<Known> byService(String name) {
        return Optional.ofNullable(BY_SERVICE.get(name.toLowerCase(Locale.ROOT)));
    }
}
