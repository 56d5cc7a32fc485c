package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import jp.akashi.collector.store.Ids;
import jp.akashi.collector.store.MultiRowInsert;

/** SQL for per-asset check results and their transitions. */
@Singleton
public class CheckResultStore {

    /** A stored result (reason in both languages, facts as JSON). */
    public record Row(String assetId, String checkId, CheckStatus status, String reasonJa, String reasonEn, String factsJson,
                      String reportId, long since, long evaluatedAt) {
    }

    public Map<String, Row> forAsset(Handle h, String assetId) {
        Map<String, Row> m = new HashMap<>();
        h.createQuery("SELECT * FROM check_results WHERE asset_id = :a").bind("a", assetId)
                .map((rs, ctx) -> row(rs)).forEach(r -> m.put(r.checkId(), r));
        return m;
    }

    /** Results of many assets at once, by asset then check. */
    public Map<String, Map<String, Row>> forAssets(Handle h, Collection<String> assetIds) {
        Map<String, Map<String, Row>> m = new HashMap<>();
        if (assetIds.isEmpty()) {
            return m;
        }
        List<String> ids = new ArrayList<>(assetIds);
        for (int i = 0; i < ids.size(); i += 500) {
            h.createQuery("SELECT * FROM check_results WHERE asset_id IN (<ids>)")
                    .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .map((rs, ctx) -> row(rs))
                    .forEach(r -> m.computeIfAbsent(r.assetId(), k -> new HashMap<>()).put(r.checkId(), r));
        }
        return m;
    }

