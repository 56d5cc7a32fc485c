package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.exception.ComplianceException;

/**
 * Combines a criterion's checks, its answer and its exception into a verdict (pure).
 *
 * <ul>
 *   <li>checks: any FAIL → not met (failing assets listed); else any UNKNOWN → unknown (coverage
 *       shown); no asset in scope → unknown; else met. Exceptions turn an asset's FAIL/UNKNOWN
 *       into "excepted", shown as such.</li>
 *   <li>auto criteria are decided by their checks (an answer can only mark them not applicable);
 *       manual ones by the answer; hybrid ones need both: any not met → not met, then answer
 *       not applicable / expired / missing, then unknown checks, else met.</li>
 *   <li>an auto criterion with no check mapped yet is answered like a manual one.</li>
 *   <li>an active exception on the criterion makes a not-met verdict met, with the exception shown.</li>
 * </ul>
 */
public final class CriterionEvaluator {
    private CriterionEvaluator() {
    }

    /**
     * @param checks    coverage of each mapped check (empty when none is mapped)
     * @param answer    the answer to use (own or equivalent), or null
     * @param via       the criterion the answer was given to, if not this one
     * @param exception an active exception on this criterion, or null
     */
    public static CriterionVerdict evaluate(Criterion c, List<CriterionVerdict.CheckCoverage> checks, Answer answer, String via,
                                            ComplianceException exception, long now) {
        return evaluate(c, checks, answer, via, null, exception, now, DisplayZone.standard());
    }

    /**
     * @param textChanged the wording the answer was given against, when it differs from the current one:
     *                    the answer still counts, and the verdict says it should be confirmed
     */
    public static CriterionVerdict evaluate(Criterion c, List<CriterionVerdict.CheckCoverage> checks, Answer answer, String via,
                                            CriterionVerdict.TextChange textChanged, ComplianceException exception, long now) {
        return evaluate(c, checks, answer, via, textChanged, exception, now, DisplayZone.standard());
    }

    /**
     * The verdict {@code v} of {@code c} would have if {@code checkId} passed on every asset it fails
     * on now (same answer, no exception): what fixing that one check would unblock. Facts that are
     * missing stay missing, so an UNKNOWN part keeps the verdict from turning met.
     */
    public static CriterionVerdict withCheckFixed(Criterion c, CriterionVerdict v, String checkId, long now, DisplayZone zone) {
        List<CriterionVerdict.CheckCoverage> fixed = new ArrayList<>();
        for (CriterionVerdict.CheckCoverage k : v.checks()) {
            fixed.add(!k.checkId().equals(checkId) ? k : new CriterionVerdict.CheckCoverage(k.checkId(), k.title(), k.pass() + k.fail(), 0,
                    k.unknown(), k.notApplicable(), k.excepted(), List.of(), k.unknownAssets()));
        }
        CriterionVerdict.AnswerUse a = v.answer();
        Answer answer = a == null ? null : new Answer(a.answerId(), c.globalId(), a.status(), a.points(), a.optionId(), null,
                a.answeredBy(), a.answeredAt(), a.validUntil(), null, List.of(), null);
        return evaluate(c, fixed, answer, a == null ? null : a.via(), a == null ? null : a.textChanged(), null, now, zone);
    }

    /** @param zone the zone dates in reasons are written in (akashi.display-zone) */
    public static CriterionVerdict evaluate(Criterion c, List<CriterionVerdict.CheckCoverage> checks, Answer answer, String via,
                                            CriterionVerdict.TextChange textChanged, ComplianceException exception, long now,
                                            DisplayZone zone) {
        List<Text> reasons = new ArrayList<>();
        boolean hasChecks = !checks.isEmpty();
        EvidenceType evidence = c.evidence();
        boolean usesAnswer = evidence != EvidenceType.AUTO || !hasChecks;
        boolean usesChecks = hasChecks;

        Verdict checkPart = null;
        if (usesChecks) {
            checkPart = checkVerdict(checks, reasons);
        }
        Verdict answerPart = null;
        CriterionVerdict.AnswerUse use = null;
        if (answer != null) {
            boolean expired = answer.expiredAt(now);
            use = new CriterionVerdict.AnswerUse(answer.id(), answer.status(), answer.points(), answer.optionId(),
                    answer.answeredBy(), answer.answeredAt(), answer.validUntil(), expired, via, textChanged);
        }
        if (usesAnswer) {
            answerPart = answerVerdict(use, reasons, zone);
        } else if (use != null && Answer.NOT_APPLICABLE.equals(use.status()) && !use.expired()) {
            reasons.add(Text.of("回答により対象外", "marked not applicable by an answer"));
            answerPart = Verdict.NOT_APPLICABLE;
        }

        if (use != null && textChanged != null && (usesAnswer || answerPart != null)) {
            reasons.add(Text.of("回答後に本文が変わりました（" + textChanged.version() + " 版への回答）: 新旧の本文を比べて回答を確認してください",
                    "the text changed since this answer (given on version " + textChanged.version() + "): please confirm"));
        }
        Verdict v = combine(checkPart, answerPart);
        CriterionVerdict.ExceptionUse ex = null;
        if (exception != null && exception.activeAt(now) && v != Verdict.MET && v != Verdict.NOT_APPLICABLE) {
            ex = new CriterionVerdict.ExceptionUse(exception.id(), exception.approver(), exception.justification(), exception.expiresAt());
            String until = zone.day(exception.expiresAt());
            reasons.add(0, Text.of("例外として承認済み（承認者: " + exception.approver() + "、期限 " + until + "）: " + exception.justification(),
                    "accepted exception (approved by " + exception.approver() + ", until " + until + "): " + exception.justification()));
            v = Verdict.MET;
        }
        return new CriterionVerdict(c.globalId(), v, List.copyOf(reasons), List.copyOf(checks), use, ex, points(c, v, use));
    }

