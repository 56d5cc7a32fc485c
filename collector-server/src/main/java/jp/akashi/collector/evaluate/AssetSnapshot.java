package jp.akashi.collector.evaluate;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.ingest.CompactFacts;

/**
 * What evaluation knows about one asset at one instant: identity and admin attributes, whether
 * its data is stale, and its facts (collected and derived).
 *
 * @param roles        the roles it is judged with: the administrator's, or those its class implies
 * @param assumedClass the class (server, desktop, network-device) the roles were assumed from while an
 *                     administrator has set none; null when the roles are the administrator's
 */
public record AssetSnapshot(String assetId, String name, String kind, String osFamily, List<String> roles,
                            boolean stale, long lastSeenAt, String reportId, Map<String, CompactFacts.Value> facts,
                            String assumedClass) {

    /** Roles exactly as given (an administrator's). */
    public AssetSnapshot(String assetId, String name, String kind, String osFamily, List<String> roles,
                         boolean stale, long lastSeenAt, String reportId, Map<String, CompactFacts.Value> facts) {
        this(assetId, name, kind, osFamily, roles, stale, lastSeenAt, reportId, facts, null);
    }

    /** The snapshot with the roles of {@link DefaultRoles} for the administrator's {@code adminRoles}. */
    public static AssetSnapshot of(String assetId, String name, String kind, String osFamily, List<String> adminRoles,
                                   boolean stale, long lastSeenAt, String reportId, Map<String, CompactFacts.Value> facts) {
        DefaultRoles.Effective e = DefaultRoles.get().effective(kind, osFamily, adminRoles, facts);
        return new AssetSnapshot(assetId, name, kind, osFamily, e.roles(), stale, lastSeenAt, reportId, facts,
                e.assumed() ? e.assetClass() : null);
    }
}
