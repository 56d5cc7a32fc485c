package jp.akashi.agent.scan;

import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.spool.Spool;
import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.targets.TargetRunResult;
import jp.akashi.probes.targets.TargetRunner;
import jp.akashi.probes.util.Json;

/**
 * Runs the targets of a targets file from this agent ({@code source: scan}, vantage point
 * {@code agent:<name>}) and either prints the reports ({@code --dry-run}) or writes them to the
 * spool for delivery. Reports that hold only errors are not sent (they would create assets made of
 * errors); their targets are reported as failed on standard error.
 */
public final class ScanRun {
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public ScanRun(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** What the scan produced: the reports to deliver and whether some target failed entirely. */
    public record Outcome(List<Report> reports, int failedTargets) {
    }

    public Outcome run(List<TargetFile.Entry> targets, String scannedFrom, int parallelism, Duration budget) {
        TargetRunner runner = new TargetRunner(clock, Report.SOURCE_SCAN, scannedFrom, SshSettings.DEFAULTS, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, targets.size())), r -> {
            Thread t = new Thread(r, "akashi-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TargetRunResult>> futures = new ArrayList<>();
            for (TargetFile.Entry e : targets) {
                futures.add(pool.submit(() -> runner.run(e.spec(), e.secrets(), e.hostKeys(), budget)));
            }
            List<Report> reports = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < targets.size(); i++) {
                TargetFile.Entry e = targets.get(i);
                TargetRunResult r = await(futures.get(i));
                if (r == null || r.outcome() == TargetRunResult.Outcome.FAILED) {
                    failed++;
                }
                describe(e, r);
                if (r != null) {
                    r.reports().stream().filter(TargetRunResult.AddressReport::collected).map(TargetRunResult.AddressReport::report)
                            .forEach(reports::add);
                }
            }
            return new Outcome(reports, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private TargetRunResult await(Future<TargetRunResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            err.println("scan failed: " + e.getCause());
            return null;
        }
    }

    private void describe(TargetFile.Entry e, TargetRunResult r) {
        if (r == null) {
            err.println("target " + e.spec().name() + ": failed");
            return;
        }
        long stored = r.reports().stream().filter(TargetRunResult.AddressReport::collected).count();
        err.println("target " + e.spec().name() + " (" + e.spec().address() + "): " + r.outcome().wire() + ", " + stored + " report(s)");
        if (!r.message().isEmpty()) {
            r.message().lines().forEach(l -> err.println("  " + l));
        }
        if (e.hostKeys() instanceof HostKeyPolicy.TrustOnFirstUse && r.hostKey() != null && r.hostKeyAuthenticated()) {
            err.println("  host key " + r.hostKey() + " (trusted on first use: put hostKey: \"" + r.hostKey() + "\" in the targets file)");
        }
    }

    /** {@code --dry-run}: the reports as a JSON array on standard output. */
    public void print(List<Report> reports, boolean pretty) throws IOException {
        ObjectWriter w = pretty ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer();
        out.println(w.writeValueAsString(reports));
    }

    /** Writes the reports, signed for this agent, to the spool; returns how many older reports the spool dropped. */
    public int spool(List<Report> reports, Spool spool, String agentId) throws IOException {
        int dropped = 0;
        for (Report r : reports) {
            dropped += spool.put(r.withAgent(agentId, AgentMain.version()));
        }
        return dropped;
    }
}
