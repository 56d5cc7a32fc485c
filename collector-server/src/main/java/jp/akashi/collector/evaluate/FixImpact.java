package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.config.DisplayZone;

/**
 * "Fix first": what fixing one failing check would unblock — the 必須 criteria (Kubota, 安全・安心
 * マーク) and the ★3 criteria (METI SCS) of each framework's latest version that would turn met,
 * then the 安全・安心マーク points gained — worked out by re-deciding each not-met criterion that
 * maps the check as if the check passed everywhere ({@link CriterionEvaluator#withCheckFixed}).
 * Ties go to the more severe check, then to the one failing on more assets.
 */
public final class FixImpact {
    private FixImpact() {
    }

    /** @param criteria the global ids that would turn met */
    public record Impact(String checkId, int failingAssets, String severity, int required, int star3, int points,
                         List<String> criteria) {
        public boolean unblocksAnything() {
            return !criteria.isEmpty();
        }
    }

    public static final Comparator<Impact> ORDER = Comparator.comparingInt((Impact i) -> -(i.required() + i.star3()))
            .thenComparingInt(i -> -i.points())
            .thenComparingInt(i -> CheckDefinition.SEVERITIES.indexOf(i.severity()))
            .thenComparingInt(i -> -i.failingAssets())
            .thenComparing(Impact::checkId);

    /**
     * Every failing check with its impact, best first.
     *
     * @param failing failing asset count per check id (only checks failing somewhere)
     */
    public static List<Impact> rank(Map<String, Integer> failing, Map<String, CriterionVerdict> verdicts, Catalog catalog,
                                    CheckLibrary library, long now, DisplayZone zone) {
        Map<String, List<Criterion>> byCheck = new HashMap<>();
        for (Framework f : catalog.frameworks()) {
            for (Criterion c : f.latest().criteria()) {
                CriterionVerdict v = verdicts.get(c.globalId());
                if (v == null || v.verdict() == Verdict.MET || v.verdict() == Verdict.NOT_APPLICABLE) {
                    continue;
                }
                for (CriterionVerdict.CheckCoverage k : v.checks()) {
                    if (k.fail() > 0) {
                        byCheck.computeIfAbsent(k.checkId(), x -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        List<Impact> out = new ArrayList<>();
        failing.forEach((checkId, n) -> {
            int required = 0;
            int star3 = 0;
            int points = 0;
            Set<String> met = new LinkedHashSet<>();
            for (Criterion c : byCheck.getOrDefault(checkId, List.of())) {
                CriterionVerdict v = verdicts.get(c.globalId());
                CriterionVerdict after = CriterionEvaluator.withCheckFixed(c, v, checkId, now, zone);
                int gained = (after.points() == null ? 0 : after.points()) - (v.points() == null ? 0 : v.points());
                if (after.verdict() == Verdict.MET) {
                    met.add(c.globalId());
                    if (required(c)) {
                        required++;
                    }
                    if (c.level() != null && c.level() == 3) {
                        star3++;
                    }
                }
                points += Math.max(0, gained);
            }
            String severity = library.check(checkId).map(CheckDefinition::severity).orElse(CheckDefinition.DEFAULT_SEVERITY);
            out.add(new Impact(checkId, n, severity, required, star3, points, List.copyOf(met)));
        });
        out.sort(ORDER);
        return out;
    }

    /** 必須 for any application type (the 安全・安心マーク marks some items required for one type only). */
    static boolean required(Criterion c) {
        if (c.requiredFor(null)) {
            return true;
        }
        return c.variants() != null && c.variants().values().stream().anyMatch(v -> Boolean.TRUE.equals(v.required()));
    }
}
