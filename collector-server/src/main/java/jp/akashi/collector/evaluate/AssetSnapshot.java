package jp.akashi.collector.evaluate;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.ingest.CompactFacts;

/**
 * What evaluation knows about one asset at one instant: identity and admin attributes, whether
 * its data is stale, and its facts (collected and derived).
 */
public record AssetSnapshot(String assetId, String name, String kind, String osFamily, List<String> roles,
                            boolean stale, long lastSeenAt, String reportId, Map<String, CompactFacts.Value> facts) {
}
