package jp.akashi.probes.api;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jp.akashi.probes.model.Fact;

/**
 * Runs probes and guarantees every declared key is reported. One after another by default (small
 * footprint, and the only safe way for hosts reached over one connection or recorded in order);
 * with {@code threads > 1} and a host that says it can serve calls concurrently
 * ({@link jp.akashi.probes.host.HostAccess#concurrent()}), several probes at once — a collection is
 * mostly waiting for the host's own commands (one {@code apt list} can take most of it), so
 * overlapping them is what shortens it. Facts come back in probe order either way.
 */
public final class ProbeRunner {
    /** For the agent on its own host: enough to overlap the slowest command with all the others. */
    public static final int LOCAL_THREADS = 3;

    private final List<Probe> probes;
    private final int threads;

    public ProbeRunner(List<Probe> probes) {
        this(probes, 1);
    }

    public ProbeRunner(List<Probe> probes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.probes = List.copyOf(probes);
        this.threads = threads;
    }

    /** Runs every applicable probe; a probe that throws gets its missing keys recorded as errors. */
    public List<Fact> run(ProbeContext ctx) {
        return run(ctx, (probe, index, total) -> { });
    }

    public List<Fact> run(ProbeContext ctx, Progress progress) {
        List<Probe> applicable = probes.stream().filter(p -> safeApplies(p, ctx)).toList();
        int workers = ctx.host() != null && ctx.host().concurrent() ? Math.min(threads, applicable.size()) : 1;
        if (workers <= 1) {
            List<Fact> all = new ArrayList<>();
            int i = 0;
            for (Probe p : applicable) {
                progress.starting(p, ++i, applicable.size());
                all.addAll(collect(p, ctx));
            }
            return all;
        }
        return runConcurrently(applicable, ctx, progress, workers);
    }

    private static List<Fact> runConcurrently(List<Probe> applicable, ProbeContext ctx, Progress progress, int workers) {
        AtomicInteger started = new AtomicInteger();
        Object progressLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "akashi-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Fact>>> results = new ArrayList<>();
            for (Probe p : applicable) {
                results.add(pool.submit(() -> {
                    synchronized (progressLock) {
                        progress.starting(p, started.incrementAndGet(), applicable.size());
                    }
                    return collect(p, ctx);
                }));
            }
            List<Fact> all = new ArrayList<>();
            for (Future<List<Fact>> f : results) {
                all.addAll(await(f));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Fact> await(Future<List<Fact>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probes were running", e);
        } catch (ExecutionException e) {
            // collect() catches what a probe may throw; anything else (an Error) goes up as it would sequentially
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<Fact> collect(Probe p, ProbeContext ctx) {
        FactSink sink = new FactSink(ctx.clock()).forProbe(p.id());
        String failure = null;
        try {
            p.collect(ctx, sink);
        } catch (RuntimeException | StackOverflowError e) {
            failure = String.valueOf(e);
        }
        for (String key : p.keys()) {
            if (!sink.has(key)) {
                sink.error(key, failure != null ? code("probe.failed", p.id(), failure)
                        : code("probe.not_reported", p.id()));
            }
        }
        return sink.facts();
    }

    private static boolean safeApplies(Probe p, ProbeContext ctx) {
        try {
            return p.appliesTo(ctx);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Progress callback for long collections (the CLI prints it on stderr with --verbose); called by one thread at a time. */
    @FunctionalInterface
    public interface Progress {
        void starting(Probe probe, int index, int total);
    }
}
