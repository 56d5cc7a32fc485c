package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for each source's current facts of an asset ({@code asset_source_facts}, docs/ASSETS.md). */
@Singleton
public class AssetSourceStore {

    /**
     * One source's current facts of an asset: its key ({@code agent:<id>}, {@code target:<id>:<credential>},
     * {@code scan:agent:<id>}), kind ({@code agent}, {@code collector}, {@code scan}), a label for people
     * (the target's name), its newest report and when it last confirmed the asset (null: none of its runs did).
     */
    public record SourceRow(String assetId, String sourceKey, String source, String label, String reportId, String contentSha256,
                            long updatedAt, Long confirmedAt, int factCount, int errorCount, String factsJson) {
    }

    public List<SourceRow> forAsset(Handle h, String assetId) {
        return h.createQuery("SELECT * FROM asset_source_facts WHERE asset_id = :a ORDER BY source_key").bind("a", assetId)
                .map(AssetSourceStore::row).list();
    }

    /** The asset's sources other than {@code sourceKey} (whose facts the caller has in hand), in source-key order. */
    public List<SourceRow> othersOf(Handle h, String assetId, String sourceKey) {
        return h.createQuery("SELECT * FROM asset_source_facts WHERE asset_id = :a AND source_key <> :k ORDER BY source_key")
                .bind("a", assetId).bind("k", sourceKey).map(AssetSourceStore::row).list();
    }

    private static SourceRow row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        long c = rs.getLong("confirmed_at");
        Long confirmed = rs.wasNull() ? null : c;
        return new SourceRow(rs.getString("asset_id"), rs.getString("source_key"), rs.getString("source"),
                rs.getString("label"), rs.getString("report_id"), rs.getString("content_sha256"), rs.getLong("updated_at"),
                confirmed, rs.getInt("fact_count"), rs.getInt("error_count"), rs.getString("facts"));
    }

    /** The content hash of one source's current facts (cheap: the facts are not read). */
    public Optional<String> contentHash(Handle h, String assetId, String sourceKey) {
        return h.createQuery("SELECT content_sha256 FROM asset_source_facts WHERE asset_id = :a AND source_key = :k")
                .bind("a", assetId).bind("k", sourceKey).mapTo(String.class).findFirst();
    }

    /** The content hash of {@code sourceKey}'s facts on the asset the agent is bound to: one statement on ingest's hot path. */
    public Optional<String> contentHashOfAgent(Handle h, String agentId, String sourceKey) {
        return h.createQuery("SELECT s.content_sha256 FROM agents ag JOIN asset_source_facts s ON s.asset_id = ag.asset_id "
                        + "AND s.source_key = :k WHERE ag.id = :id")
                .bind("id", agentId).bind("k", sourceKey).mapTo(String.class).findFirst();
    }

    /** Stores a source's newest facts; {@code confirmedAt} null keeps the time it last confirmed the asset. */
    public void put(Handle h, SourceRow r) {
        int n = h.createUpdate("UPDATE asset_source_facts SET source = :s, label = :l, report_id = :r, content_sha256 = :c, "
                        + "updated_at = :u, confirmed_at = COALESCE(:conf, confirmed_at), fact_count = :fc, error_count = :ec, facts = :f "
                        + "WHERE asset_id = :a AND source_key = :k")
                .bind("s", r.source()).bind("l", r.label()).bind("r", r.reportId()).bind("c", r.contentSha256())
                .bind("u", r.updatedAt()).bind("conf", r.confirmedAt()).bind("fc", r.factCount()).bind("ec", r.errorCount())
                .bind("f", r.factsJson()).bind("a", r.assetId()).bind("k", r.sourceKey()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO asset_source_facts (asset_id, source_key, source, label, report_id, content_sha256, updated_at, "
                            + "confirmed_at, fact_count, error_count, facts) VALUES (:a, :k, :s, :l, :r, :c, :u, :conf, :fc, :ec, :f)")
                    .bind("s", r.source()).bind("l", r.label()).bind("r", r.reportId()).bind("c", r.contentSha256())
                    .bind("u", r.updatedAt()).bind("conf", r.confirmedAt()).bind("fc", r.factCount()).bind("ec", r.errorCount())
                    .bind("f", r.factsJson()).bind("a", r.assetId()).bind("k", r.sourceKey()).execute();
        }
    }

    /** Removes one source of an asset (a legacy row replaced by its target's own, or a deleted target's). */
    public void delete(Handle h, String assetId, String sourceKey) {
        h.createUpdate("DELETE FROM asset_source_facts WHERE asset_id = :a AND source_key = :k")
                .bind("a", assetId).bind("k", sourceKey).execute();
    }

    /** Assets that have a source whose key starts with {@code prefix} (a target's rows: {@code target:<id>:}). */
    public List<String> assetsWithSourcePrefix(Handle h, String prefix) {
        return h.createQuery("SELECT DISTINCT asset_id FROM asset_source_facts WHERE source_key LIKE :p ESCAPE '!' ORDER BY asset_id")
                .bind("p", AssetStore.likeEscape(prefix) + "%").mapTo(String.class).list();
    }

    public void deleteWithPrefix(Handle h, String assetId, String prefix) {
        h.createUpdate("DELETE FROM asset_source_facts WHERE asset_id = :a AND source_key LIKE :p ESCAPE '!'")
                .bind("a", assetId).bind("p", AssetStore.likeEscape(prefix) + "%").execute();
    }
}
