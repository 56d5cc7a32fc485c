package jp.akashi.collector.ingest;

/**
 * Published after a report's transaction committed, for evaluation and notifications.
 *
 * @param factsChanged false when the report repeated the asset's previous facts
 */
public record ReportStored(String assetId, String reportId, boolean factsChanged, boolean newAsset) {
}
