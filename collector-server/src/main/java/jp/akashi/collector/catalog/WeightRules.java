package jp.akashi.collector.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that a criterion carries exactly the weight fields its framework's scoring needs. */
final class WeightRules {
    /** How a METI level was read: on its own row, carried from a previous row, inferred, or unknown. */
    static final Set<String> LEVEL_SOURCES = Set.of("marker", "carried", "inferred", "unknown");
    private static final Set<String> ITEM_SCORING = Set.of("check", "graded");

    private WeightRules() {
    }

    static void check(Scoring scoring, RawCatalog.Criterion c, Problems.Sink problem) {
        switch (scoring.kind()) {
            case METI_LEVELS -> levels(scoring, c, problem);
            case REQUIRED_OPTIONAL -> requiredOptional(c, problem);
            case POINTS -> points(scoring, c, problem);
        }
    }

    private static void levels(Scoring scoring, RawCatalog.Criterion c, Problems.Sink problem) {
        absent(c.required() != null, "required", problem);
        absent(c.points() != null, "points", problem);
        absent(c.weightUnknown() != null, "weight_unknown", problem);
        noItemScoring(c, problem);
        String source = c.levelSource();
        if (source != null && !LEVEL_SOURCES.contains(source)) {
            problem.add("level_source \"" + source + "\" is not one of marker, carried, inferred, unknown");
        }
        if (c.level() == null) {
            if (!"unknown".equals(source)) {
                problem.add("level is missing (write level: null with level_source: unknown when the source does not show it)");
            }
        } else {
            if (scoring.levels().stream().noneMatch(l -> l.level() == c.level())) {
                problem.add("level " + c.level() + " is not one of " + declared(scoring));
            }
            if ("unknown".equals(source)) {
                problem.add("level_source is unknown but level is " + c.level());
            }
        }
        if ("inferred".equals(source) && Values.blank(c.note())) {
            problem.add("an inferred level needs a note that gives the reason");
        }
    }

    private static void requiredOptional(RawCatalog.Criterion c, Problems.Sink problem) {
        if (c.required() == null) {
            problem.add("required (必須 true / 任意 false) is missing");
        }
        absent(c.level() != null, "level", problem);
        absent(c.levelSource() != null, "level_source", problem);
        absent(c.points() != null, "points", problem);
        noItemScoring(c, problem);
    }

    private static void points(Scoring scoring, RawCatalog.Criterion c, Problems.Sink problem) {
        absent(c.level() != null, "level", problem);
        absent(c.levelSource() != null, "level_source", problem);
        boolean required = Values.isTrue(c.required());
        if (Values.isTrue(c.weightUnknown())) {
            // listed by the publisher, weight not public: neither 必須 nor points may be guessed
            if (c.required() != null || c.points() != null || (c.variants() != null && !c.variants().isEmpty())) {
                problem.add("weight_unknown excludes required, points and variants");
            }
            if (Values.blank(c.note())) {
                problem.add("weight_unknown needs a note that says where the item is listed");
            }
        } else if (required && c.points() != null) {
            problem.add("required and points are mutually exclusive (an item is 必須 or scored)");
        } else if (!required && c.points() == null && !variantWeight(c)) {
            problem.add("needs required: true (必須) or points");
        }
        if (c.points() != null && c.points() <= 0) {
            problem.add("points must be positive, not " + c.points());
        }
        if (c.scoring() != null) {
            if (!ITEM_SCORING.contains(c.scoring())) {
                problem.add("scoring \"" + c.scoring() + "\" is not one of check, graded");
            } else if (c.points() == null && (c.variants() == null
                    || c.variants().values().stream().noneMatch(v -> v != null && v.points() != null))) {
                problem.add("scoring applies only to items with points");
            }
        }
        options(c, problem);
        variants(scoring, c.variants(), problem);
    }

    private static boolean variantWeight(RawCatalog.Criterion c) {
        return c.variants() != null && c.variants().values().stream()
                .anyMatch(v -> v != null && (v.points() != null || Values.isTrue(v.required())));
    }

    private static void options(RawCatalog.Criterion c, Problems.Sink problem) {
        if (c.options() == null || c.options().isEmpty()) {
            return;
        }
        if (!"graded".equals(c.scoring())) {
            problem.add("options apply only to items with scoring: graded");
        }
        Set<String> ids = new HashSet<>();
        for (RawCatalog.Option o : c.options()) {
            // points may be null where the source does not publish the allocation
            if (o == null || Values.blank(o.id()) || Values.blank(o.text())) {
                problem.add("every option needs id and text");
            } else if (!ids.add(o.id())) {
                problem.add("option " + o.id() + " is listed twice");
            } else if (o.points() != null && (o.points() < 0 || (c.points() != null && o.points() > c.points()))) {
                problem.add("option " + o.id() + ": points " + o.points() + " outside 0.." + c.points());
            }
        }
    }

    private static void variants(Scoring scoring, Map<String, RawCatalog.Variant> variants, Problems.Sink problem) {
        if (variants == null) {
            return;
        }
        variants.forEach((type, v) -> {
            if (!scoring.applications().containsKey(type)) {
                problem.add("variant \"" + type + "\" is not an application type in scoring.applications "
                        + scoring.applications().keySet());
            } else if (v == null || (Values.blank(v.question()) && Values.blank(v.answer())
                    && v.required() == null && v.points() == null)) {
                problem.add("variant \"" + type + "\" is empty");
            } else if (v.points() != null && v.points() <= 0) {
                problem.add("variant \"" + type + "\": points must be positive");
            } else if (Values.isTrue(v.required()) && v.points() != null) {
                problem.add("variant \"" + type + "\": required and points are mutually exclusive");
            }
        });
    }

    private static void noItemScoring(RawCatalog.Criterion c, Problems.Sink problem) {
        absent(c.scoring() != null, "scoring", problem);
        absent(c.options() != null && !c.options().isEmpty(), "options", problem);
        absent(c.variants() != null && !c.variants().isEmpty(), "variants", problem);
    }

    private static void absent(boolean present, String field, Problems.Sink problem) {
        if (present) {
            problem.add(field + " does not apply to this framework's scoring");
        }
    }

    private static List<Integer> declared(Scoring scoring) {
        return scoring.levels().stream().map(Scoring.Level::level).toList();
    }
}
