package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.ReportCycle;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;

/** Collects once, spools the report, delivers everything waiting, and exits (for timers and scheduled tasks). */
@Command(name = "run-once", description = "Collect once and deliver the report (and any earlier undelivered ones).")
public final class RunOnceCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--no-collect", description = "Only deliver what is already in the spool.")
    boolean noCollect;

    @Override
    public Integer call() throws Exception {
        AgentPaths paths = common.paths();
        AgentConfig cfg = common.requireConfig(paths);
        ReportCycle cycle = new ReportCycle(cfg, paths, common.spool(paths),
                new CollectorClient(cfg.server(), cfg.fingerprint(), AgentMain.version()), Clock.systemUTC(), System.err);
        Delivery.Result r = cycle.round(!noCollect, Progress.of(common.verbose));
        if (r.complete()) {
            System.out.println("delivered " + r.delivered() + " report(s)" + (r.rejected() > 0 ? ", " + r.rejected() + " refused" : ""));
        } else {
            System.err.println("delivered " + r.delivered() + ", " + r.remaining() + " kept in the spool for later: " + r.message());
        }
        return ReportCycle.exitCode(r);
    }
}
