package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two versions of a framework, criterion by criterion id: added, removed
 * (or merged into another item), wording changed (with a character diff), only re-formatted
 * (width, spacing, line breaks: the wording is the same), and weight changed (METI level,
 * 必須/points per application type). Answers follow the criterion id (docs/CATALOG.md): kept
 * where the wording is the same, kept and flagged for confirmation where it changed.
 *
 * @param from        the version compared from
 * @param to          the version compared to
 * @param added       criteria only in {@code to}
 * @param removed     criteria only in {@code from}; {@code mergedInto} names the item of {@code to} that took them over
 * @param changed     criteria in both whose wording differs
 * @param reformatted ids of criteria in both whose text differs only in width, spacing or line breaks
 * @param weightChanged criteria in both whose level or weight differs
 * @param unchanged   number of criteria in both with the same wording and weight
 */
public record VersionDiff(String framework, String from, String to, List<Entry> added, List<Entry> removed,
                          List<Entry> changed, List<String> reformatted, List<WeightChange> weightChanged, int unchanged) {

    /** What happens to the answers given to a criterion when moving from one version to the other. */
    public enum AnswerEffect {
        /** same wording: the answer counts as it is */
        CARRIED,
        /** wording changed: the answer counts and is marked "text changed since this answer: please confirm" */
        CARRIED_FLAGGED,
        /** merged into another item: the answer counts for that item, flagged */
        CARRIED_TO_MERGED,
        /** new criterion: nothing to carry */
        NONE,
        /** not in the newer version: the answer stays in the history and in snapshots of the older version */
        KEPT_IN_HISTORY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A criterion in the diff; texts are null where a version has none. */
    public record Entry(String id, String number, String before, String after, List<CharDiff.Run> diff, String mergedInto,
                        AnswerEffect answers) {
    }

    /** A weight change: METI level, or 必須/points per application type. */
    public record WeightChange(String id, String number, String before, String after) {
    }

    public static VersionDiff of(FrameworkVersion from, FrameworkVersion to) {
        if (!from.framework().equals(to.framework())) {
            throw new IllegalArgumentException("versions of different frameworks");
        }
        Map<String, Criterion> a = byId(from);
        Map<String, Criterion> b = byId(to);
        Map<String, String> mergedInto = new LinkedHashMap<>();
        to.criteria().forEach(c -> c.merges().forEach(m -> mergedInto.put(m, c.id())));
        List<Entry> added = new ArrayList<>();
        List<Entry> removed = new ArrayList<>();
        List<Entry> changed = new ArrayList<>();
        List<String> reformatted = new ArrayList<>();
        List<WeightChange> weights = new ArrayList<>();
        int unchanged = 0;
        for (Criterion c : from.criteria()) {
            Criterion now = b.get(c.id());
            if (now == null) {
                String into = mergedInto.get(c.id());
                removed.add(new Entry(c.id(), c.number(), c.text(), null, List.of(), into,
                        into == null ? AnswerEffect.KEPT_IN_HISTORY : AnswerEffect.CARRIED_TO_MERGED));
                continue;
            }
            boolean same = c.text() != null && Wording.same(c.text(), now.text());
            if (!same) {
                changed.add(new Entry(c.id(), now.number(), c.text(), now.text(), CharDiff.of(c.text(), now.text()), null,
                        AnswerEffect.CARRIED_FLAGGED));
            } else if (!Objects.equals(c.text(), now.text())) {
                reformatted.add(c.id());
            }
            String wa = weight(from, c);
            String wb = weight(to, now);
            if (!wa.equals(wb)) {
                weights.add(new WeightChange(c.id(), now.number(), wa, wb));
            }
            if (same && wa.equals(wb)) {
                unchanged++;
            }
        }
        for (Criterion c : to.criteria()) {
            if (!a.containsKey(c.id())) {
                added.add(new Entry(c.id(), c.number(), null, c.text(), List.of(), null, AnswerEffect.NONE));
            }
        }
        return new VersionDiff(from.framework(), from.version(), to.version(), List.copyOf(added), List.copyOf(removed),
                List.copyOf(changed), List.copyOf(reformatted), List.copyOf(weights), unchanged);
    }

    /** The weight as the framework states it: ★N, 必須/任意, or per application type 必須 / N点 / 配点未公表. */
    static String weight(FrameworkVersion v, Criterion c) {
        return switch (v.scoring().kind()) {
            case METI_LEVELS -> c.level() == null ? "★?" : "★" + c.level();
            case REQUIRED_OPTIONAL -> Boolean.TRUE.equals(c.required()) ? "必須" : "任意";
            case POINTS -> {
                List<String> parts = new ArrayList<>();
                for (String app : v.scoring().applications().keySet()) {
                    String w = c.weightUnknown() ? "配点未公表" : c.requiredFor(app) ? "必須"
                            : c.pointsFor(app) == null ? "—" : c.pointsFor(app) + "点";
                    parts.add(app + " " + w);
                }
                yield String.join(", ", parts);
            }
        };
    }

    private static Map<String, Criterion> byId(FrameworkVersion v) {
        Map<String, Criterion> m = new LinkedHashMap<>();
        v.criteria().forEach(c -> m.put(c.id(), c));
        return m;
    }
}
