package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for report history and the content-addressed report bodies. */
@Singleton
public class ReportStore {

    public record ReportRow(String id, String assetId, String agentId, String source, String agentVersion, long receivedAt,
                            Long startedAt, Long finishedAt, int factCount, int errorCount, String contentSha256,
                            String bodySha256) {
    }

    public boolean exists(Handle h, String reportId) {
        return h.createQuery("SELECT 1 FROM reports WHERE id = :id").bind("id", reportId).mapTo(Integer.class).findFirst().isPresent();
    }

    public Optional<ReportRow> byId(Handle h, String reportId) {
        return h.createQuery("SELECT * FROM reports WHERE id = :id").bind("id", reportId).map((rs, ctx) -> map(rs)).findFirst();
    }

    /**
     * Stores a body unless one with the same content hash is already there; a body used again
     * gets a fresh {@code created_at}, so retention never takes a body that a report has just
     * come to refer to (on PostgreSQL the upsert also locks the row against a concurrent prune).
     */
    public void putBodyIfAbsent(Handle h, String sha256, java.util.function.Supplier<byte[]> body, long now) {
        byte[] gz = body.get();
        h.createUpdate("INSERT INTO report_bodies (sha256, body, size, created_at) VALUES (:s, :b, :n, :now) "
                        + "ON CONFLICT (sha256) DO UPDATE SET created_at = excluded.created_at")
                .bind("s", sha256).bind("b", gz).bind("n", gz.length).bind("now", now).execute();
    }

    public Optional<byte[]> body(Handle h, String sha256) {
        return h.createQuery("SELECT body FROM report_bodies WHERE sha256 = :s").bind("s", sha256)
                .mapTo(byte[].class).findFirst();
    }

    public void insert(Handle h, ReportRow r) {
        h.createUpdate("INSERT INTO reports (id, asset_id, agent_id, source, agent_version, received_at, started_at, finished_at, "
                        + "fact_count, error_count, content_sha256, body_sha256) VALUES (:id, :asset, :agent, :source, :version, "
                        + ":received, :started, :finished, :facts, :errors, :content, :body)")
                .bind("id", r.id()).bind("asset", r.assetId()).bind("agent", r.agentId()).bind("source", r.source())
                .bind("version", r.agentVersion()).bind("received", r.receivedAt()).bind("started", r.startedAt())
                .bind("finished", r.finishedAt()).bind("facts", r.factCount()).bind("errors", r.errorCount())
                .bind("content", r.contentSha256()).bind("body", r.bodySha256()).execute();
    }

    public List<ReportRow> history(Handle h, String assetId, int limit) {
        return h.createQuery("SELECT * FROM reports WHERE asset_id = :a ORDER BY received_at DESC LIMIT :l")
                .bind("a", assetId).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** A page of an asset's reports, newest first. */
    public List<ReportRow> history(Handle h, String assetId, int offset, int limit) {
        return h.createQuery("SELECT * FROM reports WHERE asset_id = :a ORDER BY received_at DESC LIMIT :l OFFSET :o")
                .bind("a", assetId).bind("l", limit).bind("o", offset).map((rs, ctx) -> map(rs)).list();
    }

    public long countForAsset(Handle h, String assetId) {
        return h.createQuery("SELECT COUNT(*) FROM reports WHERE asset_id = :a").bind("a", assetId).mapTo(Long.class).one();
    }

    /** A report with the name of its asset. */
    public record Recent(ReportRow report, String assetName) {
    }

    /**
     * The latest report of each of the most recently reporting assets, newest first. It walks the
     * assets' last-seen index instead of sorting the whole report history.
     */
    public List<Recent> latestPerAsset(Handle h, int limit) {
        return h.createQuery("SELECT r.*, " + AssetStore.NAME_SQL + " AS asset_name FROM assets a "
                        + "JOIN reports r ON r.id = a.last_report_id WHERE a.decommissioned_at IS NULL "
                        + "ORDER BY a.last_seen_at DESC LIMIT :l")
                .bind("l", limit).map((rs, ctx) -> new Recent(map(rs), rs.getString("asset_name"))).list();
    }

    private static ReportRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long started = rs.getLong("started_at");
        Long s = rs.wasNull() ? null : started;
        long finished = rs.getLong("finished_at");
        Long f = rs.wasNull() ? null : finished;
        return new ReportRow(rs.getString("id"), rs.getString("asset_id"), rs.getString("agent_id"), rs.getString("source"),
                rs.getString("agent_version"), rs.getLong("received_at"), s, f, rs.getInt("fact_count"),
                rs.getInt("error_count"), rs.getString("content_sha256"), rs.getString("body_sha256"));
    }
}
