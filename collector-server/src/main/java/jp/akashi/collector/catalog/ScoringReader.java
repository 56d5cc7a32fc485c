package jp.akashi.collector.catalog;

import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Validates the {@code scoring} block of a framework file and converts it to {@link Scoring}. */
final class ScoringReader {
    private ScoringReader() {
    }

    static Optional<Scoring> read(RawCatalog.Scoring raw, Problems.Sink problem) {
        if (raw == null) {
            problem.add("scoring is missing");
            return Optional.empty();
        }
        Optional<ScoringKind> kind = ScoringKind.parse(raw.kind());
        if (kind.isEmpty()) {
            problem.add("scoring.kind \"" + raw.kind() + "\" is not one of meti-levels, required-optional, points");
            return Optional.empty();
        }
        boolean levels = kind.get() == ScoringKind.METI_LEVELS;
        boolean points = kind.get() == ScoringKind.POINTS;
        onlyFor(levels, raw.levels() != null, "scoring.levels", "meti-levels", problem);
        onlyFor(levels, raw.publicTotals() != null, "scoring.public_totals", "meti-levels", problem);
        onlyFor(points, raw.applications() != null, "scoring.applications", "points", problem);
        onlyFor(points, raw.zeroFails() != null, "scoring.zero_fails", "points", problem);
        List<Scoring.Level> lv = levels ? levels(raw.levels(), problem) : List.of();
        Map<Integer, Scoring.Totals> totals = levels ? totals(raw.publicTotals(), lv, problem) : Map.of();
        Map<String, Scoring.Application> apps = points ? applications(raw.applications(), problem) : Map.of();
        return Optional.of(new Scoring(kind.get(), lv, totals, apps, Values.list(raw.zeroFails())));
    }

    private static void onlyFor(boolean allowed, boolean present, String field, String kind, Problems.Sink problem) {
        if (present && !allowed) {
            problem.add(field + " applies only to scoring.kind " + kind);
        }
    }

    private static List<Scoring.Level> levels(List<RawCatalog.Level> raw, Problems.Sink problem) {
        if (raw == null || raw.isEmpty()) {
            problem.add("scoring.levels must list the levels");
            return List.of();
        }
        List<Scoring.Level> out = new ArrayList<>();
        int previous = Integer.MIN_VALUE;
        for (RawCatalog.Level l : raw) {
            if (l == null || l.level() == null || l.level() <= 0) {
                problem.add("scoring.levels: every level needs a positive number");
                continue;
            }
            if (l.level() <= previous) {
                problem.add("scoring.levels: level " + l.level() + " must be listed once, in ascending order");
            }
            previous = l.level();
            if (Values.blank(l.label())) {
                problem.add("scoring.levels: level " + l.level() + " has no label");
            }
            Period validity = null;
            if (l.validity() != null) {
                validity = Values.period(l.validity()).orElse(null);
                if (validity == null) {
                    problem.add("scoring.levels: level " + l.level() + ": validity \"" + l.validity()
                            + "\" is not an ISO-8601 period such as P1Y");
                }
            }
            out.add(new Scoring.Level(l.level(), l.label(), l.assessment(), validity));
        }
        return List.copyOf(out);
    }

    private static Map<Integer, Scoring.Totals> totals(Map<String, RawCatalog.Totals> raw, List<Scoring.Level> levels,
                                                       Problems.Sink problem) {
        if (raw == null) {
            return Map.of();
        }
        Set<Integer> known = new HashSet<>();
        levels.forEach(l -> known.add(l.level()));
        Map<Integer, Scoring.Totals> out = new LinkedHashMap<>();
        raw.forEach((key, t) -> {
            Integer level = parseInt(key);
            if (level == null || !known.contains(level)) {
                problem.add("scoring.public_totals: \"" + key + "\" is not a declared level");
            } else if (t == null || t.requirements() == null || t.criteria() == null
                    || t.requirements() <= 0 || t.criteria() < t.requirements()) {
                problem.add("scoring.public_totals: level " + key
                        + " needs positive requirements and criteria (criteria ≥ requirements)");
            } else {
                out.put(level, new Scoring.Totals(t.requirements(), t.criteria()));
            }
        });
        return Values.orderedMap(out);
    }

    private static Map<String, Scoring.Application> applications(Map<String, RawCatalog.Application> raw,
                                                                 Problems.Sink problem) {
        if (raw == null || raw.isEmpty()) {
            problem.add("scoring.applications must list the application types");
            return Map.of();
        }
        Map<String, Scoring.Application> out = new LinkedHashMap<>();
        raw.forEach((type, a) -> {
            // min_points may be null: the source states no threshold, so pass/fail stays unknown
            if (a == null || a.requiredCount() == null || a.maxPoints() == null || a.requiredCount() < 0
                    || (a.minPoints() != null && (a.minPoints() < 0 || a.minPoints() > a.maxPoints()))) {
                problem.add("scoring.applications." + type
                        + " needs required_count ≥ 0, max_points, and 0 ≤ min_points ≤ max_points (or min_points: null)");
            } else {
                out.put(type, new Scoring.Application(a.requiredCount(), a.minPoints(), a.maxPoints()));
            }
        });
        return Values.orderedMap(out);
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
