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

    /** Assets waiting whose retry time has come and that no live claim holds, oldest first. */
    public List<String> due(Handle h, long now, int limit) {
        return h.createQuery("SELECT asset_id FROM evaluation_pending WHERE next_attempt_at <= :n "
                        + "AND (claimed_until IS NULL OR claimed_until < :n) ORDER BY queued_at LIMIT :l")
                .bind("n", now).bind("l", limit).mapTo(String.class).list();
    }

    /**
     * PostgreSQL with several instances: claims those of {@code assetIds} that wait and are not
     * claimed by another live evaluator, until {@code until}; returns the claimed ones. Rows locked
     * by another transaction right now (a claim or a report being stored) are skipped, not waited
     * for ({@code FOR UPDATE SKIP LOCKED}), in asset order so claims never wait on each other.
     */
    public List<String> claim(Handle h, Collection<String> assetIds, String claimer, long now, long until) {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        List<String> free = h.createQuery("SELECT asset_id FROM evaluation_pending WHERE asset_id IN (<ids>) "
                        + "AND (claimed_until IS NULL OR claimed_until < :n OR claimed_by = :me) ORDER BY asset_id FOR UPDATE SKIP LOCKED")
                .bindList("ids", List.copyOf(assetIds)).bind("n", now).bind("me", claimer).mapTo(String.class).list();
        if (!free.isEmpty()) {
            h.createUpdate("UPDATE evaluation_pending SET claimed_by = :me, claimed_until = :u WHERE asset_id IN (<ids>)")
                    .bindList("ids", free).bind("me", claimer).bind("u", until).execute();
        }
        return free;
    }

    /** Which of {@code assetIds} wait in the table at all (the others were queued only in memory). */
    public java.util.Set<String> marked(Handle h, Collection<String> assetIds) {
        if (assetIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(h.createQuery("SELECT asset_id FROM evaluation_pending WHERE asset_id IN (<ids>)")
                .bindList("ids", List.copyOf(assetIds)).mapTo(String.class).list());
    }

    /**
     * Of the assets just judged (asset → report judged on), those whose mark now names the asset's
     * current facts, which are newer than what was judged: stored meanwhile by another instance.
     */
    public java.util.Set<String> newerFactsWaiting(Handle h, Map<String, String> judgedOn) {
        if (judgedOn.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        h.createQuery("SELECT p.asset_id, p.report_id FROM evaluation_pending p JOIN asset_facts f ON f.asset_id = p.asset_id "
                        + "AND f.report_id = p.report_id WHERE p.asset_id IN (<ids>)")
                .bindList("ids", List.copyOf(judgedOn.keySet()))
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)})
                .forEach(r -> {
                    if (!r[1].equals(judgedOn.get(r[0]))) {
                        out.add(r[0]);
                    }
                });
        return out;
    }

    /** Gives up this evaluator's claims on what is still waiting (a newer report came meanwhile, or the batch failed). */
    public void release(Handle h, Collection<String> assetIds, String claimer) {
        if (!assetIds.isEmpty()) {
            h.createUpdate("UPDATE evaluation_pending SET claimed_by = NULL, claimed_until = NULL WHERE asset_id IN (<ids>) AND claimed_by = :me")
                    .bindList("ids", new java.util.TreeSet<>(assetIds).stream().toList()).bind("me", claimer).execute();
        }
    }

    /** Removes the marks of assets judged on exactly the report their mark names (a newer report keeps its mark). */
    public void done(Handle h, Map<String, String> judgedOn) {
        // in asset order, like every other writer of these rows: no lock-order deadlock between instances
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(judgedOn).entrySet()) {
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
        for (String id : new java.util.TreeSet<>(assetIds)) {
            h.createUpdate("UPDATE evaluation_pending SET attempts = attempts + 1, next_attempt_at = :n, claimed_by = NULL, claimed_until = NULL WHERE asset_id = :a")
                    .bind("n", retryAt).bind("a", id).execute();
        }
    }

    /** How many assets wait and since when (0 and null when none). */
    public Waiting waiting(Handle h) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(queued_at) AS oldest FROM evaluation_pending")
                .map((rs, ctx) -> new Waiting(rs.getInt("n"), rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
                .one();
    }

    /** The waiting assets whose evaluation failed at least once and is being retried (the digest's failures). */
    public Waiting failing(Handle h) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(queued_at) AS oldest FROM evaluation_pending WHERE attempts > 0")
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
