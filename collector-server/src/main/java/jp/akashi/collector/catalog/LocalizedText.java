package jp.akashi.collector.catalog;

/** A text in Japanese (always present) and English (may be null). */
public record LocalizedText(String ja, String en) {
}
