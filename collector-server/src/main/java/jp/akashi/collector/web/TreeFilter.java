package jp.akashi.collector.web;

import java.util.List;

import jp.akashi.collector.catalog.CriteriaFilter;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.Verdict;

/**
 * What the framework page lists: the catalog's own filter (level, evidence type, 必須/任意, text)
 * and the verdict. {@code open} means everything that keeps a score from being reached (not met,
 * unanswered, expired, unknown): the "what is missing" list the dashboard links to.
 *
 * @param verdict null for every verdict
 */
record TreeFilter(CriteriaFilter criteria, String verdict) {
    static final String OPEN = "open";
    /** The verdict choices in the order the filter shows them. */
    static final List<String> VERDICTS = List.of(OPEN, "not_met", "unanswered", "expired", "unknown", "met", "not_applicable");

    /**
     * @throws IllegalArgumentException with a message for the person when a value is not valid
     */
    static TreeFilter parse(FrameworkVersion v, String level, String evidence, String required, String q, String verdict) {
        if (verdict != null && !VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException("verdict: " + verdict);
        }
        return new TreeFilter(CriteriaFilter.parse(v, level, evidence, required, q), verdict);
    }

    boolean isEmpty() {
        return criteria.isEmpty() && verdict == null;
    }

    boolean matches(Verdict v) {
        if (verdict == null) {
            return true;
        }
        if (OPEN.equals(verdict)) {
            return v != Verdict.MET && v != Verdict.NOT_APPLICABLE;
        }
        return v.wire().equals(verdict);
    }
}
