package jp.akashi.probes.macos;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure: launchd's table as {@code launchctl list} prints it — a "PID Status Label" header, then one
 * job per line, PID "-" when the job is loaded but not running (started on demand).
 */
public final class MacLaunchd {
    /** One loaded job: its label, and whether launchd shows a PID for it. */
    public record Job(String label, boolean running) {
    }

    private MacLaunchd() {
    }

    /** The jobs in table order. Throws {@link IllegalArgumentException} when the output is not launchctl's table. */
    public static List<Job> jobs(String stdout) {
        if (stdout == null || !stdout.strip().startsWith("PID")) {
            throw new IllegalArgumentException("launchctl list printed no PID/Status/Label table");
        }
        List<Job> jobs = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3) {
                jobs.add(new Job(f[2], f[0].matches("\\d+")));
            }
        }
        return jobs;
    }
}
