package jp.akashi.collector.targets;

import com.fasterxml.jackson.core.type.TypeReference;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;

import jp.akashi.probes.targets.TargetSpec;
import jp.akashi.probes.targets.TargetSpecReader;
import jp.akashi.probes.util.Json;

/** SQL for targets and their run history. */
@Singleton
public class TargetStore {

    public void insert(Handle h, Target t) {
        h.createUpdate("INSERT INTO scan_targets (id, name, address, kind, probes, options, interval_s, credential_id, enabled, "
                        + "host_key_fingerprint, host_key_pinned_at, asset_id, created_by, created_at, updated_at, next_run_at) "
                        + "VALUES (:id, :name, :address, :kind, :probes, :options, :interval, :credential, :enabled, NULL, NULL, NULL, "
                        + ":by, :created, :updated, :next)")
                .bind("id", t.id()).bind("name", t.spec().name()).bind("address", t.spec().address()).bind("kind", t.spec().kind())
                .bind("probes", probes(t.spec())).bind("options", options(t.spec())).bind("interval", t.intervalSeconds())
                .bind("credential", t.credentialId()).bind("enabled", t.enabled()).bind("by", t.createdBy())
                .bind("created", t.createdAt()).bind("updated", t.updatedAt()).bind("next", t.nextRunAt())
                .execute();
    }

    /** Stores what an administrator may change; a changed address or credential also drops the pinned host key. */
    public void update(Handle h, Target t, boolean resetPin) {
        h.createUpdate("UPDATE scan_targets SET name = :name, address = :address, kind = :kind, probes = :probes, options = :options, "
                        + "interval_s = :interval, credential_id = :credential, enabled = :enabled, updated_at = :updated, next_run_at = :next"
                        + (resetPin ? ", host_key_fingerprint = NULL, host_key_pinned_at = NULL" : "") + " WHERE id = :id")
                .bind("name", t.spec().name()).bind("address", t.spec().address()).bind("kind", t.spec().kind())
                .bind("probes", probes(t.spec())).bind("options", options(t.spec())).bind("interval", t.intervalSeconds())
                .bind("credential", t.credentialId()).bind("enabled", t.enabled()).bind("updated", t.updatedAt())
                .bind("next", t.nextRunAt()).bind("id", t.id())
                .execute();
    }

    public Optional<Target> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM scan_targets WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    public Optional<Target> byName(Handle h, String name) {
        return h.createQuery("SELECT * FROM scan_targets WHERE name = :n").bind("n", name).map((rs, ctx) -> map(rs)).findFirst();
    }

    public List<Target> all(Handle h) {
        return h.createQuery("SELECT * FROM scan_targets ORDER BY name").map((rs, ctx) -> map(rs)).list();
    }

    /** Enabled targets whose next run is due, oldest first. */
    public List<Target> due(Handle h, long now, int limit) {
        return h.createQuery("SELECT * FROM scan_targets WHERE enabled = :t AND next_run_at <= :now ORDER BY next_run_at LIMIT :limit")
                .bind("t", true).bind("now", now).bind("limit", limit).map((rs, ctx) -> map(rs)).list();
    }

    /**
     * Takes a run: moves next_run_at from the value the caller saw to {@code next}. Exactly one of
     * several collector instances (or of the scheduler and a manual run) wins.
     */
    public boolean claim(Handle h, String id, long seenNext, long next) {
        return h.createUpdate("UPDATE scan_targets SET next_run_at = :next WHERE id = :id AND next_run_at = :seen")
                .bind("next", next).bind("id", id).bind("seen", seenNext).execute() == 1;
    }

    public void finished(Handle h, String id, long at, String outcome, String message, String assetId) {
        h.createUpdate("UPDATE scan_targets SET last_run_at = :at, last_outcome = :o, last_message = :m, "
                        + "asset_id = COALESCE(:asset, asset_id) WHERE id = :id")
                .bind("at", at).bind("o", outcome).bind("m", message).bind("asset", assetId).bind("id", id).execute();
    }

    /**
     * Pins a host key only if none is pinned yet and the target still points at the address and
     * credential the run used (a concurrent pin, or an edit made while the run was under way, wins).
     */
    public boolean pin(Handle h, Target ran, String fingerprint, long at) {
        return h.createUpdate("UPDATE scan_targets SET host_key_fingerprint = :fp, host_key_pinned_at = :at "
                        + "WHERE id = :id AND host_key_fingerprint IS NULL AND address = :address AND credential_id = :credential")
                .bind("fp", fingerprint).bind("at", at).bind("id", ran.id()).bind("address", ran.spec().address())
                .bind("credential", ran.credentialId()).execute() == 1;
    }

