package jp.akashi.collector.evaluate;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;

import jakarta.inject.Singleton;

/**
 * The durable "this asset needs evaluation" queue (table evaluation_pending). Ingest marks an
 * asset in the transaction that stores its report; the evaluator removes the mark only when it
 * judged the asset on the report the mark names, so a crash, a failed batch or a newer report
 * arriving meanwhile leaves the asset waiting instead of judged on old facts.
 */
@Singleton
public class PendingEvaluations {

    /** One cheap statement inside the ingest transaction: the newest report wins, the first queue time stays. */
    public void mark(Handle h, String assetId, String reportId, long now) {
        h.createUpdate("INSERT INTO evaluation_pending (asset_id, report_id, queued_at) VALUES (:a, :r, :t) "
                        + "ON CONFLICT (asset_id) DO UPDATE SET report_id = excluded.report_id, next_attempt_at = 0")
                .bind("a", assetId).bind("r", reportId).bind("t", now).execute();
    }

    /** Assets waiting whose retry time has come, oldest first. */
    public List<String> due(Handle h, long now, int limit) {
        return h.createQuery("SELECT asset_id FROM evaluation_pending WHERE next_attempt_at <= :n ORDER BY queued_at LIMIT :l")
                .bind("n", now).bind("l", limit).mapTo(String.class).list();
    }

    /** Removes the marks of assets judged on exactly the report their mark names (a newer report keeps its mark). */
    public void done(Handle h, Map<String, String> judgedOn) {
        for (Map.Entry<String, String> e : judgedOn.entrySet()) {
            if (e.getValue() == null) {
                h.createUpdate("DELETE FROM evaluation_pending WHERE asset_id = :a AND report_id IS NULL").bind("a", e.getKey()).execute();
            } else {
                h.createUpdate("DELETE FROM evaluation_pending WHERE asset_id = :a AND report_id = :r")
                        .bind("a", e.getKey()).bind("r", e.getValue()).execute();
            }
        }
    }

    /** A failed batch: its assets wait until the backoff expires (they are never dropped). */
    public void failed(Handle h, Collection<String> assetIds, long retryAt) {
        for (String id : assetIds) {
            h.createUpdate("UPDATE evaluation_pending SET attempts = attempts + 1, next_attempt_at = :n WHERE asset_id = :a")
                    .bind("n", retryAt).bind("a", id).execute();
        }
    }

    /** How many assets wait and since when (0 and null when none). */
    public Waiting waiting(Handle h) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(queued_at) AS oldest FROM evaluation_pending")
                .map((rs, ctx) -> new Waiting(rs.getInt("n"), rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
                .one();
    }

    /** Up to {@code limit} waiting asset ids with their names, oldest first (for snapshot problems). */
    public List<String> names(Handle h, int limit) {
        return h.createQuery("SELECT p.asset_id, COALESCE(a.display_name, a.hostname, a.address) AS name FROM evaluation_pending p LEFT JOIN assets a ON a.id = p.asset_id "
                        + "ORDER BY p.queued_at LIMIT :l")
                .bind("l", limit)
                .map((rs, ctx) -> rs.getString(2) == null ? rs.getString(1) : rs.getString(2) + " (" + rs.getString(1) + ")")
                .list();
    }

    public record Waiting(int count, Long oldestQueuedAt) {
    }
}
