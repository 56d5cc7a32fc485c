package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;

/** Each framework's scoring rule on constructed verdicts over the shipped catalog. */
class ScoreCalculatorTest {
    static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = new Catalog(CatalogLoader.DEFAULT_ROOT);
    }

    static Map<String, CriterionVerdict> all(FrameworkVersion v, Verdict verdict) {
        Map<String, CriterionVerdict> m = new HashMap<>();
        for (Criterion c : v.criteria()) {
            Integer points = c.points() == null ? null : verdict == Verdict.MET ? c.points() : 0;
            m.put(c.globalId(), new CriterionVerdict(c.globalId(), verdict, List.of(), List.of(), null, null, points));
        }
        return m;
    }

    static void set(Map<String, CriterionVerdict> m, String id, Verdict v, Integer points) {
        m.put(id, new CriterionVerdict(id, v, List.of(), List.of(), null, null, points));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> level(Score s, int i) {
        return ((List<Map<String, Object>>) s.parts().get("levels")).get(i);
    }

    @Test
    @SuppressWarnings("unchecked")
    void officialMetiLevels() {
        FrameworkVersion v = catalog.latest("meti-scs").orElseThrow();
        assertThat(v.version()).isEqualTo("2026-03-27");
        Map<String, CriterionVerdict> m = all(v, Verdict.MET);
        Score allMet = ScoreCalculator.score(v, "default", m);
        assertThat(level(allMet, 0).get("status")).isEqualTo("reached");
        assertThat(level(allMet, 0).get("total")).isEqualTo(81);
        assertThat(level(allMet, 1).get("status")).isEqualTo("reached");
        assertThat(level(allMet, 1).get("total")).isEqualTo(153);
        assertThat(allMet.notes()).as("no unknown level, nothing missing from the catalog").isEmpty();
        // ★3: every ★3 criterion; one unanswered blocks ★3 and ★4 and is listed for both, ★3 first
        set(m, "meti-scs:4-1-1-1", Verdict.UNANSWERED, null);
        set(m, "meti-scs:1-1-1-1", Verdict.NOT_MET, null);
        Score s = ScoreCalculator.score(v, "default", m);
        assertThat(level(s, 0).get("status")).isEqualTo("not_reached");
        assertThat((List<Map<String, Object>>) level(s, 0).get("missing")).extracting(x -> x.get("criterion"))
                .containsExactly("meti-scs:4-1-1-1");
        assertThat(level(s, 1).get("status")).isEqualTo("not_reached");
        assertThat((List<Map<String, Object>>) level(s, 1).get("missing")).extracting(x -> x.get("criterion"))
                .containsExactly("meti-scs:1-1-1-1", "meti-scs:4-1-1-1");
        assertThat(s.status()).isEqualTo("not_reached");
    }

    @Test
    void metiLevelsAreReachedOnlyWhenEveryCriterionOfTheLevelIsMet() {
        FrameworkVersion v = catalog.version("meti-scs", "2025").orElseThrow();
        Map<String, CriterionVerdict> m = all(v, Verdict.MET);
        Score allMet = ScoreCalculator.score(v, "default", m);
        assertThat(level(allMet, 0).get("status")).isEqualTo("reached");
        assertThat(level(allMet, 1).get("status")).isEqualTo("reached");
        assertThat(allMet.notes()).anySatisfy(n -> assertThat(n.ja()).contains("公表値 157 件のうち 141 件"));

        // a ★4-only criterion missing: ★3 reached, ★4 not
        set(m, "meti-scs:1-1-1-1", Verdict.NOT_MET, null);
        Score s = ScoreCalculator.score(v, "default", m);
        assertThat(level(s, 0).get("status")).isEqualTo("reached");
        assertThat(level(s, 1).get("status")).isEqualTo("not_reached");
        assertThat((List<?>) level(s, 1).get("missing")).hasSize(1);

        // a ★3 criterion unknown: both not reached, listed with its verdict
        set(m, "meti-scs:4-4-5-1", Verdict.UNKNOWN, null);
        Score s2 = ScoreCalculator.score(v, "default", m);
        assertThat(level(s2, 0).get("status")).isEqualTo("not_reached");
        assertThat((List<Map<String, Object>>) level(s2, 0).get("missing"))
                .anySatisfy(x -> assertThat(x).containsEntry("criterion", "meti-scs:4-4-5-1").containsEntry("verdict", "unknown"));

        // a criterion whose level the source does not show: ★3 becomes undetermined, not reached
        Map<String, CriterionVerdict> m3 = all(v, Verdict.MET);
        String unknownLevel = v.criteria().stream().filter(c -> c.level() == null).findFirst().orElseThrow().globalId();
        set(m3, unknownLevel, Verdict.UNANSWERED, null);
        Score s3 = ScoreCalculator.score(v, "default", m3);
        assertThat(level(s3, 0).get("status")).isEqualTo("undetermined");
        assertThat(level(s3, 1).get("status")).isEqualTo("not_reached");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubotaCountsRequiredAndOptional() {
        FrameworkVersion v = catalog.latest("kubota").orElseThrow();
        Map<String, CriterionVerdict> m = all(v, Verdict.MET);
        set(m, "kubota:136", Verdict.NOT_MET, null);
        set(m, "kubota:129", Verdict.UNANSWERED, null);
        Score s = ScoreCalculator.score(v, "default", m);
        Map<String, Object> req = (Map<String, Object>) s.parts().get("required");
        Map<String, Object> opt = (Map<String, Object>) s.parts().get("optional");
        assertThat(req.get("total")).isEqualTo(129);
        assertThat(req.get("met")).isEqualTo(128);
        assertThat(opt.get("total")).isEqualTo(24);
        assertThat(opt.get("met")).isEqualTo(23);
        assertThat(s.status()).isEqualTo("not_met");
        assertThat(s.summary().ja()).isEqualTo("必須 128/129、任意 23/24");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ispPassNeedsAllRequiredEnoughPointsAndNoZeroOnTheSeventhChapter() {
        FrameworkVersion v = catalog.latest("jaipa-isp").orElseThrow();
        Map<String, CriterionVerdict> m = all(v, Verdict.MET);
        // graded items (0–5): give them their maximum where points are known
        for (Criterion c : v.criteria()) {
            if ("graded".equals(c.scoring())) {
                set(m, c.globalId(), Verdict.MET, c.points());
            }
        }
        Score pass = ScoreCalculator.score(v, "new", m);
        assertThat(pass.status()).isEqualTo("pass");
        Map<String, Object> pts = (Map<String, Object>) pass.parts().get("points");
        assertThat(pts.get("threshold")).isEqualTo(92);

        set(m, "jaipa-isp:7-1-2", Verdict.MET, 0);
        Score zero = ScoreCalculator.score(v, "new", m);
        assertThat(zero.status()).isEqualTo("fail");
        assertThat((List<String>) zero.parts().get("zero_failed")).containsExactly("jaipa-isp:7-1-2");
        assertThat(zero.summary().ja()).endsWith("不足: 0点の項目（7-1-2）があるため不合格");
        assertThat(zero.notes()).as("said once, in the summary").noneMatch(n -> n.ja().contains("0点"));

        Map<String, CriterionVerdict> low = all(v, Verdict.NOT_MET);
        for (Criterion c : v.criteria()) {
            if (Boolean.TRUE.equals(c.required())) {
                set(low, c.globalId(), Verdict.MET, null);
            }
        }
        Score fewPoints = ScoreCalculator.score(v, "renewal", low);
        assertThat(fewPoints.status()).as("all 必須 met but 0 points").isEqualTo("fail");

        FrameworkVersion sheet = catalog.version("jaipa-isp", "checksheet").orElseThrow();
        Score undetermined = ScoreCalculator.score(sheet, "new", all(sheet, Verdict.MET));
        assertThat(undetermined.status()).as("the check sheet states no threshold").isEqualTo("undetermined");
        assertThat(undetermined.summary().ja()).contains("（合格点の記載なし）").doesNotContain("?");
    }
}