    /**
     * Of {@code assetIds}, those whose stored results are no longer the ones read into
     * {@code read} (another writer inserted, updated or moved them since): compared by the
     * number of result rows and their latest evaluation time, one grouped query. Call it holding
     * the assets' row locks ({@code AssetStore.lockForWrite}), so nobody writes them after it.
     */
    public java.util.Set<String> rewrittenSince(Handle h, Map<String, Map<String, Row>> read, Collection<String> assetIds) {
        java.util.Set<String> out = new java.util.HashSet<>();
        Map<String, long[]> now = new HashMap<>();
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(assetIds));
        for (int i = 0; i < ids.size(); i += 500) {
            h.createQuery("SELECT asset_id, COUNT(*), MAX(evaluated_at) FROM check_results WHERE asset_id IN (<ids>) GROUP BY asset_id")
                    .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}))
                    .forEach(e -> now.put(e.getKey(), e.getValue()));
        }
        for (String id : ids) {
            Map<String, Row> before = read.getOrDefault(id, Map.of());
            long[] stored = now.getOrDefault(id, new long[]{0, 0});
            long latest = before.values().stream().mapToLong(Row::evaluatedAt).max().orElse(0);
            if (stored[0] != before.size() || (stored[0] > 0 && stored[1] != latest)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Writes changed results (insert or update) and a transition for every status change. */
    public void write(Handle h, List<Row> upserts, List<Row> transitionsFromPrevious, Map<String, CheckStatus> previous) {
        if (!upserts.isEmpty()) {
            PreparedBatch update = h.prepareBatch("UPDATE check_results SET status = :status, reason_ja = :ja, reason_en = :en, "
                    + "facts = :facts, report_id = :report, since = :since, evaluated_at = :at WHERE asset_id = :asset AND check_id = :check");
            int updates = 0;
            List<Object[]> inserts = new ArrayList<>();
            for (Row r : upserts) {
                if (previous.containsKey(r.assetId() + "\u0000" + r.checkId())) {
                    update.bind("asset", r.assetId()).bind("check", r.checkId()).bind("status", r.status().name())
                            .bind("ja", r.reasonJa()).bind("en", r.reasonEn()).bind("facts", r.factsJson())
                            .bind("report", r.reportId()).bind("since", r.since()).bind("at", r.evaluatedAt()).add();
                    updates++;
                } else {
                    inserts.add(new Object[]{r.assetId(), r.checkId(), r.status().name(), r.reasonJa(), r.reasonEn(),
                            r.factsJson(), r.reportId(), r.since(), r.evaluatedAt()});
                }
            }
            if (updates > 0) {
                update.execute();
            }
            MultiRowInsert.run(h, "check_results", List.of("asset_id", "check_id", "status", "reason_ja", "reason_en", "facts",
                    "report_id", "since", "evaluated_at"), inserts);
        }
        if (!transitionsFromPrevious.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(transitionsFromPrevious.size());
            for (Row r : transitionsFromPrevious) {
                CheckStatus from = previous.get(r.assetId() + "\u0000" + r.checkId());
                rows.add(new Object[]{Ids.next(), r.assetId(), r.checkId(), r.since(), from == null ? null : from.name(),
                        r.status().name(), r.reasonJa(), r.reasonEn()});
            }
            MultiRowInsert.run(h, "check_transitions", List.of("id", "asset_id", "check_id", "at", "from_status", "to_status",
                    "reason_ja", "reason_en"), rows);
        }
    }

    /**
     * Points an asset's results at a newer report that confirmed them (same status, reason and
     * facts); results already written for that report are left alone.
     */
    public void moveToReport(Handle h, Map<String, String> reportByAsset, long at) {
        if (reportByAsset.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("UPDATE check_results SET report_id = :report, evaluated_at = :at "
                + "WHERE asset_id = :asset AND (report_id IS NULL OR report_id <> :report)");
        reportByAsset.forEach((asset, report) -> b.bind("asset", asset).bind("report", report).bind("at", at).add());
        b.execute();
    }

    /** Removes results of checks the library no longer has. */
    public int deleteChecksNotIn(Handle h, Collection<String> checkIds) {
        return h.createUpdate("DELETE FROM check_results WHERE check_id NOT IN (<ids>)").bindList("ids", new ArrayList<>(checkIds)).execute();
    }

    /** Number of assets in each status, per check. */
    public Map<String, Map<CheckStatus, Integer>> counts(Handle h) {
        Map<String, Map<CheckStatus, Integer>> m = new HashMap<>();
        h.createQuery("SELECT check_id, status, COUNT(*) AS n FROM check_results GROUP BY check_id, status")
                .map((rs, ctx) -> new Object[]{rs.getString("check_id"), CheckStatus.valueOf(rs.getString("status")), rs.getInt("n")})
                .forEach(o -> m.computeIfAbsent((String) o[0], k -> new java.util.EnumMap<>(CheckStatus.class)).put((CheckStatus) o[1], (Integer) o[2]));
        return m;
    }

    /** Assets whose result for a check is in the given status (failing or unknown first), bounded. */
    public List<Row> withStatus(Handle h, String checkId, CheckStatus status, int limit) {
        return h.createQuery("SELECT * FROM check_results WHERE check_id = :c AND status = :s ORDER BY since LIMIT :l")
                .bind("c", checkId).bind("s", status.name()).bind("l", limit).map((rs, ctx) -> row(rs)).list();
    }

    public List<Row> forCheck(Handle h, String checkId, int offset, int limit) {
        return h.createQuery("SELECT * FROM check_results WHERE check_id = :c ORDER BY CASE status WHEN 'FAIL' THEN 0 "
                        + "WHEN 'UNKNOWN' THEN 1 WHEN 'PASS' THEN 2 ELSE 3 END, since LIMIT :l OFFSET :o")
                .bind("c", checkId).bind("l", limit).bind("o", offset).map((rs, ctx) -> row(rs)).list();
    }

    /** Results of a check in one status, longest-standing first, one page (for the console's per-check list). */
    public List<Row> forCheck(Handle h, String checkId, CheckStatus status, int offset, int limit) {
        return h.createQuery("SELECT * FROM check_results WHERE check_id = :c AND status = :s ORDER BY since, asset_id LIMIT :l OFFSET :o")
                .bind("c", checkId).bind("s", status.name()).bind("l", limit).bind("o", offset).map((rs, ctx) -> row(rs)).list();
    }

    /** How many checks fail on each of the given assets (absent: none), in one grouped query. */
    public Map<String, Integer> failingCounts(Handle h, Collection<String> assetIds) {
        Map<String, Integer> m = new HashMap<>();
        if (assetIds.isEmpty()) {
            return m;
        }
        h.createQuery("SELECT asset_id, COUNT(*) AS n FROM check_results WHERE status = 'FAIL' AND asset_id IN (<ids>) GROUP BY asset_id")
                .bindList("ids", new ArrayList<>(assetIds))
                .map((rs, ctx) -> Map.entry(rs.getString("asset_id"), rs.getInt("n")))
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** A status change; {@code reasonEn} is null on rows written before migration V26. */
    public record Transition(String assetId, String checkId, long at, String from, String to, String reasonJa, String reasonEn, String id) {
        public Transition(String assetId, String checkId, long at, String from, String to, String reasonJa, String reasonEn) {
            this(assetId, checkId, at, from, to, reasonJa, reasonEn, null);
        }

        public Transition(String assetId, String checkId, long at, String from, String to, String reasonJa) {
            this(assetId, checkId, at, from, to, reasonJa, null, null);
        }

        /** The reason in {@code lang}; the Japanese one where no English was recorded. */
        public String reason(String lang) {
            return "en".equals(lang) && reasonEn != null ? reasonEn : reasonJa;
        }
    }

    public List<Transition> transitions(Handle h, String assetId, int limit) {
        return h.createQuery("SELECT * FROM check_transitions WHERE asset_id = :a ORDER BY at DESC LIMIT :l")
                .bind("a", assetId).bind("l", limit)
                .map((rs, ctx) -> new Transition(rs.getString("asset_id"), rs.getString("check_id"), rs.getLong("at"),
                        rs.getString("from_status"), rs.getString("to_status"), rs.getString("reason_ja"), rs.getString("reason_en")))
                .list();
    }

    /**
     * The status changes in {@code (from, to]}, oldest first, at most {@code limit} (the caller
     * says when there were more): the change feed folds each asset × check to first and last.
     */
    public List<Transition> transitionsBetween(Handle h, long from, long to, int limit) {
        // without the reasons: a window can hold tens of thousands of changes (a fleet's first results),
        // and only the lines the feed keeps need their texts (reasons(...))
        return h.createQuery("SELECT id, asset_id, check_id, at, from_status, to_status FROM check_transitions "
                        + "WHERE at > :f AND at <= :t ORDER BY at, id LIMIT :l")
                .bind("f", from).bind("t", to).bind("l", limit)
                .map((rs, ctx) -> new Transition(rs.getString("asset_id"), rs.getString("check_id"), rs.getLong("at"),
                        rs.getString("from_status"), rs.getString("to_status"), null, null, rs.getString("id")))
                .list();
    }

    /** The Japanese and English reasons of the given transitions (by id; the English one null before migration V26). */
    public Map<String, String[]> reasons(Handle h, java.util.Collection<String> ids) {
        Map<String, String[]> m = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            h.createQuery("SELECT id, reason_ja, reason_en FROM check_transitions WHERE id IN (<ids>)")
                    .bindList("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)}))
                    .forEach(e -> m.put(e.getKey(), e.getValue()));
        }
        return m;
    }

    /** The status of every check of an asset as it was at {@code at} (from the transitions). */
    public Map<String, String> statusAt(Handle h, String assetId, long at) {
        Map<String, String> m = new HashMap<>();
        h.createQuery("SELECT t.check_id, t.to_status FROM check_transitions t WHERE t.asset_id = :a AND t.at = "
                        + "(SELECT MAX(t2.at) FROM check_transitions t2 WHERE t2.asset_id = t.asset_id AND t2.check_id = t.check_id AND t2.at <= :at)")
                .bind("a", assetId).bind("at", at)
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).forEach(p -> m.put(p[0], p[1]));
        return m;
    }

    static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("asset_id"), rs.getString("check_id"), CheckStatus.valueOf(rs.getString("status")),
                rs.getString("reason_ja"), rs.getString("reason_en"), rs.getString("facts"), rs.getString("report_id"),
                rs.getLong("since"), rs.getLong("evaluated_at"));
    }
}