    public int resetPin(Handle h, String id) {
        return h.createUpdate("UPDATE scan_targets SET host_key_fingerprint = NULL, host_key_pinned_at = NULL WHERE id = :id")
                .bind("id", id).execute();
    }

    public int delete(Handle h, String id) {
        h.createUpdate("DELETE FROM scan_target_runs WHERE target_id = :id").bind("id", id).execute();
        return h.createUpdate("DELETE FROM scan_targets WHERE id = :id").bind("id", id).execute();
    }

    /** Target names per credential id. */
    public Map<String, List<String>> credentialUsage(Handle h) {
        Map<String, List<String>> out = new TreeMap<>();
        h.createQuery("SELECT credential_id, name FROM scan_targets WHERE credential_id IS NOT NULL ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    // ---- run history ----

    public void insertRun(Handle h, TargetRunRecord r, int keep) {
        h.createUpdate("INSERT INTO scan_target_runs (id, target_id, triggered_by, started_at, finished_at, outcome, message, probes, asset_ids) "
                        + "VALUES (:id, :target, :trigger, :started, :finished, :outcome, :message, :probes, :assets)")
                .bind("id", r.id()).bind("target", r.targetId()).bind("trigger", r.trigger()).bind("started", r.startedAt())
                .bind("finished", r.finishedAt()).bind("outcome", r.outcome()).bind("message", r.message())
                .bind("probes", json(r.probes())).bind("assets", json(r.assetIds()))
                .execute();
        List<Long> starts = h.createQuery("SELECT started_at FROM scan_target_runs WHERE target_id = :t ORDER BY started_at DESC LIMIT 1 OFFSET :keep")
                .bind("t", r.targetId()).bind("keep", keep - 1).mapTo(Long.class).list();
        if (!starts.isEmpty()) {
            h.createUpdate("DELETE FROM scan_target_runs WHERE target_id = :t AND started_at < :oldest")
                    .bind("t", r.targetId()).bind("oldest", starts.get(0)).execute();
        }
    }

    public List<TargetRunRecord> runs(Handle h, String targetId, int limit) {
        return h.createQuery("SELECT * FROM scan_target_runs WHERE target_id = :t ORDER BY started_at DESC LIMIT :limit")
                .bind("t", targetId).bind("limit", limit)
                .map((rs, ctx) -> new TargetRunRecord(rs.getString("id"), rs.getString("target_id"), rs.getString("triggered_by"),
                        rs.getLong("started_at"), rs.getLong("finished_at"), rs.getString("outcome"), rs.getString("message"),
                        read(rs.getString("probes"), new TypeReference<List<Map<String, Object>>>() { }),
                        read(rs.getString("asset_ids"), new TypeReference<List<String>>() { })))
                .list();
    }

    private static String probes(TargetSpec s) {
        return String.join(",", s.probes().stream().sorted().map(p -> p.wire()).toList());
    }

    private static String options(TargetSpec s) {
        return json(TargetSpecReader.write(s).get("options"));
    }

    private static Target map(ResultSet rs) throws SQLException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", rs.getString("name"));
        spec.put("address", rs.getString("address"));
        spec.put("kind", rs.getString("kind"));
        spec.put("probes", Arrays.asList(rs.getString("probes").split(",")));
        spec.put("options", read(rs.getString("options"), new TypeReference<Map<String, Object>>() { }));
        long pinned = rs.getLong("host_key_pinned_at");
        Long pinnedAt = rs.wasNull() ? null : pinned;
        long last = rs.getLong("last_run_at");
        Long lastRun = rs.wasNull() ? null : last;
        return new Target(rs.getString("id"), TargetSpecReader.read(spec, java.util.Set.of()), rs.getInt("interval_s"),
                rs.getString("credential_id"), rs.getBoolean("enabled"), rs.getString("host_key_fingerprint"), pinnedAt,
                rs.getString("asset_id"), rs.getString("created_by"), rs.getLong("created_at"), rs.getLong("updated_at"),
                rs.getLong("next_run_at"), lastRun, rs.getString("last_outcome"), rs.getString("last_message"));
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored target data unreadable", e);
        }
    }
}
