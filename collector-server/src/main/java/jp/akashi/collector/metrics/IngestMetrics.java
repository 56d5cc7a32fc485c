package jp.akashi.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jp.akashi.collector.Refusal;

/**
 * Counts reports as the report endpoint answers them: accepted (stored or duplicate), refused
 * by status and reason ({@link RefusalReasons}), failed (the collector's own 5xx), and the
 * reports agents say their spool bound dropped on the host.
 */
@Singleton
public class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicate;
    private final Counter spoolDrops;
    private final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = accepted("stored");
        this.duplicate = accepted("duplicate");
        this.spoolDrops = Counter.builder("akashi.agent.spool.drops")
                .description("Reports agents say their spool bound dropped on the host before delivery (new drops told in reports stored by this instance)")
                .register(registry);
    }

    private Counter accepted(String status) {
        return Counter.builder("akashi.reports.accepted").description("Reports accepted: stored, or a duplicate of one stored before")
                .tag("status", status).register(registry);
    }

    public void accepted(boolean wasDuplicate) {
        (wasDuplicate ? duplicate : stored).increment();
    }

    /** A report the endpoint did not accept: a refusal (4xx) with its reason, or a failure of the collector. */
    public void notAccepted(Throwable t) {
        String status;
        String reason;
        if (t instanceof Refusal e && e.status() < 500) {
            status = String.valueOf(e.status());
            reason = RefusalReasons.of(e);
        } else {
            status = t instanceof Refusal e ? String.valueOf(e.status()) : "500";
            reason = DatabaseErrorKinds.sqlCause(t) != null ? "database" : "collector_error";
        }
        refused.computeIfAbsent(status + " " + reason, k -> Counter.builder("akashi.reports.refused")
                .description("Reports not accepted, by HTTP status and reason (4xx: the report's fault, 5xx: the collector's)")
                .tag("status", status).tag("reason", reason).register(registry)).increment();
    }

    public void spoolDrops(long newlyLost) {
        if (newlyLost > 0) {
            spoolDrops.increment(newlyLost);
        }
    }
}
