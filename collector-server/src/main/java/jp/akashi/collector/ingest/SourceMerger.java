package jp.akashi.collector.ingest;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.evaluate.PendingEvaluations;
import jp.akashi.collector.store.AssetSourceStore;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.Database;

/**
 * Writes an asset's merged current facts ({@code asset_facts}, what evaluation reads) from the
 * facts its sources keep apart ({@code asset_source_facts}), in the transaction that changed a
 * source; see {@link FactMerge} for the rule.
 */
@Singleton
public class SourceMerger {
    private final AssetStore assets;
    private final AssetSourceStore sources;
    private final Database db;
    private final PendingEvaluations pending;

    public SourceMerger(AssetStore assets, AssetSourceStore sources, Database db, PendingEvaluations pending) {
        this.assets = assets;
        this.sources = sources;
        this.db = db;
        this.pending = pending;
    }

    /** Each source's facts of an asset, decoded, in source-key order. */
    public List<FactMerge.SourceFacts> sourceFacts(List<AssetSourceStore.SourceRow> rows) {
        List<FactMerge.SourceFacts> out = new ArrayList<>(rows.size());
        for (AssetSourceStore.SourceRow r : rows) {
            out.add(new FactMerge.SourceFacts(r.sourceKey(), r.reportId(), CompactFacts.decode(r.factsJson())));
        }
        return out;
    }

    /**
     * Merges the asset's sources into its current facts, named after {@code reportId} (the report
     * that changed them, which evaluation is then judged on).
     *
     * @param justStored the facts of that report's source, already in hand (not read and decoded again), or null
     * @param sole       those facts as the merged view of an asset with no other source ({@link CompactFacts.Encoded#sole}), or null
     */
    public Map<String, CompactFacts.Value> remerge(Handle h, String assetId, String reportId, String contentHash, long now,
                                                   String sourceKey, Map<String, CompactFacts.Value> justStored, String sole) {
        List<FactMerge.SourceFacts> all = new ArrayList<>();
        for (AssetSourceStore.SourceRow r : justStored == null ? sources.forAsset(h, assetId) : sources.othersOf(h, assetId, sourceKey)) {
            all.add(new FactMerge.SourceFacts(r.sourceKey(), r.reportId(), CompactFacts.decode(r.factsJson())));
        }
        if (justStored != null) {
            all.add(new FactMerge.SourceFacts(sourceKey, reportId, justStored));
        }
        Map<String, CompactFacts.Value> merged = FactMerge.merge(all);
        String json = sole != null && all.size() == 1 ? sole : CompactFacts.encodeValues(merged);
        assets.putCurrentFacts(h, new AssetStore.CurrentFacts(assetId, reportId, contentHash, now, json));
        return merged;
    }

    /**
     * A deleted target's facts leave the assets it fed (their other sources' facts stay; an asset
     * left without sources keeps its last facts and turns stale). Those assets are judged again
     * (marked durably here; the caller tells the evaluator after the commit).
     *
     * @return the assets it fed
     */
    public List<String> forgetTarget(Handle h, String targetId, long now) {
        String prefix = TargetSources.prefix(targetId);
        List<String> ids = sources.assetsWithSourcePrefix(h, prefix);
        if (ids.isEmpty()) {
            return ids;
        }
        if (!db.sqlite()) {
            assets.lockForWrite(h, ids); // id order, as the evaluator takes them
        }
        for (String id : ids) {
            sources.deleteWithPrefix(h, id, prefix);
            List<AssetSourceStore.SourceRow> left = sources.forAsset(h, id);
            if (left.isEmpty()) {
                continue;
            }
            AssetSourceStore.SourceRow newest = left.stream().max(java.util.Comparator.comparingLong(AssetSourceStore.SourceRow::updatedAt))
                    .orElseThrow();
            remerge(h, id, newest.reportId(), newest.contentSha256(), now, null, null, null);
            pending.mark(h, id, newest.reportId(), now);
        }
        return ids;
    }
}
