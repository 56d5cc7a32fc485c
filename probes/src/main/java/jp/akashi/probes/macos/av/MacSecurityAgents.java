package jp.akashi.probes.macos.av;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.macos.MacLaunchd;
import jp.akashi.probes.util.AvProduct;

/**
 * Pure: third-party anti-malware and EDR agents recognised by the launchd labels of their daemons
 * in {@code launchctl list} ("PID Status Label" lines; PID "-" when not running).
 */
public final class MacSecurityAgents {
    private record Known(String product, String vendor, String kind) {
    }

    private static final Map<String, Known> BY_PREFIX = new LinkedHashMap<>();

    static {
        BY_PREFIX.put("com.crowdstrike.", new Known("CrowdStrike Falcon", "CrowdStrike", "edr"));
        BY_PREFIX.put("com.sentinelone.", new Known("SentinelOne", "SentinelOne", "edr"));
        BY_PREFIX.put("com.microsoft.wdav", new Known("Microsoft Defender for Endpoint", "Microsoft", "edr"));
        BY_PREFIX.put("com.paloaltonetworks.", new Known("Cortex XDR", "Palo Alto Networks", "edr"));
        BY_PREFIX.put("com.cybereason.", new Known("Cybereason", "Cybereason", "edr"));
        BY_PREFIX.put("com.jamf.protect", new Known("Jamf Protect", "Jamf", "edr"));
        BY_PREFIX.put("com.trendmicro.", new Known("Trend Micro", "Trend Micro", "antivirus"));
        BY_PREFIX.put("com.sophos.", new Known("Sophos", "Sophos", "antivirus"));
        BY_PREFIX.put("com.eset.", new Known("ESET", "ESET", "antivirus"));
        BY_PREFIX.put("com.symantec.", new Known("Symantec Endpoint Protection", "Broadcom", "antivirus"));
    }

    private MacSecurityAgents() {
    }

    /** Throws {@link IllegalArgumentException} when the output is not launchctl's table. */
    public static List<AvProduct> fromLaunchctl(String stdout) {
        Map<String, Boolean> running = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (MacLaunchd.Job job : MacLaunchd.jobs(stdout)) {
            for (Map.Entry<String, Known> k : BY_PREFIX.entrySet()) {
                if (job.label().startsWith(k.getKey())) {
                    String p = k.getValue().product();
                    running.merge(p, job.running(), Boolean::logicalOr);
                    labels.putIfAbsent(p, job.label());
                }
            }
        }
        List<AvProduct> out = new ArrayList<>();
        for (Map.Entry<String, Known> k : BY_PREFIX.entrySet()) {
            Known v = k.getValue();
            if (running.containsKey(v.product())) {
                boolean r = running.get(v.product());
                out.add(new AvProduct(v.product(), v.vendor(), v.kind(), r, r ? null : Boolean.FALSE, null, null, null, null,
                        "launchd:" + labels.get(v.product())));
            }
        }
        return out;
    }
}
