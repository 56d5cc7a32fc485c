package jp.akashi.collector.ingest;

/**
 * Published after a report's transaction committed, for evaluation and notifications.
 *
 * @param factsChanged false when the report repeated the asset's previous facts
 * @param facts        the report's facts as evaluation reads them, so it need not decode them from the database again
 */
public record ReportStored(String assetId, String reportId, boolean factsChanged, boolean newAsset,
                           java.util.Map<String, CompactFacts.Value> facts) {
}
