package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;

/**
 * 安全・安心マーク scores on the shipped version 2026-02-16, against hand-computed cases. Items
 * with known points: fifteen 5-point check items, nine 3-point items and five graded items of up
 * to 5 = 127 points on a new application; on renewal 1-1-2 is 必須 instead of 5 points = 122.
 */
@SuppressWarnings("unchecked")
class IspScoreTest {
    static FrameworkVersion isp;
    /** The 5-point items left unmet in the 92/91-point cases: 7 × 5 = 35 points. */
    static final Set<String> MINUS_35 = Set.of("2-2-1", "2-3-1", "2-3-2", "3-1-3", "3-1-4", "3-1-5", "3-1-6");

    @BeforeAll
    static void load() {
        isp = Catalog.of(CatalogLoader.fromClasspath().load()).version("jaipa-isp", "2026-02-16").orElseThrow();
    }

    /** Every item met; graded items with the given points (5 unless named). */
    static Map<String, CriterionVerdict> allMet(Map<String, Integer> graded) {
        Map<String, CriterionVerdict> m = new HashMap<>();
        for (Criterion c : isp.criteria()) {
            Integer points = "graded".equals(c.scoring()) ? graded.getOrDefault(c.id(), 5) : c.points();
            m.put(c.globalId(), verdict(c, Verdict.MET, points));
        }
        return m;
    }

    static CriterionVerdict verdict(Criterion c, Verdict v, Integer points) {
        return new CriterionVerdict(c.globalId(), v, List.of(), List.of(), null, null, points);
    }

    static void set(Map<String, CriterionVerdict> m, String id, Verdict v) {
        Criterion c = isp.criteria().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        m.put(c.globalId(), verdict(c, v, v == Verdict.NOT_MET ? Integer.valueOf(0) : null));
    }

    static Map<?, ?> part(Score s, String name) {
        return (Map<?, ?>) s.parts().get(name);
    }

    static int earned(Score s) {
        return (Integer) part(s, "points").get("earned");
    }

    @Test
    void weightsPerApplicationTypeAndThePublishedTotals() {
        int newRequired = 0;
        int newPoints = 0;
        int renewalRequired = 0;
        int renewalPoints = 0;
        int unknown = 0;
        for (Criterion c : isp.criteria()) {
            newRequired += c.requiredFor("new") ? 1 : 0;
            renewalRequired += c.requiredFor("renewal") ? 1 : 0;
            newPoints += c.pointsFor("new") == null ? 0 : c.pointsFor("new");
            renewalPoints += c.pointsFor("renewal") == null ? 0 : c.pointsFor("renewal");
            unknown += c.weightUnknown() ? 1 : 0;
        }
        assertThat(isp.scoring().applications().get("new").requiredCount()).isEqualTo(29);
        assertThat(isp.scoring().applications().get("new").maxPoints()).isEqualTo(119);
        assertThat(isp.scoring().applications().get("renewal").requiredCount()).isEqualTo(30);
        assertThat(isp.scoring().applications().get("renewal").maxPoints()).isEqualTo(114);
        // 必須: the known items plus the two whose weight is not public (2-1-4, 7-4-2) make the published counts
        assertThat(unknown).isEqualTo(2);
        assertThat(newRequired + unknown).isEqualTo(29);
        assertThat(renewalRequired + unknown).isEqualTo(30);
        // the difference between the application types is 1-1-2 (5 points ↔ 必須), as published: +1 必須, −5 points
        assertThat(renewalRequired - newRequired).isEqualTo(30 - 29);
        assertThat(newPoints - renewalPoints).isEqualTo(119 - 114);
        // points: 8 more than published on both; documented in source.notes, not hidden
        assertThat(newPoints).isEqualTo(127);
        assertThat(renewalPoints).isEqualTo(122);
        assertThat(isp.source().notes()).contains("推奨点は公表値より8点多く");
    }

    @Test
    void allMetPassesBothApplicationTypes() {
        Score n = ScoreCalculator.score(isp, "new", allMet(Map.of()));
        assertThat(n.status()).isEqualTo("pass");
        assertThat(earned(n)).isEqualTo(127);
        assertThat(part(n, "required").get("met")).isEqualTo(27);
        Score r = ScoreCalculator.score(isp, "renewal", allMet(Map.of()));
        assertThat(r.status()).isEqualTo("pass");
        assertThat(earned(r)).isEqualTo(122);
        assertThat(part(r, "required").get("met")).isEqualTo(28);
    }

