package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.collect.ReportCycle;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.config.AgentState;
import jp.akashi.agent.transport.Backoff;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;
import jp.akashi.agent.update.AgentJar;
import jp.akashi.agent.update.SelfUpdater;

/**
 * The daemon: collects every interval (with ±10% jitter so a fleet does not report in lockstep)
 * and keeps delivering the spool, backing off with jitter while the collector is unreachable.
 *
 * <p>By default each round runs in a short-lived child process ({@code run-once}): the daemon
 * itself only sleeps and schedules, so its resident memory stays small between rounds, and a
 * probe that misbehaves cannot take the daemon down. {@code --in-process} runs rounds in this JVM.
 * Stops cleanly on SIGTERM/Ctrl-C between rounds.
 */
@Command(name = "run", description = "Run as a daemon: collect every interval and deliver, retrying with backoff.")
public final class RunCommand implements Callable<Integer> {
    static final Duration ROUND_LIMIT = Duration.ofMinutes(30);

    @Mixin
    CommonOptions common;

    @Option(names = "--in-process", description = "Collect and deliver inside this process instead of a child process per round.")
    boolean inProcess;

    @Option(names = "--child-java-options", defaultValue = "-Xms8m -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
            description = "JVM options of the per-round child process (default: ${DEFAULT-VALUE}).")
    String childJavaOptions;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        AgentPaths paths = common.paths();
        AgentConfig cfg = common.requireConfig(paths);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "akashi-stop"));
        Round inProc = inProcess ? inProcessRound(cfg, paths) : null;
        Round child = collect -> childRound(paths).run(collect);
        SelfUpdater updater = new SelfUpdater(cfg, paths, AgentJar.running().orElse(null), Clock.systemUTC(), System.err,
                AgentMain.version());
        RandomGenerator random = RandomGenerator.getDefault();
        Clock clock = Clock.systemUTC();
        Backoff backoff = new Backoff(Duration.ofSeconds(15), Duration.ofMinutes(30), random);
        Duration interval = Duration.ofSeconds(cfg.interval());
        Instant nextCollect = clock.instant();
        System.err.println("akashi-agent running: reporting to " + cfg.server() + " every " + interval.toSeconds() + " s"
                + (inProcess ? " (in process)" : ""));
        while (stop.getCount() > 0) {
            boolean collect = !clock.instant().isBefore(nextCollect);
            if (collect) {
                long jitter = (long) ((random.nextDouble() * 0.2 - 0.1) * interval.toMillis());
                nextCollect = clock.instant().plus(interval).plusMillis(jitter);
            }
            // a freshly installed version proves itself in child processes of its jar, whatever the mode
            Round round = inProc != null && !updater.onProbation() ? inProc : child;
            int code = round.run(collect);
            SelfUpdater.Next next;
            try {
                next = updater.afterRound(code, collect);
            } catch (IOException | RuntimeException e) {
                // the self-update never stops collection
                System.err.println("self-update: " + e);
                next = SelfUpdater.Next.CONTINUE;
            }
            if (next == SelfUpdater.Next.RESTART) {
                System.err.println("akashi-agent: restarting onto the installed version (exit " + AgentMain.EXIT_RESTART + ")");
                return AgentMain.EXIT_RESTART;
            }
            if (next == SelfUpdater.Next.ROUND_NOW) {
                nextCollect = clock.instant();
                continue;
            }
            if (code == AgentMain.EXIT_NOT_ENROLLED) {
                System.err.println("akashi-agent: not enrolled any more; stopping");
                return code;
            }
            Duration wait;
            if (code == AgentMain.EXIT_OK) {
                backoff.reset();
                wait = Duration.between(clock.instant(), nextCollect);
            } else {
                wait = backoff.nextDelay();
                // the collector's Retry-After (recorded by the round, which may have run in a child process) wins
                java.util.Optional<Instant> asked = AgentState.load(paths.stateFile()).waitingUntil(clock.instant());
                if (asked.isPresent() && Duration.between(clock.instant(), asked.get()).compareTo(wait) > 0) {
                    wait = Duration.between(clock.instant(), asked.get());
                }
                System.err.println("delivery incomplete (exit " + code + "); retry in " + wait.toSeconds() + " s");
                Duration untilCollect = Duration.between(clock.instant(), nextCollect);
                if (untilCollect.compareTo(wait) < 0) {
                    wait = untilCollect;
                }
            }
            // a version on probation is judged at its deadline, not a backoff later
            java.util.Optional<Instant> deadline = updater.probationDeadline();
            if (deadline.isPresent() && Duration.between(clock.instant(), deadline.get()).plusSeconds(1).compareTo(wait) < 0) {
                wait = Duration.between(clock.instant(), deadline.get()).plusSeconds(1);
            }
            if (!wait.isNegative() && stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        System.err.println("akashi-agent stopped");
        return AgentMain.EXIT_OK;
    }

    /** One round: optionally collect, then deliver the spool; returns an exit code of {@link AgentMain}. */
    @FunctionalInterface
    interface Round {
        int run(boolean collect) throws IOException, InterruptedException;
    }

    private Round inProcessRound(AgentConfig cfg, AgentPaths paths) throws java.security.GeneralSecurityException {
        ReportCycle cycle = new ReportCycle(cfg, paths, common.spool(paths),
                new CollectorClient(cfg.server(), cfg.fingerprint(), AgentMain.version()), Clock.systemUTC(), System.err);
        return collect -> {
            Delivery.Result r;
            try {
                r = cycle.round(collect, Progress.of(common.verbose));
            } catch (RuntimeException e) {
                System.err.println("collection failed: " + e);
                r = cycle.deliver();
            }
            // give back the heap the round used: with SerialGC and MaxHeapFreeRatio a full collection uncommits it
            System.gc();
            return ReportCycle.exitCode(r);
        };
    }

    private Round childRound(AgentPaths paths) {
        List<String> base = new ArrayList<>();
        base.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        base.addAll(List.of(childJavaOptions.strip().split("\\s+")));
        base.add("-jar");
        base.add(ownJar().toString());
        base.add("run-once");
        base.addAll(List.of("--config-dir", paths.configDir().toString(), "--state-dir", paths.stateDir().toString(),
                "--spool-max-files", String.valueOf(common.spoolMaxFiles)));
        if (common.verbose) {
            base.add("--verbose");
        }
        return collect -> {
            List<String> cmd = new ArrayList<>(base);
            if (!collect) {
                cmd.add("--no-collect");
            }
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                System.err.println("round took longer than " + ROUND_LIMIT.toMinutes() + " minutes and was stopped");
                return AgentMain.EXIT_ERROR;
            }
            return p.exitValue();
        };
    }

    /** The agent jar this JVM runs from (the shaded akashi-agent.jar). */
    static Path ownJar() {
        return AgentJar.running().orElseThrow(() ->
                new IllegalStateException("run needs the packaged akashi-agent.jar (use --in-process when running from classes)"));
    }
}