    static Verdict combine(Verdict checks, Verdict answer) {
        if (checks == null && answer == null) {
            return Verdict.UNANSWERED;
        }
        if (checks == Verdict.NOT_MET || answer == Verdict.NOT_MET) {
            return Verdict.NOT_MET;
        }
        if (answer == Verdict.NOT_APPLICABLE) {
            return Verdict.NOT_APPLICABLE;
        }
        if (answer == Verdict.EXPIRED || answer == Verdict.UNANSWERED) {
            return answer;
        }
        if (checks == Verdict.UNKNOWN) {
            return Verdict.UNKNOWN;
        }
        return Verdict.MET;
    }

    private static Verdict checkVerdict(List<CriterionVerdict.CheckCoverage> checks, List<Text> reasons) {
        boolean anyFail = false;
        boolean anyUnknown = false;
        for (CriterionVerdict.CheckCoverage cc : checks) {
            String title = cc.title().ja();
            if (cc.fail() > 0) {
                anyFail = true;
                reasons.add(Text.of(title + ": " + cc.fail() + " 台で不適合（対象 " + cc.inScope() + " 台）",
                        cc.title().en() + ": fails on " + cc.fail() + " of " + cc.inScope() + " assets"));
            } else if (cc.inScope() == 0) {
                anyUnknown = true;
                reasons.add(Text.of(title + ": 対象となる資産がありません（資産の登録・役割の設定を確認してください）",
                        cc.title().en() + ": no asset in scope (check the inventory and asset roles)"));
            } else if (cc.unknown() > 0) {
                anyUnknown = true;
                reasons.add(Text.of(title + ": " + cc.unknown() + " 台で判定不能（判定済み " + (cc.pass() + cc.excepted()) + "/" + cc.inScope() + " 台）",
                        cc.title().en() + ": unknown on " + cc.unknown() + " assets (" + (cc.pass() + cc.excepted()) + "/" + cc.inScope() + " decided)"));
            } else {
                reasons.add(Text.of(title + ": 全 " + cc.inScope() + " 台で適合" + (cc.excepted() > 0 ? "（うち例外 " + cc.excepted() + " 台）" : ""),
                        cc.title().en() + ": passes on all " + cc.inScope() + " assets" + (cc.excepted() > 0 ? " (" + cc.excepted() + " by exception)" : "")));
            }
        }
        return anyFail ? Verdict.NOT_MET : anyUnknown ? Verdict.UNKNOWN : Verdict.MET;
    }

    private static Verdict answerVerdict(CriterionVerdict.AnswerUse a, List<Text> reasons, DisplayZone zone) {
        if (a == null) {
            reasons.add(Text.of("回答がありません", "not answered yet"));
            return Verdict.UNANSWERED;
        }
        String via = a.via() == null ? "" : "（" + a.via() + " への回答を適用）";
        String viaEn = a.via() == null ? "" : " (answer given to " + a.via() + ")";
        if (a.expired()) {
            reasons.add(Text.of("回答の有効期限切れ（" + zone.day(a.validUntil()) + "）" + via,
                    "the answer expired on " + zone.day(a.validUntil()) + viaEn));
            return Verdict.EXPIRED;
        }
        return switch (a.status()) {
            case Answer.MET -> {
                reasons.add(Text.of("回答: 満たしている" + via, "answered: met" + viaEn));
                yield Verdict.MET;
            }
            case Answer.NOT_MET -> {
                reasons.add(Text.of("回答: 満たしていない" + via, "answered: not met" + viaEn));
                yield Verdict.NOT_MET;
            }
            default -> {
                reasons.add(Text.of("回答: 対象外" + via, "answered: not applicable" + viaEn));
                yield Verdict.NOT_APPLICABLE;
            }
        };
    }

    /** Points earned on scored items: the graded answer's points, else the item's points when met; 0 when not met; null when unknown. */
    static Integer points(Criterion c, Verdict v, CriterionVerdict.AnswerUse answer) {
        if (c.points() == null) {
            return null;
        }
        if (v == Verdict.NOT_MET) {
            return 0;
        }
        if (v != Verdict.MET) {
            // unanswered, expired or undecided: the points are not known, which is not the same as 0
            return null;
        }
        if ("graded".equals(c.scoring())) {
            return answer == null ? null : answer.points();
        }
        return c.points();
    }
}
