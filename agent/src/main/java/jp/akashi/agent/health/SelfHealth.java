package jp.akashi.agent.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jp.akashi.agent.update.UpdateState;
import jp.akashi.probes.util.Json;

/**
 * What the agent says about itself in each report's {@code agentHealth} (docs/INGEST.md): the
 * Java runtime it runs on (and whether it is the runtime bundled with the package), the peak
 * memory of the process that collected, how many reports wait in its spool, and the outcome of
 * its last self-update. Kept out of the facts: it changes every report and is not evidence.
 *
 * @param spoolPending   reports waiting in the spool when this one was made, or null when the spool could not be listed
 * @param peakRssBytes   the collecting process's peak resident set size, or null when unknown
 * @param peakRssSource  {@code VmHWM} (Linux, /proc/self/status) or {@code jvm} (heap and non-heap
 *                       pools' peaks: a lower bound where the OS gives no figure)
 */
public record SelfHealth(String javaVersion, String javaVendor, boolean bundledRuntime, Long peakRssBytes,
                         String peakRssSource, Integer spoolPending, UpdateState.Outcome update) {

    /** This process now; {@code installDir} is the agent's installation (its jar's parent's parent), or null. */
    public static SelfHealth now(Path installDir, Integer spoolPending, UpdateState.Outcome update) {
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        boolean bundled = installDir != null && javaHome.startsWith(installDir.toAbsolutePath().normalize());
        Optional<Long> hwm = vmHwm(Path.of("/proc/self/status"));
        return new SelfHealth(System.getProperty("java.version"), System.getProperty("java.vendor"), bundled,
                hwm.orElseGet(SelfHealth::jvmPeak), hwm.isPresent() ? "VmHWM" : "jvm", spoolPending, update);
    }

    /** VmHWM of a /proc/…/status file in bytes; empty where there is none (not Linux) or it is unreadable. */
    public static Optional<Long> vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).strip().split("\\s+");
                    long v = Long.parseLong(parts[0]);
                    String unit = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "kb";
                    return Optional.of(unit.equals("kb") ? v * 1024 : v);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The sum of the memory pools' peak use: what the JVM itself knows when the OS figure is missing. */
    static Long jvmPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum > 0 ? sum : null;
    }

    /** The {@code agentHealth} object of the report body. */
    public ObjectNode json() {
        ObjectNode n = Json.mapper().createObjectNode();
        ObjectNode rt = n.putObject("runtime");
        rt.put("javaVersion", javaVersion);
        rt.put("javaVendor", javaVendor == null ? "unknown" : javaVendor);
        rt.put("bundled", bundledRuntime);
        if (peakRssBytes != null) {
            n.put("peakRssBytes", peakRssBytes);
            n.put("peakRssSource", peakRssSource);
        }
        if (spoolPending != null) {
            n.put("spoolPending", spoolPending);
        }
        if (update != null) {
            n.set("update", Json.mapper().valueToTree(update));
        }
        return n;
    }
}
