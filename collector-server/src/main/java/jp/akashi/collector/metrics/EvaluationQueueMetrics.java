package jp.akashi.collector.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.time.Clock;

import jp.akashi.collector.evaluate.PendingEvaluations;
import jp.akashi.collector.store.Database;

/**
 * The durable evaluation queue (table evaluation_pending) as gauges: how many assets wait and how
 * long the oldest has waited. Read from the database at scrape time (one small indexed query per
 * gauge), so every instance on a shared PostgreSQL reports the same queue.
 */
@Context
public class EvaluationQueueMetrics {
    private final Database db;
    private final PendingEvaluations pending;
    private final Clock clock;
    public EvaluationQueueMetrics(Database db, PendingEvaluations pending, Clock clock, MeterRegistry registry) {
        this.db = db;
        this.pending = pending;
        this.clock = clock;
        Gauge.builder("akashi.evaluation.queue.depth", this, m -> m.waiting().count())
                .description("Assets waiting for evaluation (durable queue)").register(registry);
        Gauge.builder("akashi.evaluation.queue.oldest.age", this, EvaluationQueueMetrics::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the asset that has waited longest for evaluation has waited (0 when none waits)").register(registry);
    }

    double oldestAgeSeconds() {
        Long oldest = waiting().oldestQueuedAt();
        return oldest == null ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    private PendingEvaluations.Waiting waiting() {
        return db.read(pending::waiting);
    }
}
