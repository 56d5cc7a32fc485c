package jp.akashi.collector.catalog;

import java.util.Map;

/**
 * Where a framework version was transcribed from.
 *
 * @param seed  file name in shared/seeds
 * @param title title of the original document
 * @param date  publication date of the original (ISO-8601), or null when the source gives none
 * @param url   where the publisher publishes the original, or null
 * @param notes what the extraction lacks and the reading decisions made
 * @param holds counts the file states about itself (validated against its content at load), or null
 */
public record SourceInfo(String seed, String title, String date, String url, String notes, Holds holds) {

    /**
     * Counts a catalog file states about what it holds, so a reader sees them next to the public totals.
     * Each present entry must equal the actual count.
     *
     * @param criteria    number of criteria
     * @param textMissing number of criteria with {@code text_missing: true}
     * @param levels      criteria per level ("3", "4", "unknown" for a null level)
     * @param groups      groups per kind (大分類, 中分類, 要求事項 …)
     */
    public record Holds(Integer criteria, Integer textMissing, Map<String, Integer> levels,
                        Map<String, Integer> groups) {
    }
}