    @Test
    void oneRequiredItemMissingFails() {
        Map<String, CriterionVerdict> m = allMet(Map.of());
        set(m, "2-1-2", Verdict.NOT_MET);
        Score n = ScoreCalculator.score(isp, "new", m);
        assertThat(n.status()).isEqualTo("fail");
        assertThat((List<?>) part(n, "required").get("missing")).hasSize(1);
        assertThat(n.summary().ja()).startsWith("必須 29 のうち 28 達成、推奨 119 点中 127 点: 不合格 — 不足: 必須 2-1-2");
    }

    @Test
    void ninetyTwoPointsPassAndNinetyOneFailOnANewApplication() {
        Map<String, CriterionVerdict> m92 = allMet(Map.of());
        MINUS_35.forEach(id -> set(m92, id, Verdict.NOT_MET));
        Score pass = ScoreCalculator.score(isp, "new", m92);
        assertThat(earned(pass)).isEqualTo(127 - 35).isEqualTo(92);
        assertThat(pass.status()).isEqualTo("pass");

        Map<String, CriterionVerdict> m91 = allMet(Map.of("3-1-7", 4));
        MINUS_35.forEach(id -> set(m91, id, Verdict.NOT_MET));
        Score fail = ScoreCalculator.score(isp, "new", m91);
        assertThat(earned(fail)).isEqualTo(91);
        assertThat(fail.status()).isEqualTo("fail");
        assertThat(fail.summary().ja()).contains("推奨 119 点中 91 点").contains("不合格");

        // the same answers on renewal: 1-1-2 is 必須 there, not 5 points: 122 − 35 = 87 < 88
        Score renewal = ScoreCalculator.score(isp, "renewal", m92);
        assertThat(earned(renewal)).isEqualTo(87);
        assertThat(renewal.status()).isEqualTo("fail");
    }

    @Test
    void item112IsPointsOnANewApplicationAndRequiredOnRenewal() {
        Map<String, CriterionVerdict> m = allMet(Map.of());
        set(m, "1-1-2", Verdict.NOT_MET);
        Score n = ScoreCalculator.score(isp, "new", m);
        assertThat(n.status()).isEqualTo("pass");
        assertThat(earned(n)).isEqualTo(122);
        Score r = ScoreCalculator.score(isp, "renewal", m);
        assertThat(r.status()).isEqualTo("fail");
        assertThat(r.summary().ja()).contains("1-1-2");
    }

    @Test
    void zeroPointsOn712FailsWhateverTheTotal() {
        Score s = ScoreCalculator.score(isp, "new", allMet(Map.of("7-1-2", 0)));
        assertThat(earned(s)).isEqualTo(122);
        assertThat(s.status()).isEqualTo("fail");
        assertThat((List<Object>) s.parts().get("zero_failed")).containsExactly("jaipa-isp:7-1-2");
        assertThat(s.summary().ja()).contains("7-1-2").contains("0点");
        assertThat(ScoreCalculator.score(isp, "renewal", allMet(Map.of("7-1-2", 0))).status()).isEqualTo("fail");
    }

    @Test
    void anUnmetItemWhoseWeightIsNotPublishedLeavesTheResultUndetermined() {
        Map<String, CriterionVerdict> m = allMet(Map.of());
        set(m, "7-4-2", Verdict.UNANSWERED);
        Score s = ScoreCalculator.score(isp, "new", m);
        assertThat(s.status()).isEqualTo("undetermined");
        assertThat((List<?>) s.parts().get("weight_unknown")).hasSize(1);
    }

    @Test
    void noVerdictIsNotZeroPointsButUnknown() {
        Map<String, CriterionVerdict> m = allMet(Map.of());
        m.remove("jaipa-isp:2-2-1");
        Score s = ScoreCalculator.score(isp, "new", m);
        assertThat(earned(s)).isEqualTo(122);
        assertThat(s.status()).as("122 ≥ 92 whatever 2-2-1 gives").isEqualTo("pass");
        MINUS_35.stream().filter(id -> !id.equals("2-2-1")).forEach(id -> set(m, id, Verdict.NOT_MET));
        Score open = ScoreCalculator.score(isp, "new", m);
        assertThat(earned(open)).isEqualTo(92);
        assertThat(open.status()).isEqualTo("pass");
        set(m, "3-3-2", Verdict.NOT_MET);
        assertThat(ScoreCalculator.score(isp, "new", m).status()).as("89 known, 2-2-1 could add 5").isEqualTo("undetermined");
    }
}
