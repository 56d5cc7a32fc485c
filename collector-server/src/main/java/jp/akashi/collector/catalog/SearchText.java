package jp.akashi.collector.catalog;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Text normalisation for search: NFKC folds full-width ASCII (ＰＣ), half-width katakana (ﾊﾟｽﾜｰﾄﾞ)
 * and full-width spaces into their usual forms, then case is folded.
 */
public final class SearchText {
    private SearchText() {
    }

    public static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The whitespace-separated terms of a query, normalised; all must occur for a match. */
    public static List<String> terms(String query) {
        String n = normalize(query).strip();
        return n.isEmpty() ? List.of() : Arrays.asList(n.split("\\s+"));
    }
}
