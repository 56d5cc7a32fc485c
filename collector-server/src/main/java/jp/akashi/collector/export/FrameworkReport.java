package jp.akashi.collector.export;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.Text;

/**
 * One framework version's compliance at one instant, with everything the Excel, PDF and HTML
 * reports show: the source's texts and hierarchy, each criterion's verdict with reasons, the
 * answer and evidence files it rests on, exceptions, and the scores. A snapshot stores these as
 * JSON ({@code data/frameworks/<framework>/<version>.json}), so reports of a past instant are
 * rendered from the frozen data, not from the current database.
 *
 * @param asOf       ISO-8601 instant the state is from
 * @param snapshotId the snapshot it belongs to, or null for the current state
 */
public record FrameworkReport(String framework, String version, String name, String publisher, String scoringKind,
                              String sourceTitle, String asOf, String snapshotId, List<Score> scores, List<Row> rows,
                              Map<String, Integer> verdictCounts) {

    /** A group above a criterion (大分類, ラベル, 要求事項 …) as printed in the source. */
    public record PathItem(String kind, String number, String title, Map<String, String> fields) {
        /** "1 方針" or just the title. */
        public String label() {
            if (number == null || number.isBlank()) {
                return title == null ? "" : title;
            }
            return title == null ? number : number + " " + title;
        }
    }

    /**
     * One criterion with its verdict.
     *
     * @param level     METI ★ level (null when unknown or not METI)
     * @param required  必須 (Kubota, 安全・安心マーク), or null
     * @param maxPoints 安全・安心マーク points of the item, or null
     * @param verdict   wire name (met, not_met, unknown, unanswered, expired, not_applicable)
     * @param points    points earned (安全・安心マーク), or null
     * @param since     ISO-8601 instant the verdict has held since, or null
     */
    public record Row(String id, String number, List<PathItem> path, String text, boolean textMissing,
                      Map<String, String> fields, Integer level, Boolean required, Integer maxPoints, String scoring,
                      String nistCsf, String evidence, List<String> checks, List<String> documents,
                      Map<String, Variant> variants, String verdict, List<Text> reasons, Integer points,
                      AnswerRef answer, ExceptionRef exception, List<CheckRef> checkCoverage, String since) {

        /** Whether the item is 必須 on an application type (安全・安心マーク 1-1-2: points when new, 必須 on renewal). */
        public boolean requiredFor(String application) {
            Variant v = variants == null ? null : variants.get(application);
            return jp.akashi.collector.catalog.Weights.required(v == null ? null : v.required(), v == null ? null : v.points(), v != null,
                    required);
        }

        /** The item's points on an application type, or null when it has none there. */
        public Integer pointsFor(String application) {
            Variant v = variants == null ? null : variants.get(application);
            return jp.akashi.collector.catalog.Weights.points(v == null ? null : v.required(), v == null ? null : v.points(), v != null,
                    maxPoints);
        }
    }

    /**
     * Texts and weights of an item that differ by application type (新規申請/更新申請).
     *
     * @param required 必須 on this application type, or null when as the item (snapshots before this field: null)
     * @param points   points on this application type, or null when as the item
     */
    public record Variant(String question, String answer, Boolean required, Integer points) {
    }

    /**
     * The answer a verdict used.
     *
     * @param via the criterion the answer was given to, when it came from an equivalent one
     */
    public record AnswerRef(String id, String criterionId, String status, String comment, String answeredBy, String answeredAt,
                            String validUntil, boolean expired, String via, Integer points, String optionId,
                            List<FileRef> files) {
    }

    /**
     * An evidence file.
     *
     * @param zipPath where the file is inside the snapshot ZIP (named with the criterion number first), or null
     * @param problem why the file could not be included, or null
     */
    public record FileRef(String filename, String sha256, String contentType, long size, String zipPath, String problem) {
    }

    public record ExceptionRef(String id, String approver, String justification, String expiresAt) {
    }

    /** A mapped check's coverage over the assets it applies to, with a few failing/unknown asset names. */
    public record CheckRef(String checkId, String title, int pass, int fail, int unknown, int notApplicable, int excepted,
                           List<String> failing, List<String> unknownAssets) {
    }
}
