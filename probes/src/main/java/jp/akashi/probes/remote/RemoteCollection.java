package jp.akashi.probes.remote;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.SharedHostAccess;
import jp.akashi.probes.host.ssh.SshConnectException;
import jp.akashi.probes.host.ssh.SshHostAccess;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.host.ssh.SshTarget;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/**
 * Agentless collection: runs the host probes on remote targets over SSH and turns each target
 * into a {@link RemoteResult} — a report, or a failure with a clear message. Connection, host key
 * and authentication problems never escape as exceptions, and {@link #collectAll} runs targets in
 * a bounded pool with a time budget per target, so one bad host never holds up the others.
 */
public final class RemoteCollection {

    /** Opens an SSH session to a target (tests and the collector may wrap or replace it). */
    @FunctionalInterface
    public interface Connector {
        SshHostAccess connect(SshTarget target) throws SshConnectException;
    }

    /** Default upper bound for one target's whole collection once connected. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(10);

    private final Connector connector;
    private final List<Probe> probes;
    private final Clock clock;
    private final String source;
    private final Map<String, String> options;

    /**
     * @param source  {@link Report#SOURCE_COLLECTOR} when the collector scans, {@link Report#SOURCE_SCAN} when an agent does
     * @param options probe options ({@link ProbeContext#options()})
     */
    public RemoteCollection(Connector connector, List<Probe> probes, Clock clock, String source, Map<String, String> options) {
        if (!Report.SOURCE_COLLECTOR.equals(source) && !Report.SOURCE_SCAN.equals(source)) {
            throw new IllegalArgumentException("source must be " + Report.SOURCE_COLLECTOR + " or " + Report.SOURCE_SCAN + ", got " + source);
        }
        this.connector = connector;
        this.probes = List.copyOf(probes);
        this.clock = clock;
        this.source = source;
        this.options = Map.copyOf(options);
    }

    /** All host probes over SSH with {@code settings}. */
    public static RemoteCollection ssh(SshSettings settings, String source, Map<String, String> options) {
        return new RemoteCollection(t -> SshHostAccess.connect(t, settings), HostProbes.all(), Clock.systemUTC(), source, options);
    }

