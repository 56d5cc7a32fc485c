package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.ReportCycle;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.transport.Backoff;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;

/**
 * The daemon: collects every interval (with ±10% jitter so a fleet does not report in lockstep)
 * and keeps delivering the spool, backing off with jitter while the collector is unreachable.
 * Stops cleanly on SIGTERM/Ctrl-C between steps.
 */
@Command(name = "run", description = "Run as a daemon: collect every interval and deliver, retrying with backoff.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        AgentPaths paths = common.paths();
        AgentConfig cfg;
        try {
            cfg = common.requireConfig(paths);
        } catch (CommonOptions.NotEnrolled e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "akashi-stop"));
        RandomGenerator random = RandomGenerator.getDefault();
        Clock clock = Clock.systemUTC();
        ReportCycle cycle = new ReportCycle(cfg, paths, common.spool(paths),
                new CollectorClient(cfg.server(), cfg.fingerprint(), AgentMain.version()), clock, System.err);
        Backoff backoff = new Backoff(Duration.ofSeconds(15), Duration.ofMinutes(30), random);
        Duration interval = Duration.ofSeconds(cfg.interval());
        Instant nextCollect = clock.instant();
        System.err.println("akashi-agent running: reporting to " + cfg.server() + " every " + interval.toSeconds() + " s");
        while (stop.getCount() > 0) {
            if (!clock.instant().isBefore(nextCollect)) {
                try {
                    cycle.collect(Progress.of(common.verbose));
                } catch (RuntimeException | java.io.IOException e) {
                    System.err.println("collection failed: " + e);
                }
                long jitter = (long) ((random.nextDouble() * 0.2 - 0.1) * interval.toMillis());
                nextCollect = clock.instant().plus(interval).plusMillis(jitter);
            }
            Delivery.Result r = cycle.deliver();
            Duration wait;
            if (r.complete()) {
                backoff.reset();
                wait = Duration.between(clock.instant(), nextCollect);
            } else {
                wait = backoff.nextDelay();
                System.err.println("delivery incomplete (" + r.remaining() + " waiting): " + r.message() + "; retry in " + wait.toSeconds() + " s");
                Duration untilCollect = Duration.between(clock.instant(), nextCollect);
                if (untilCollect.compareTo(wait) < 0) {
                    wait = untilCollect;
                }
            }
            if (!wait.isNegative() && stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        System.err.println("akashi-agent stopped");
        return AgentMain.EXIT_OK;
    }
}
