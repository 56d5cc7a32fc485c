package jp.akashi.collector.catalog;

import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * How a framework version is scored (docs/CATALOG.md, "scoring").
 *
 * @param kind         the scoring rule
 * @param levels       METI: the levels in ascending order
 * @param publicTotals METI: published cumulative totals per level
 * @param applications 安全・安心マーク: thresholds per application type (new, renewal)
 * @param zeroFails    安全・安心マーク: local criterion ids whose 0 points fail the application
 */
public record Scoring(ScoringKind kind, List<Level> levels, Map<Integer, Totals> publicTotals,
                      Map<String, Application> applications, List<String> zeroFails) {

    /** A METI level: number, label (★3), how it is assessed and how long a result is valid. */
    public record Level(int level, String label, String assessment, Period validity) {
    }

    /** Published number of requirements (要求事項) and criteria (評価基準) for a level. */
    public record Totals(int requirements, int criteria) {
    }

    /** Pass thresholds for one application type. */
    public record Application(int requiredCount, Integer minPoints, int maxPoints) {
    }
}
