package jp.akashi.collector.evaluate;

import java.util.List;

/**
 * A criterion's verdict with everything it was decided on: each mapped check's coverage over
 * the assets it applies to (with the failing and unknown assets), the answer used (and, if it
 * came from an equivalent criterion of another framework, which one), and any exception.
 *
 * @param points points earned where the framework scores points (安全・安心マーク), or null
 */
public record CriterionVerdict(String criterionId, Verdict verdict, List<Text> reasons, List<CheckCoverage> checks,
                               AnswerUse answer, ExceptionUse exception, Integer points) {

    /** One check's results over the assets it applies to. */
    public record CheckCoverage(String checkId, Text title, int pass, int fail, int unknown, int notApplicable, int excepted,
                                List<AssetRef> failing, List<AssetRef> unknownAssets) {
        public int inScope() {
            return pass + fail + unknown + excepted;
        }
    }

    public record AssetRef(String assetId, String name, String reasonJa, String reasonEn) {
    }

    /**
     * The answer a verdict used; {@code via} is the criterion it was given to when that is another one
     * (an equivalent criterion, or one the publisher merged into this one).
     *
     * @param textChanged set when the wording the answer was given against differs from the current one:
     *                    the answer still counts, but should be confirmed
     */
    public record AnswerUse(String answerId, String status, Integer points, String optionId, String answeredBy, long answeredAt,
                            Long validUntil, boolean expired, String via, TextChange textChanged) {
    }

    /**
     * The wording an answer was given against, when it is not the current one.
     *
     * @param version   catalog version the answer was given against
     * @param criterion the criterion the answer was given to (differs when merged)
     * @param before    its text then (null when that version had no text)
     * @param now       the current text (null when the current version has none)
     */
    public record TextChange(String version, String criterion, String before, String now) {
    }

    public record ExceptionUse(String exceptionId, String approver, String justification, long expiresAt) {
    }
}
