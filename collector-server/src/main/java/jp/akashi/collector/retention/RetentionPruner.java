package jp.akashi.collector.retention;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.evaluate.DeliveryHistory;
import jp.akashi.collector.store.Database;

/**
 * Keeps the database from growing forever (docs/RETENTION.md). One pass removes, in small
 * transactions of at most {@code akashi.retention.batch-size} rows with a pause between them:
 * <ul>
 *   <li>raw reports (rows and their bodies) received before the cutoff, except a report that an
 *       asset's current facts, last report, check results, pending evaluation or a snapshot refers
 *       to; a body goes only when no remaining report refers to it and it was not used again since
 *       the cutoff;</li>
 *   <li>check and criterion transitions before their cutoff, except the newest one of each check on
 *       each asset (and of each criterion) at the cutoff, so the state at every kept time stays known;</li>
 *   <li>daily scores before their cutoff.</li>
 * </ul>
 * A pass runs at most once per {@code akashi.retention.period}, also across restarts (the last pass
 * is recorded in the database). With several collectors on one PostgreSQL the scheduled call is
 * meant to run under the database lease ({@link #runIfDue()} is the scheduled entry point).
 */
@io.micronaut.context.annotation.Context // made at start, as when it listened for StartupEvent (what it needs is checked then)
public class RetentionPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);
    static final String LAST_PASS = "last_pass_at";
    /** Assets looked at per page of the report pass. */
    static final int ASSET_PAGE = 100;

    private final Database db;
    private final RetentionSettings settings;
    private final SnapshotReportIndex snapshotIndex;
    private final Clock clock;
    private volatile boolean stopped;

    private final jp.akashi.collector.store.Leases leases;
    private final DeliveryHistory deliveryHistory;

    public RetentionPruner(Database db, RetentionSettings settings, SnapshotReportIndex snapshotIndex, Clock clock,
                           jp.akashi.collector.store.Leases leases, DeliveryHistory deliveryHistory) {
        this.leases = leases;
        this.deliveryHistory = deliveryHistory;
        this.db = db;
        this.settings = settings;
        this.snapshotIndex = snapshotIndex;
        this.clock = clock;
    }

    /** Every {@code akashi.retention.tick} on Micronaut's scheduler: a pass when one is due. */
    @Scheduled(fixedDelay = "${akashi.retention.tick:" + RetentionSettings.TICK + "}",
            initialDelay = "${akashi.retention.tick:" + RetentionSettings.TICK + "}")
    void runIfDueSafely() {
        if (stopped) {
            return;
        }
        try {
            // one instance prunes (the lease outlives two ticks, so a dead holder's work moves on);
            // whether a pass is due is decided from the database, whoever holds the lease
            leases.runIfHolder("retention", settings.tick().multipliedBy(2), this::runIfDue);
        } catch (RuntimeException e) {
            LOG.warn("pruning old data failed (retried at the next tick): {}", e.toString());
        }
    }

    /** The scheduled entry point: one pass if none finished within the period; null when not due. */
    public PruneResult runIfDue() {
        long now = clock.millis();
        Long last = lastPassAt();
        if (last != null && now - last < settings.period().toMillis()) {
            return null;
        }
        return pruneOnce();
    }

    /** When the last pass finished (epoch ms), or null if none has. */
    public Long lastPassAt() {
        return db.read(h -> h.createQuery("SELECT value FROM retention_state WHERE name = :n").bind("n", LAST_PASS)
                .mapTo(Long.class).findFirst().orElse(null));
    }

    /** One full pass now, whatever the period says. */
    public PruneResult pruneOnce() {
        return prune(clock.millis());
    }

    /** One full pass as if it were {@code now} (epoch ms): the cutoffs are {@code now} minus each retention. */
    public synchronized PruneResult prune(long now) {
        long t0 = System.nanoTime();
        String skipped = snapshotIndex.ensureIndexed();
        long[] rb = skipped == null ? pruneReports(RetentionSettings.cutoff(now, settings.reports())) : new long[2];
        long checkT = pruneTransitions("check_transitions", "t.asset_id = n.asset_id AND t.check_id = n.check_id",
                RetentionSettings.cutoff(now, settings.transitions()));
        long critT = pruneTransitions("criterion_transitions", "t.criterion_id = n.criterion_id",
                RetentionSettings.cutoff(now, settings.transitions()));
        long scores = pruneScores(RetentionSettings.cutoff(now, settings.scores()));
        long deliveries = pruneDeliveries(RetentionSettings.cutoff(now, settings.deliveries()));
        long finished = clock.millis();
        db.write(h -> h.createUpdate("INSERT INTO retention_state (name, value) VALUES (:n, :v) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value").bind("n", LAST_PASS).bind("v", finished).execute());
        PruneResult r = new PruneResult(rb[0], rb[1], checkT, critT, scores, (System.nanoTime() - t0) / 1_000_000, skipped);
        if (deliveries > 0) {
            LOG.info("pruned {} notification deliver(ies) and digest record(s)", deliveries);
        }
        if (r.total() > 0 || skipped != null) {
            LOG.info("pruned {} report(s), {} report bod(ies), {} check and {} criterion transition(s), {} score(s) in {} ms{}",
                    r.reports(), r.bodies(), r.checkTransitions(), r.criterionTransitions(), r.scores(), r.millis(),
                    skipped == null ? "" : " (raw reports kept: " + skipped + ")");
        }
        return r;
    }

    /** Reports and bodies, asset page by asset page, in batches; returns {reports, bodies}. */
    private long[] pruneReports(long cutoff) {
        long[] removed = new long[2];
        if (cutoff == Long.MIN_VALUE) {
            return removed;
        }
        String after = "";
        while (true) {
            String from = after;
            List<String> page = db.read(h -> h.createQuery("SELECT id FROM assets WHERE id > :a ORDER BY id LIMIT :l")
                    .bind("a", from).bind("l", ASSET_PAGE).mapTo(String.class).list());
            if (page.isEmpty()) {
                return removed;
            }
            while (true) {
                long[] batch = db.write(h -> deleteReportBatch(h, page, cutoff));
                removed[0] += batch[0];
                removed[1] += batch[1];
                pause();
                if (batch[0] < settings.batchSize()) {
                    break;
                }
            }
            after = page.get(page.size() - 1);
        }
    }

    private long[] deleteReportBatch(Handle h, List<String> assets, long cutoff) {
        List<String[]> rows = h.createQuery("SELECT r.id, r.body_sha256 FROM reports r WHERE r.asset_id IN (<assets>) "
                        + "AND r.received_at < :c "
                        + "AND NOT EXISTS (SELECT 1 FROM asset_facts f WHERE f.asset_id = r.asset_id AND f.report_id = r.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM asset_source_facts sf WHERE sf.asset_id = r.asset_id AND sf.report_id = r.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.id = r.asset_id AND a.last_report_id = r.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM check_results c WHERE c.asset_id = r.asset_id AND c.report_id = r.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM evaluation_pending p WHERE p.asset_id = r.asset_id AND p.report_id = r.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM snapshot_reports s WHERE s.report_id = r.id) "
                        + "ORDER BY r.received_at LIMIT :l")
                .bindList("assets", assets).bind("c", cutoff).bind("l", settings.batchSize())
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        if (rows.isEmpty()) {
            return new long[2];
        }
        List<String> ids = new ArrayList<>(rows.size());
        Set<String> bodies = new LinkedHashSet<>();
        for (String[] r : rows) {
            ids.add(r[0]);
            bodies.add(r[1]);
        }
        long reports = h.createUpdate("DELETE FROM reports WHERE id IN (<ids>)").bindList("ids", ids).execute();
        long gone = h.createUpdate("DELETE FROM report_bodies WHERE sha256 IN (<s>) AND created_at < :c "
                        + "AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.body_sha256 = report_bodies.sha256)")
                .bindList("s", new ArrayList<>(bodies)).bind("c", cutoff).execute();
        return new long[]{reports, gone};
    }

    /** Transitions before the cutoff that a later one, still at or before the cutoff, replaces. */
    private long pruneTransitions(String table, String sameKey, long cutoff) {
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        String select = "SELECT t.id FROM " + table + " t WHERE t.at < :c AND EXISTS (SELECT 1 FROM " + table + " n WHERE "
                + sameKey + " AND n.at <= :c AND (n.at > t.at OR (n.at = t.at AND n.id > t.id))) LIMIT :l";
        long removed = 0;
        while (true) {
            int n = db.write(h -> {
                List<String> ids = h.createQuery(select).bind("c", cutoff).bind("l", settings.batchSize()).mapTo(String.class).list();
                return ids.isEmpty() ? 0 : h.createUpdate("DELETE FROM " + table + " WHERE id IN (<ids>)").bindList("ids", ids).execute();
            });
            removed += n;
            pause();
            if (n < settings.batchSize()) {
                return removed;
            }
        }
    }

    private long pruneScores(long cutoff) {
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        // one row per framework version, application type and day: a year is a few thousand rows
        return db.write(h -> h.createUpdate("DELETE FROM score_history WHERE at < :c").bind("c", cutoff).execute());
    }

    /** The delivery history, the digests' daily records and the reminders of things that expired before the cutoff. */
    private long pruneDeliveries(long cutoff) {
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        return deliveryHistory.pruneBefore(cutoff)
                + db.write(h -> h.createUpdate("DELETE FROM digest_runs WHERE claimed_at < :c").bind("c", cutoff).execute()
                + h.createUpdate("DELETE FROM reminders_sent WHERE expires_at < :c").bind("c", cutoff).execute());
    }

    private void pause() {
        if (settings.pause().isZero()) {
            return;
        }
        try {
            Thread.sleep(settings.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pruning interrupted", e);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
