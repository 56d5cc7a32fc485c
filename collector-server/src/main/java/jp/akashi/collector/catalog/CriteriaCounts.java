package jp.akashi.collector.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a framework version holds, for listings and for comparing with the published totals.
 *
 * @param criteria    number of criteria
 * @param textMissing criteria whose text the source lacks
 * @param groups      groups per kind, in document order of first appearance
 * @param evidence    criteria per evidence type (auto, hybrid, manual)
 * @param levels      METI: criteria per level ("3", "4", "unknown"); empty otherwise
 * @param required    criteria marked 必須; null when the framework has no 必須
 * @param optional    Kubota: criteria marked 任意; null otherwise
 * @param pointItems  安全・安心マーク: scored items; null otherwise
 * @param maxPoints   安全・安心マーク: sum of their points; null otherwise
 */
public record CriteriaCounts(int criteria, int textMissing, Map<String, Integer> groups,
                             Map<String, Integer> evidence, Map<String, Integer> levels, Integer required,
                             Integer optional, Integer pointItems, Integer maxPoints) {

    public static CriteriaCounts of(FrameworkVersion v) {
        List<Criterion> all = v.criteria();
        Map<String, Integer> groups = new LinkedHashMap<>();
        v.groups().forEach(g -> groups.merge(g.kind(), 1, Integer::sum));
        Map<String, Integer> evidence = new LinkedHashMap<>();
        for (EvidenceType t : EvidenceType.values()) {
            evidence.put(t.id(), (int) all.stream().filter(c -> c.evidence() == t).count());
        }
        Map<String, Integer> levels = new LinkedHashMap<>();
        ScoringKind kind = v.scoring().kind();
        if (kind == ScoringKind.METI_LEVELS) {
            v.scoring().levels().forEach(l -> levels.put(String.valueOf(l.level()),
                    (int) all.stream().filter(c -> c.level() != null && c.level() == l.level()).count()));
            levels.put("unknown", (int) all.stream().filter(c -> c.level() == null).count());
        }
        Integer required = kind == ScoringKind.METI_LEVELS ? null
                : (int) all.stream().filter(c -> Boolean.TRUE.equals(c.required())).count();
        Integer optional = kind == ScoringKind.REQUIRED_OPTIONAL
                ? (int) all.stream().filter(c -> Boolean.FALSE.equals(c.required())).count() : null;
        Integer pointItems = kind == ScoringKind.POINTS ? (int) all.stream().filter(c -> c.points() != null).count() : null;
        Integer maxPoints = kind == ScoringKind.POINTS
                ? all.stream().filter(c -> c.points() != null).mapToInt(Criterion::points).sum() : null;
        return new CriteriaCounts(all.size(), (int) all.stream().filter(Criterion::textMissing).count(),
                Values.orderedMap(groups), Values.orderedMap(evidence), Values.orderedMap(levels),
                required, optional, pointItems, maxPoints);
    }
}
