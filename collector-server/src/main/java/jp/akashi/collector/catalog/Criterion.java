package jp.akashi.collector.catalog;

import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * One assessable item of a framework version, as transcribed (docs/CATALOG.md, "criteria").
 * Weight fields are set according to the framework's {@link ScoringKind}; the others are null.
 *
 * @param framework   framework id (meti-scs, kubota, jaipa-isp)
 * @param version     framework version id
 * @param id          local id; the global id is {@code framework:id}
 * @param parent      local id of its group, or null
 * @param number      the number as printed
 * @param text        the requirement text in the original Japanese; null only when {@code textMissing}
 * @param fields      other source columns with text, by their Japanese name, in source order
 * @param level       METI: 3 or 4; null when the source does not show it
 * @param levelSource METI: how the level was read (marker, carried, inferred, unknown), or null
 * @param required    Kubota: 必須 true / 任意 false; 安全・安心マーク: true for 必須 items
 * @param points      安全・安心マーク: (maximum) points of a scored item
 * @param scoring     安全・安心マーク: "check" or "graded" for scored items
 * @param options     安全・安心マーク graded items: answer options and their points
 * @param variants    texts that differ by application type (new, renewal)
 * @param nistCsf     METI: NIST CSF function, or null
 * @param evidence    how it is evidenced
 * @param checks      ids of the checks that decide or support it
 * @param checkHints  fact key prefixes that could decide or support it (until checks exist)
 * @param documents   evidence documents the text asks for
 * @param review      how often an answer must be re-confirmed, from the text; null if the text has none
 * @param textMissing the source extraction lacks the text
 * @param note        transcription note (for maintainers; the API shows it as notes.transcription), or null
 * @param history     earlier wordings of this item that the publisher replaced, oldest first
 * @param merges      local ids of items of earlier versions that the publisher merged into this one:
 *                    their answers carry over to it
 * @param blankInSource source columns (by their Japanese name) that the source leaves blank for this item
 * @param weightUnknown 安全・安心マーク: the publisher lists the item but its weight (必須 or points) is not public
 */
public record Criterion(String framework, String version, String id, String parent, String number,
                        String text, Map<String, String> fields, Integer level, String levelSource,
                        Boolean required, Integer points, String scoring, List<Option> options,
                        Map<String, Variant> variants, String nistCsf, EvidenceType evidence,
                        List<String> checks, List<String> checkHints, List<String> documents,
                        Period review, boolean textMissing, String note, List<PastText> history,
                        List<String> merges, List<String> blankInSource, boolean weightUnknown) {

    /** The stable id across the product, e.g. {@code meti-scs:4-4-5-1}. */
    public String globalId() {
        return globalId(framework, id);
    }

    /**
     * What the criterion asks, for headings: its text, or where the text differs per application type
     * (安全・安心マーク 新規/更新) the first type's question; null when the source has none.
     */
    public String headline() {
        if (text != null && !text.isBlank()) {
            return text.strip();
        }
        return variants == null ? null : variants.values().stream().map(Variant::question)
                .filter(q -> q != null && !q.isBlank()).map(String::strip).findFirst().orElse(null);
    }

    public static String globalId(String framework, String localId) {
        return framework + ":" + localId;
    }

    /**
     * A wording the publisher replaced.
     *
     * @param version the catalog version or publisher's revision it belongs to, or null
     * @param date    when it stopped applying (ISO-8601), or null
     * @param text    the wording
     * @param note    where it is documented
     */
    public record PastText(String version, String date, String text, String note) {
    }

    /** Whether the publisher marked this item as 必須 for the application type (its variant may differ). */
    public boolean requiredFor(String application) {
        Variant v = application == null ? null : variants.get(application);
        return Weights.required(v == null ? null : v.required(), v == null ? null : v.points(), v != null, required);
    }

    /** The points of a scored item for the application type (its variant may differ), or null when it is 必須 or unscored. */
    public Integer pointsFor(String application) {
        Variant v = application == null ? null : variants.get(application);
        return Weights.points(v == null ? null : v.required(), v == null ? null : v.points(), v != null, points);
    }

    /** An answer option of a graded item. */
    public record Option(String id, String text, Integer points) {
    }

    /**
     * The texts (and, where they differ, weights) of an item for one application type.
     *
     * @param question question text for this application type
     * @param answer   expected answer or evidence text for this application type
     * @param required 必須 for this application type, if it differs from the item
     * @param points   points for this application type, if they differ from the item
     * @param note     transcription note
     */
    public record Variant(String question, String answer, Boolean required, Integer points, String note) {
    }
}
