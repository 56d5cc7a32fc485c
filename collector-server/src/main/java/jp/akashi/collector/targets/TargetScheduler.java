package jp.akashi.collector.targets;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Leases;

/**
 * Runs due targets: every tick ({@code akashi.targets.tick}, 30 s) the enabled targets whose next
 * run is due are claimed in the database (so several collector instances never run one target
 * twice) and run in a bounded pool ({@code akashi.targets.parallelism}, 4). Each run has a time
 * budget ({@code akashi.targets.budget}, 10 min); a run over budget is recorded as failed and its
 * result discarded. {@link #runNow} starts a run at once (the API's "run now"). A run holds the
 * lease {@code target-run:<id>} ({@link Leases}) while under way, so across instances sharing a
 * PostgreSQL database a target runs once at a time: run-now on another instance answers 409.
 */
@io.micronaut.context.annotation.Context // made at start, as when it listened for StartupEvent (what it needs is checked then)
public class TargetScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(TargetScheduler.class);

    private final Database db;
    private final TargetStore store;
    private final TargetExecution execution;
    private final Clock clock;
    private final Duration tick;
    private final boolean enabled;
    private final ExecutorService pool;
    private final ExecutorService runners;
    private volatile boolean stopped;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Leases leases;
    /** A run's lease, renewed while it runs; a killed instance's lease frees the target after this long. */
    static final Duration RUN_LEASE = Duration.ofSeconds(60);

    public TargetScheduler(Database db, TargetStore store, TargetExecution execution, Clock clock, Leases leases,
                           TargetsProperties settings, @jakarta.inject.Named("targets") ExecutorService runners,
                           @jakarta.inject.Named(TargetSlots.NAME) ExecutorService slots) {
        Duration tick = settings.tick();
        int parallelism = settings.parallelism();
        boolean enabled = settings.schedulerEnabled();
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("akashi.targets.parallelism must be 1..64");
        }
        this.db = db;
        this.leases = leases;
        this.store = store;
        this.execution = execution;
        this.clock = clock;
        this.tick = tick;
        this.enabled = enabled;
        this.pool = slots;
        this.runners = runners;
    }

    /** Every {@code akashi.targets.tick} on Micronaut's scheduler: due targets go to the run pool. */
    @Scheduled(fixedDelay = "${akashi.targets.tick:" + TargetsProperties.TICK + "}",
            initialDelay = "${akashi.targets.tick:" + TargetsProperties.TICK + "}")
    void scheduledTick() {
        if (enabled && !stopped) {
            tickSafely();
        }
    }

    /** Whether a run of the target is under way, in this collector or in another instance on the same database. */
    public boolean isRunning(String targetId) {
        return running.contains(targetId) || leases.holderOf(lease(targetId)).isPresent();
    }

    static String lease(String targetId) {
        return "target-run:" + targetId;
    }

    /** Starts a run now (409 when one is under way); the future completes with the recorded run. */
    public CompletableFuture<TargetRunRecord> runNow(String targetId) {
        Target t = db.read(h -> store.byId(h, targetId)).orElseThrow(() -> Refusal.notFound("no target " + targetId));
        if (running.contains(targetId)) {
            throw Refusal.conflict("target '" + t.name() + "' is running now");
        }
        Leases.Lease lease = leases.tryAcquire(lease(targetId), RUN_LEASE)
                .orElseThrow(() -> Refusal.conflict("target '" + t.name() + "' is running now (on this or another collector instance)"));
        long next = clock.millis() + t.intervalSeconds() * 1000L;
        boolean claimed;
        try {
            claimed = db.write(h -> store.claim(h, t.id(), t.nextRunAt(), next));
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        if (!claimed) {
            lease.close();
            throw Refusal.conflict("target '" + t.name() + "' was just started by the scheduler");
        }
        CompletableFuture<TargetRunRecord> f = submit(t, TargetRunRecord.MANUAL, lease);
        if (f == null) {
            throw Refusal.conflict("target '" + t.name() + "' is running now");
        }
        return f;
    }

    /** One scheduling pass (the ticker calls it; tests may too). */
    public void tickOnce() {
        long now = clock.millis();
        for (Target t : db.read(h -> store.due(h, now, 100))) {
            if (running.contains(t.id())) {
                continue;
            }
            Leases.Lease lease = leases.tryAcquire(lease(t.id()), RUN_LEASE).orElse(null);
            if (lease == null) {
                continue; // under way on another instance
            }
            long next = now + t.intervalSeconds() * 1000L;
            boolean claimed = false;
            try {
                claimed = db.write(h -> store.claim(h, t.id(), t.nextRunAt(), next));
            } finally {
                if (!claimed) {
                    lease.close(); // the target's next run moved meanwhile (run now, or another instance's tick)
                }
            }
            if (claimed) {
                submit(t, TargetRunRecord.SCHEDULE, lease);
            }
        }
    }

    private void tickSafely() {
        try {
            tickOnce();
        } catch (RuntimeException e) {
            LOG.error("target scheduling pass failed", e);
        }
    }

    /** Runs the target in the pool; {@code lease} is released when the run ends (or at once when it cannot start). */
    private CompletableFuture<TargetRunRecord> submit(Target t, String trigger, Leases.Lease lease) {
        if (!running.add(t.id())) {
            lease.close();
            return null;
        }
        CompletableFuture<TargetRunRecord> done = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    done.complete(runWithinBudget(t, trigger));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                } finally {
                    running.remove(t.id());
                    lease.close();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(t.id());
            lease.close();
            throw Refusal.conflict("the collector is shutting down");
        }
        return done;
    }

    private TargetRunRecord runWithinBudget(Target t, String trigger) {
        long started = clock.millis();
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<TargetRunRecord> f = runners.submit(() -> execution.run(t, trigger, abandoned));
        try {
            // the probes' own timeouts end a run; this bound catches whatever they miss
            return f.get(execution.budget().toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            f.cancel(true);
            return execution.timedOut(t, trigger, started);
        } catch (ExecutionException e) {
            return execution.crashed(t, trigger, started, e.getCause());
        } catch (InterruptedException e) {
            abandoned.set(true);
            f.cancel(true);
            Thread.currentThread().interrupt();
            return execution.crashed(t, trigger, started, e);
        }
    }

    @PreDestroy
    public void stop() {
        stopped = true;
        pool.shutdownNow();
        runners.shutdownNow();
    }

    /** For the API: how many runs are under way. */
    public Map<String, Object> status() {
        return Map.of("running", running.size(), "tickSeconds", tick.toSeconds(), "schedulerEnabled", enabled);
    }
}