    /** Collects one target within {@code budget} (measured from the moment it is connected). */
    public RemoteResult collect(SshTarget target, Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the per-target budget must be positive");
        }
        Instant started = clock.instant();
        SshHostAccess access;
        try {
            access = connector.connect(target);
        } catch (SshConnectException e) {
            return failed(target, outcome(e.kind()), e.getMessage(), e.seenHostKey(), started);
        } catch (RuntimeException e) {
            return failed(target, RemoteResult.Outcome.ERROR, "cannot connect to " + target.describe() + ": " + e, null, started);
        }
        AtomicBoolean overBudget = new AtomicBoolean();
        // Closing the session makes every pending and later command fail at once, so the probes finish quickly.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            overBudget.set(true);
            access.close();
        }, CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS));
        try (access) {
            String os = HostProbes.detectOsFamily(access);
            if (!ProbeContext.LINUX.equals(os)) {
                return failed(target, overBudget.get() ? RemoteResult.Outcome.TIMEOUT : RemoteResult.Outcome.UNSUPPORTED_OS,
                        overBudget.get() ? overBudgetMessage(target, budget)
                                : target.describe() + ": OS family '" + os + "' is not collected over SSH (Linux only: uname -s must print Linux)",
                        access.hostKeyFingerprint(), started);
            }
            // probes three at a time, each command in its own channel; one round trip per command or file
            // however many probes need it
            List<Fact> facts = new ArrayList<>(new ProbeRunner(probes, SshHostAccess.SESSIONS).run(new ProbeContext(new SharedHostAccess(access), clock, os, options)));
            facts.addAll(sshFacts(access, target));
            if (overBudget.get()) {
                return failed(target, RemoteResult.Outcome.TIMEOUT, overBudgetMessage(target, budget), access.hostKeyFingerprint(), started);
            }
            Report report = new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, null, source,
                    identity(target, facts, os), started, clock.instant(), facts);
            return new RemoteResult(target.describe(), target.host(), RemoteResult.Outcome.OK, null, report,
                    access.hostKeyFingerprint(), started, clock.instant());
        } catch (RuntimeException e) {
            return failed(target, RemoteResult.Outcome.ERROR, target.describe() + ": collection failed: " + e, access.hostKeyFingerprint(), started);
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * Collects every target with at most {@code parallelism} at a time; results in target order.
     * Each target is bounded by its connect/protocol timeouts and then by {@code budget}.
     */
    public List<RemoteResult> collectAll(List<SshTarget> targets, int parallelism, Duration budget) {
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("parallelism must be 1..256, got " + parallelism);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "akashi-remote-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RemoteResult>> futures = new ArrayList<>();
            for (SshTarget t : targets) {
                futures.add(pool.submit(() -> collect(t, budget)));
            }
            List<RemoteResult> results = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                results.add(await(futures.get(i), targets.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private RemoteResult await(Future<RemoteResult> f, SshTarget target) {
        Instant started = clock.instant();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return failed(target, RemoteResult.Outcome.ERROR, target.describe() + ": interrupted", null, started);
        } catch (ExecutionException e) {
            return failed(target, RemoteResult.Outcome.ERROR, target.describe() + ": collection failed: " + e.getCause(), null, started);
        }
    }

    private static String overBudgetMessage(SshTarget target, Duration budget) {
        return target.describe() + ": collection exceeded its budget of " + budget.toSeconds() + " s; partial results discarded";
    }

    private RemoteResult failed(SshTarget t, RemoteResult.Outcome outcome, String message, String hostKey, Instant started) {
        return new RemoteResult(t.describe(), t.host(), outcome, message, null, hostKey, started, clock.instant());
    }

    static RemoteResult.Outcome outcome(SshConnectException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> RemoteResult.Outcome.UNREACHABLE;
            case TIMEOUT -> RemoteResult.Outcome.TIMEOUT;
            case HOST_KEY_REJECTED -> RemoteResult.Outcome.HOST_KEY_REJECTED;
            case AUTH_FAILED -> RemoteResult.Outcome.AUTH_FAILED;
            case SUDO_FAILED -> RemoteResult.Outcome.SUDO_FAILED;
            case CONFIG, PROTOCOL -> RemoteResult.Outcome.ERROR;
        };
    }

    private List<Fact> sshFacts(SshHostAccess access, SshTarget target) {
        FactSink sink = new FactSink(clock).forProbe("remote.ssh");
        Evidence ev = Evidence.of("ssh:" + target.host() + ":" + target.port(),
                "host key " + access.hostKeyType() + " " + access.hostKeyFingerprint() + "\nserver " + access.serverVersion()
                        + "\nsudo " + target.sudo());
        sink.ok("remote.method", "ssh", ev);
        sink.ok("remote.ssh.host_key_fingerprint", access.hostKeyFingerprint(), ev);
        sink.ok("remote.ssh.host_key_type", access.hostKeyType(), ev);
        if (access.serverVersion() != null) {
            sink.ok("remote.ssh.server_version", access.serverVersion(), ev);
        } else {
            sink.error("remote.ssh.server_version", code("remote.ssh_no_identification"));
        }
        sink.ok("remote.ssh.sudo", target.sudo(), ev);
        return sink.facts();
    }

    private static AssetIdentity identity(SshTarget target, List<Fact> facts, String os) {
        return new AssetIdentity(AssetIdentity.KIND_HOST, okValue(facts, "os.hostname"), okValue(facts, "os.machine_id"),
                okValue(facts, "os.hardware.uuid"), null, target.host(), os);
    }

    private static String okValue(List<Fact> facts, String key) {
        return facts.stream().filter(f -> f.key().equals(key) && f.ok() && f.value() instanceof String)
                .map(f -> (String) f.value()).findFirst().orElse(null);
    }
}
