package jp.akashi.probes.api;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.model.Fact;

/** Runs probes one after another (small footprint) and guarantees every declared key is reported. */
public final class ProbeRunner {
    private final List<Probe> probes;

    public ProbeRunner(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** Runs every applicable probe; a probe that throws gets its missing keys recorded as errors. */
    public List<Fact> run(ProbeContext ctx) {
        return run(ctx, (probe, index, total) -> { });
    }

    public List<Fact> run(ProbeContext ctx, Progress progress) {
        List<Fact> all = new ArrayList<>();
        List<Probe> applicable = probes.stream().filter(p -> safeApplies(p, ctx)).toList();
        int i = 0;
        for (Probe p : applicable) {
            progress.starting(p, ++i, applicable.size());
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
            all.addAll(sink.facts());
        }
        return all;
    }

    private static boolean safeApplies(Probe p, ProbeContext ctx) {
        try {
            return p.appliesTo(ctx);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Progress callback for long collections (the CLI prints it on stderr with --verbose). */
    @FunctionalInterface
    public interface Progress {
        void starting(Probe probe, int index, int total);
    }
}
