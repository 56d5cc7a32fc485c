package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.evaluate.CheckResultStore;
import jp.akashi.collector.evaluate.CheckStatus;
import jp.akashi.collector.exception.ComplianceException;

/**
 * An asset's check results as its page shows them: grouped by family (the first part of the
 * check id: {@code av}, {@code auth}, {@code patch} …), failing first, each with its reason,
 * since when, the criteria it serves, whether an active exception accepts it and, for a failing or
 * undecided result, what to do about it on this asset's platform.
 */
final class AssetChecks {
    private AssetChecks() {
    }

    /** @param facts the facts the check reads (linked to their rows, where the raw evidence is) */
    public record Line(String checkId, String title, String status, String reason, long since, List<Criterion> criteria,
                       boolean excepted, RemediationView remediation, List<String> facts, String severity) {
        /** A failure or an undecided result that no exception covers yet: the row offers 「例外を登録」. */
        public boolean open() {
            return !excepted && ("FAIL".equals(status) || "UNKNOWN".equals(status));
        }
    }

    public record Family(String name, List<Line> lines, long fail, long unknown) {
    }

    public record Change(String checkId, String title, long at, String from, String to, String reason) {
    }

    static List<Family> families(Map<String, CheckResultStore.Row> results, CheckIndex checks, List<ComplianceException> active,
                                 String assetId, List<String> platforms, String lang) {
        Map<String, List<Line>> grouped = new TreeMap<>();
        for (CheckResultStore.Row r : results.values()) {
            boolean excepted = excepted(r, active);
            boolean open = r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN;
            Line line = new Line(r.checkId(), checks.title(r.checkId(), lang), r.status().name(),
                    "en".equals(lang) ? r.reasonEn() : r.reasonJa(), r.since(), checks.criteria(r.checkId()), excepted,
                    open ? RemediationView.of(checks.check(r.checkId()).orElse(null), platforms, lang) : null,
                    checks.check(r.checkId()).map(c -> c.facts()).orElse(List.of()),
                    checks.check(r.checkId()).map(c -> c.severity()).orElse(null));
            grouped.computeIfAbsent(AssetView.family(r.checkId()), k -> new ArrayList<>()).add(line);
        }
        List<Family> out = new ArrayList<>();
        grouped.forEach((name, lines) -> {
            lines.sort(Comparator.comparingInt((Line l) -> CheckPages.ORDER.indexOf(CheckStatus.valueOf(l.status())))
                    .thenComparing(Line::checkId));
            out.add(new Family(name, lines, lines.stream().filter(l -> "FAIL".equals(l.status())).count(),
                    lines.stream().filter(l -> "UNKNOWN".equals(l.status())).count()));
        });
        // failing families first, then undecided ones, then the rest: what needs work is on top
        out.sort(Comparator.comparingInt((Family f) -> f.fail() > 0 ? 0 : f.unknown() > 0 ? 1 : 2).thenComparing(Family::name));
        return out;
    }

    /** Whether an active exception accepts this failing or undecided result. */
    static boolean excepted(CheckResultStore.Row r, List<ComplianceException> active) {
        return (r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN) && active.stream()
                .anyMatch(e -> ComplianceException.CHECK.equals(e.targetType()) && e.targetId().equals(r.checkId())
                        && e.covers(r.assetId()));
    }

    static List<Change> changes(List<CheckResultStore.Transition> transitions, CheckIndex checks, String lang) {
        return transitions.stream().map(t -> new Change(t.checkId(), checks.title(t.checkId(), lang), t.at(), t.from(), t.to(),
                t.reason(lang))).toList();
    }
}
