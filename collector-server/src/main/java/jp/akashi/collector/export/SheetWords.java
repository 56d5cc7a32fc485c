package jp.akashi.collector.export;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jp.akashi.collector.answer.Answer;

/**
 * The words an imported sheet is read by: the header names of its id, answer, comment and evidence
 * columns, and the answer words (はい/いいえ/一部/該当なし, 実施済/未実施, ○×△, Yes/No/Partial/N/A)
 * with the status each stands for. Both are compared after {@link #normal}: full-width and
 * half-width alike, case, spaces and line breaks ignored, a bracketed note in a header
 * (回答（はい/いいえ）) left out.
 */
final class SheetWords {
    /** The column kinds an import reads. */
    enum Kind { ID, ANSWER, COMMENT, EVIDENCE }

    /** The headers of each kind; the product's own export writes No., 回答, コメント and 証跡（資料名・保管場所）. */
    private static final Map<Kind, Set<String>> HEADERS = Map.of(
            Kind.ID, Set.of("no", "no.", "番号", "項番", "評価基準番号", "評価基準no", "評価基準id", "評価基準", "id", "criterionid",
                    "criterion_id", "管理番号", "項目番号", "itemno"),
            Kind.ANSWER, Set.of("回答", "実施状況", "自己評価", "自己評価結果", "評価結果", "対応状況", "answer", "status"),
            Kind.COMMENT, Set.of("コメント", "備考", "補足", "補足説明", "回答者コメント", "comment", "comments", "remarks", "note"),
            Kind.EVIDENCE, Set.of("証跡", "エビデンス", "証跡資料", "根拠資料", "証跡の参照", "evidence", "evidencereference"));

    /** The answer a word stands for; {@link #PARTIAL} is stored as not met with the word kept in the comment. */
    static final String PARTIAL = "partial";

    private static final Map<String, String> ANSWERS = Map.ofEntries(
            Map.entry("はい", Answer.MET), Map.entry("yes", Answer.MET), Map.entry("y", Answer.MET),
            Map.entry("実施済", Answer.MET), Map.entry("実施済み", Answer.MET), Map.entry("済", Answer.MET),
            Map.entry("対応済", Answer.MET), Map.entry("対応済み", Answer.MET), Map.entry("実施している", Answer.MET),
            Map.entry("○", Answer.MET), Map.entry("〇", Answer.MET), Map.entry("◯", Answer.MET), Map.entry("適合", Answer.MET),
            Map.entry("満たしている", Answer.MET), Map.entry("met", Answer.MET),
            Map.entry("いいえ", Answer.NOT_MET), Map.entry("no", Answer.NOT_MET), Map.entry("n", Answer.NOT_MET),
            Map.entry("未実施", Answer.NOT_MET), Map.entry("未対応", Answer.NOT_MET), Map.entry("実施していない", Answer.NOT_MET),
            Map.entry("×", Answer.NOT_MET), Map.entry("✕", Answer.NOT_MET), Map.entry("x", Answer.NOT_MET),
            Map.entry("不適合", Answer.NOT_MET), Map.entry("満たしていない", Answer.NOT_MET), Map.entry("notmet", Answer.NOT_MET),
            Map.entry("一部", PARTIAL), Map.entry("一部実施", PARTIAL), Map.entry("一部対応", PARTIAL), Map.entry("△", PARTIAL),
            Map.entry("partial", PARTIAL), Map.entry("partially", PARTIAL),
            Map.entry("該当なし", Answer.NOT_APPLICABLE), Map.entry("対象外", Answer.NOT_APPLICABLE), Map.entry("非該当", Answer.NOT_APPLICABLE),
            Map.entry("該当しない", Answer.NOT_APPLICABLE), Map.entry("n/a", Answer.NOT_APPLICABLE), Map.entry("na", Answer.NOT_APPLICABLE),
            Map.entry("notapplicable", Answer.NOT_APPLICABLE), Map.entry("-", Answer.NOT_APPLICABLE));

    /** What the product's export writes where there is no answer to give (未回答, 判定不能, 期限切れ; in English Unanswered, Unknown, Expired): read as no answer. */
    private static final Set<String> NO_ANSWER = Set.of("", "未回答", "判定不能", "期限切れ", "期限切れ要再確認", "unanswered", "unknown", "expired");

    private static final Pattern BRACKETED = Pattern.compile("[(\\[][^)\\]]*[)\\]]");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u3000]+");

    private SheetWords() {
    }

    /** NFKC (全角 → 半角), lower case, without spaces, line breaks and bracketed notes. */
    static String normal(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        n = SPACE.matcher(n).replaceAll("");
        return BRACKETED.matcher(n).replaceAll("");
    }

    /** The kind of column a header names, or null. */
    static Kind header(String text) {
        String n = normal(text);
        if (n.isEmpty()) {
            return null;
        }
        for (Map.Entry<Kind, Set<String>> e : HEADERS.entrySet()) {
            if (e.getValue().contains(n)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Whether the cell holds no answer (blank, or the export's 未回答 / 判定不能 / 期限切れ). */
    static boolean noAnswer(String word) {
        return NO_ANSWER.contains(normal(word));
    }

    /** The status a word stands for ({@link Answer#MET}, …, {@link #PARTIAL}), or null when it is not an answer word. */
    static String answer(String word) {
        return ANSWERS.get(normal(word));
    }

    /** The id as the catalog numbers it: 全角 digits made half-width, spaces gone, 12.0 → 12. */
    static String id(String text) {
        String n = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
        n = SPACE.matcher(n).replaceAll("");
        if (n.matches("[0-9]+\\.0+")) {
            n = n.substring(0, n.indexOf('.'));
        }
        return n;
    }
}
