package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.ReportCycle;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.scan.ScanRun;
import jp.akashi.agent.scan.TargetFile;
import jp.akashi.agent.spool.Spool;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;

/**
 * Runs the collector's remote probes (SSH, SNMP, TCP ports, TLS) from this agent, for a network
 * segment the collector cannot reach, and delivers the results as separate assets. The network
 * code is loaded only when this command runs, so {@code collect} stays fast.
 */
@Command(name = "scan", description = {"Probe remote targets (SSH, SNMP, ports, TLS) listed in a file; deliver them as assets.",
        "The file is YAML or JSON (see docs/NETWORK-COLLECTION.md); the results arrive as separate assets (source: scan).",
        "Exit 1 when a target could not be collected at all (the others are still delivered)."})
public final class ScanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--targets", required = true, description = "YAML or JSON file listing the targets (see docs/NETWORK-COLLECTION.md).")
    Path targets;

    @Option(names = "--dry-run", description = "Print the reports as JSON instead of delivering them (needs no enrollment).")
    boolean dryRun;

    @Option(names = "--pretty", description = "Indent the JSON of --dry-run.")
    boolean pretty;

    @Option(names = "--parallelism", defaultValue = "2", description = "Targets probed at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--budget-minutes", defaultValue = "10", description = "Longest one SSH target may take once connected (default: ${DEFAULT-VALUE}).")
    int budgetMinutes;

    @Option(names = "--scanned-from", description = "Vantage point recorded with port scans (default: agent:<agent name>).")
    String scannedFrom;

    /** Environment for *Env secrets (tests replace it). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("--parallelism must be 1..16");
        }
        if (budgetMinutes < 1 || budgetMinutes > 120) {
            throw new IllegalArgumentException("--budget-minutes must be 1..120");
        }
        List<TargetFile.Entry> entries = TargetFile.read(targets, env);
        AgentPaths paths = common.paths();
        AgentConfig cfg = null;
        if (!dryRun) {
            cfg = common.requireConfig(paths);
        }
        String from = scannedFrom != null ? scannedFrom : "agent:" + (cfg != null && cfg.name() != null ? cfg.name() : hostName());
        ScanRun scan = new ScanRun(Clock.systemUTC(), System.out, System.err);
        ScanRun.Outcome o = scan.run(entries, from, parallelism, Duration.ofMinutes(budgetMinutes));
        if (dryRun) {
            scan.print(o.reports(), pretty);
            return o.failedTargets() > 0 ? AgentMain.EXIT_ERROR : AgentMain.EXIT_OK;
        }
        Spool spool = common.spool(paths);
        int dropped = scan.spool(o.reports(), spool, cfg.agentId());
        if (dropped > 0) {
            System.err.println("spool full: dropped the " + dropped + " oldest undelivered report(s)");
        }
        ReportCycle cycle = new ReportCycle(cfg, paths, spool, new CollectorClient(cfg.server(), cfg.fingerprint(), AgentMain.version()),
                Clock.systemUTC(), System.err);
        Delivery.Result r = cycle.deliver();
        if (r.complete()) {
            System.out.println("delivered " + r.delivered() + " report(s)" + (r.rejected() > 0 ? ", " + r.rejected() + " refused" : ""));
        } else {
            System.err.println("delivered " + r.delivered() + ", " + r.remaining() + " kept in the spool for later: " + r.message());
        }
        int code = ReportCycle.exitCode(r);
        return code != AgentMain.EXIT_OK ? code : o.failedTargets() > 0 ? AgentMain.EXIT_ERROR : AgentMain.EXIT_OK;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
