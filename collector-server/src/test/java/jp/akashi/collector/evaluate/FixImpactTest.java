package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.config.DisplayZone;

/**
 * "Fix first" ranks by what a fix unblocks, not by how many assets fail: on the shipped catalog, a
 * check failing on 2 assets that is all that keeps a ★3 / 必須 criterion from being met goes before
 * one failing on 50 assets that unblocks nothing; among checks that unblock nothing, the more
 * severe goes first.
 */
class FixImpactTest {
    static final long NOW = 1_790_000_000_000L;
    static Catalog catalog;
    static CheckLibrary library;

    @BeforeAll
    static void load() {
        catalog = new Catalog(CatalogLoader.DEFAULT_ROOT);
        library = CheckLibrary.load("checks", Map.of());
    }

    static CriterionVerdict.CheckCoverage cov(String check, int pass, int fail) {
        return new CriterionVerdict.CheckCoverage(check, Text.of(check, check), pass, fail, 0, 0, 0, List.of(), List.of());
    }

    /**
     * Verdicts where every criterion mapping {@code blocker} fails on it alone: its other checks
     * pass and, where a person confirms the rest (hybrid), they answered 達成.
     */
    static Map<String, CriterionVerdict> verdicts(String blocker, int failing) {
        Map<String, CriterionVerdict> out = new HashMap<>();
        catalog.frameworks().forEach(f -> f.latest().criteria().forEach(c -> {
            if (c.evidence() != EvidenceType.MANUAL && c.checks().contains(blocker)) {
                List<CriterionVerdict.CheckCoverage> cs = new ArrayList<>();
                c.checks().forEach(k -> cs.add(k.equals(blocker) ? cov(k, 3, failing) : cov(k, 5, 0)));
                Answer met = c.evidence() == EvidenceType.HYBRID ? new Answer("ans-" + c.globalId(), c.globalId(), Answer.MET, null, null,
                        "規程あり", "sec", NOW - 1000, NOW + 86_400_000L, null, List.of(), c.version()) : null;
                out.put(c.globalId(), CriterionEvaluator.evaluate(c, cs, met, null, null, NOW));
            }
        }));
        return out;
    }

    @Test
    void whatAFixUnblocksOutranksHowManyAssetsFail() {
        Map<String, CriterionVerdict> v = verdicts("av.installed", 2);
        assertThat(v.values()).isNotEmpty().allSatisfy(x -> assertThat(x.verdict()).isEqualTo(Verdict.NOT_MET));
        long star3 = catalog.frameworks().stream().flatMap(f -> f.latest().criteria().stream())
                .filter(c -> v.containsKey(c.globalId()) && c.level() != null && c.level() == 3).count();
        Map<String, Integer> failing = new java.util.LinkedHashMap<>();
        failing.put("ssh.banner", 50);
        failing.put("av.installed", 2);
        List<FixImpact.Impact> ranked = FixImpact.rank(failing, v, catalog, library, NOW, DisplayZone.standard());
        assertThat(ranked).extracting(FixImpact.Impact::checkId).containsExactly("av.installed", "ssh.banner");
        FixImpact.Impact first = ranked.get(0);
        assertThat(first.criteria()).containsExactlyInAnyOrderElementsOf(v.keySet());
        assertThat(first.star3()).isEqualTo((int) star3).isPositive();
        assertThat(first.required()).isPositive();
        assertThat(ranked.get(1).unblocksAnything()).isFalse();
    }

    @Test
    void aMissingFactStillBlocks() {
        Criterion c = catalog.frameworks().stream().flatMap(f -> f.latest().criteria().stream())
                .filter(x -> x.checks().size() > 1 && x.checks().contains("av.installed"))
                .findFirst().orElseThrow();
        List<CriterionVerdict.CheckCoverage> cs = new ArrayList<>();
        for (String k : c.checks()) {
            cs.add(k.equals("av.installed") ? cov(k, 0, 1)
                    : new CriterionVerdict.CheckCoverage(k, Text.of(k, k), 0, 0, 1, 0, 0, List.of(), List.of()));
        }
        Answer met = new Answer("ans-1", c.globalId(), Answer.MET, null, null, "規程あり", "sec", NOW - 1000, NOW + 86_400_000L, null,
                List.of(), c.version());
        Map<String, CriterionVerdict> v = Map.of(c.globalId(), CriterionEvaluator.evaluate(c, cs, met, null, null, NOW));
        List<FixImpact.Impact> ranked = FixImpact.rank(Map.of("av.installed", 1), v, catalog, library, NOW, DisplayZone.standard());
        assertThat(ranked.get(0).criteria()).as("an unknown check keeps the criterion from turning met").isEmpty();
    }

    @Test
    void amongFixesThatUnblockNothingTheMoreSevereGoesFirst() {
        Map<String, Integer> failing = new java.util.LinkedHashMap<>();
        failing.put("ssh.banner", 40);
        failing.put("account.no_empty_password", 1);
        failing.put("time.sync_active", 10);
        List<FixImpact.Impact> ranked = FixImpact.rank(failing, Map.of(), catalog, library, NOW, DisplayZone.standard());
        assertThat(ranked).extracting(FixImpact.Impact::checkId)
                .containsExactly("account.no_empty_password", "time.sync_active", "ssh.banner");
    }
}
