package jp.akashi.probes.linux.av;

import java.util.List;

/**
 * The anti-malware and EDR products for Linux the probe recognises, with the package names, install
 * directories and process names each leaves on a host. A product counts as installed when one of
 * its packages is installed or its directory exists, and as running when one of its processes runs
 * (or any program from its directory does).
 */
final class KnownProducts {
    static final String CLAMAV = "ClamAV";
    static final String DEFENDER = "Microsoft Defender for Endpoint";

    private KnownProducts() {
    }

    /**
     * @param kind      antivirus or edr
     * @param commands  programs on PATH that also reveal the product (ClamAV is often installed from source)
     */
    record Product(String name, String vendor, String kind, List<String> packages, List<String> dirs,
                   List<String> processes, List<String> commands) {
    }

    static final List<Product> ALL = List.of(
            new Product(CLAMAV, "Cisco Talos", "antivirus",
                    List.of("clamav", "clamav-daemon", "clamav-freshclam", "clamd", "clamav-update", "clamav-server"),
                    List.of(), List.of("clamd", "freshclam", "clamonacc"), List.of("clamscan", "clamd")),
            new Product(DEFENDER, "Microsoft", "edr", List.of("mdatp"), List.of("/opt/microsoft/mdatp"),
                    List.of("wdavdaemon"), List.of("mdatp")),
            new Product("CrowdStrike Falcon", "CrowdStrike", "edr", List.of("falcon-sensor"), List.of("/opt/CrowdStrike"),
                    List.of("falcond", "falcon-sensor"), List.of()),
            new Product("SentinelOne", "SentinelOne", "edr", List.of("SentinelAgent", "sentinelagent"), List.of("/opt/sentinelone"),
                    List.of("sentinelone-agent", "s1-agent", "sentinelone-watchdog"), List.of()),
            new Product("Trend Micro Deep Security Agent", "Trend Micro", "edr", List.of("ds_agent"), List.of("/opt/ds_agent"),
                    List.of("ds_agent"), List.of()),
            new Product("Sophos Protection for Linux", "Sophos", "edr", List.of("sophos-spl", "SophosSPL", "sophos-av"),
                    List.of("/opt/sophos-spl", "/opt/sophos-av"),
                    List.of("sophos_threat_detector", "sophos_managementagent", "sophosspl", "savd"), List.of()),
            new Product("Cortex XDR", "Palo Alto Networks", "edr", List.of("cortex-agent"), List.of("/opt/traps"),
                    List.of(), List.of()),
            new Product("Cybereason", "Cybereason", "edr", List.of("cybereason-sensor"), List.of("/opt/cybereason"),
                    List.of(), List.of()),
            new Product("Trellix Endpoint Security", "Trellix (McAfee)", "antivirus",
                    List.of("McAfeeTP", "McAfeeESP", "McAfeeRt", "mfetp"), List.of("/opt/McAfee", "/opt/Trellix"),
                    List.of("mfetpd", "isectpd", "mfeespd"), List.of()),
            new Product("ESET Server Security", "ESET", "antivirus", List.of("efs", "eea", "eset-efs"), List.of("/opt/eset"),
                    List.of(), List.of()));
}
