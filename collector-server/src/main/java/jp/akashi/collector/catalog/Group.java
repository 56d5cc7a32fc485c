package jp.akashi.collector.catalog;

import java.util.List;
import java.util.Map;

/**
 * A level of the hierarchy above the criteria (大分類, 中分類, 要求事項, ラベル, 大項目 …).
 *
 * @param id          local id, unique among the groups of its file
 * @param parent      local id of the parent group, or null at the top
 * @param kind        the source's own name for this level
 * @param number      the number as printed
 * @param title       the title as printed; null only when {@code textMissing}
 * @param fields      other source columns on this level, by their Japanese name, in source order
 * @param levels      METI 要求事項: levels it belongs to; null when unknown or not applicable
 * @param nistCsf     METI: NIST CSF function (GV, ID, PR, DE, RS, RC), or null
 * @param textMissing the source extraction lacks this group's text
 * @param note        transcription note, or null
 */
public record Group(String id, String parent, String kind, String number, String title,
                    Map<String, String> fields, List<Integer> levels, String nistCsf,
                    boolean textMissing, String note) {
}
