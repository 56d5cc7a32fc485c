package jp.akashi.collector.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/** How long building a snapshot takes (collect, write, sign, time-stamp, record), by trigger and outcome. */
@Singleton
public class SnapshotMetrics {
    private final MeterRegistry registry;

    public SnapshotMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param trigger manual or scheduled; @param ok whether the snapshot was recorded */
    public void built(String trigger, boolean ok, long nanos) {
        Timer.builder("akashi.snapshot.build").description("Snapshot build durations (failed builds too, outcome=failed)")
                .tag("trigger", trigger == null ? "unknown" : trigger).tag("outcome", ok ? "ok" : "failed")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
