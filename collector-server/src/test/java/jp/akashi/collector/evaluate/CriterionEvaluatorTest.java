package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.exception.ComplianceException;

class CriterionEvaluatorTest {
    static final long NOW = EvalFixtures.NOW.toEpochMilli();

    static Criterion criterion(EvidenceType evidence, List<String> checks) {
        return new Criterion("meti-scs", "2025", "4-4-5-1", "2004-4-5", "4-4-5-1", "text", Map.of(), 3, "marker", null, null,
                null, List.of(), null, "PR", evidence, checks, List.of(), List.of(), null, false, null, List.of(), List.of(), List.of(), false);
    }

    static CriterionVerdict.CheckCoverage cov(int pass, int fail, int unknown) {
        return new CriterionVerdict.CheckCoverage("av.installed", Text.of("マルウェア対策", "anti-malware"), pass, fail, unknown, 0, 0,
                List.of(), List.of());
    }

    static Answer answer(String status, long at, Long until) {
        return new Answer("ans1", "meti-scs:4-4-5-1", status, null, null, null, "sec", at, until, null, List.of(), "2025");
    }

    @Test
    void autoCriteriaFollowTheirChecks() {
        Criterion c = criterion(EvidenceType.AUTO, List.of("av.installed"));
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(10, 0, 0)), null, null, null, NOW).verdict()).isEqualTo(Verdict.MET);
        CriterionVerdict fail = CriterionEvaluator.evaluate(c, List.of(cov(9, 1, 0)), null, null, null, NOW);
        assertThat(fail.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(fail.reasons().get(0).ja()).isEqualTo("マルウェア対策: 1 台で不適合（対象 10 台）");
        CriterionVerdict unknown = CriterionEvaluator.evaluate(c, List.of(cov(9, 0, 1)), null, null, null, NOW);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.reasons().get(0).ja()).contains("1 台で判定不能（判定済み 9/10 台）");
        CriterionVerdict none = CriterionEvaluator.evaluate(c, List.of(cov(0, 0, 0)), null, null, null, NOW);
        assertThat(none.verdict()).as("no asset in scope is not a pass").isEqualTo(Verdict.UNKNOWN);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(10, 0, 0)), answer(Answer.NOT_APPLICABLE, NOW, null), null, null, NOW)
                .verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void manualCriteriaFollowTheirAnswerAndExpire() {
        Criterion c = criterion(EvidenceType.MANUAL, List.of());
        assertThat(CriterionEvaluator.evaluate(c, List.of(), null, null, null, NOW).verdict()).isEqualTo(Verdict.UNANSWERED);
        assertThat(CriterionEvaluator.evaluate(c, List.of(), answer(Answer.MET, NOW - 1000, NOW + 1000), null, null, NOW).verdict())
                .isEqualTo(Verdict.MET);
        CriterionVerdict expired = CriterionEvaluator.evaluate(c, List.of(), answer(Answer.MET, NOW - 2000, NOW - 1000), null, null, NOW);
        assertThat(expired.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(expired.answer().expired()).isTrue();
        CriterionVerdict via = CriterionEvaluator.evaluate(c, List.of(), answer(Answer.NOT_MET, NOW, null), "kubota:136", null, NOW);
        assertThat(via.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(via.answer().via()).isEqualTo("kubota:136");
        assertThat(via.reasons().get(0).ja()).contains("kubota:136 への回答を適用");
    }

    @Test
    void hybridCriteriaNeedBoth() {
        Criterion c = criterion(EvidenceType.HYBRID, List.of("av.installed"));
        Answer met = answer(Answer.MET, NOW, NOW + 1000);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(5, 0, 0)), met, null, null, NOW).verdict()).isEqualTo(Verdict.MET);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(5, 0, 0)), null, null, null, NOW).verdict()).isEqualTo(Verdict.UNANSWERED);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(4, 1, 0)), met, null, null, NOW).verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(4, 0, 1)), met, null, null, NOW).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(CriterionEvaluator.evaluate(c, List.of(cov(4, 1, 0)), null, null, null, NOW).verdict())
                .as("a failing check is not met even before anyone answers").isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void anActiveExceptionIsShownAndExpiresByItself() {
        Criterion c = criterion(EvidenceType.AUTO, List.of("av.installed"));
        ComplianceException ex = new ComplianceException("ex1", ComplianceException.CRITERION, "meti-scs:4-4-5-1", List.of(),
                "旧システム移行中", "CISO 山田", "sec", NOW - 1000, NOW + 86_400_000, null, null,
                ComplianceException.APPROVED, "ciso", NOW - 500, null);
        CriterionVerdict v = CriterionEvaluator.evaluate(c, List.of(cov(9, 1, 0)), null, null, ex, NOW);
        assertThat(v.verdict()).isEqualTo(Verdict.MET);
        assertThat(v.exception().approver()).isEqualTo("CISO 山田");
        assertThat(v.reasons().get(0).ja()).startsWith("例外として承認済み（承認者: CISO 山田");
        CriterionVerdict later = CriterionEvaluator.evaluate(c, List.of(cov(9, 1, 0)), null, null, ex, NOW + 2 * 86_400_000L);
        assertThat(later.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(later.exception()).isNull();
    }
}
