package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one framework-version file (catalog/&lt;framework&gt;/&lt;version&gt;.yaml) and builds
 * its model. Every problem names the file and the group or criterion it concerns.
 */
final class FrameworkFileReader {
    private final String file;
    private final Problems problems;
    private final Problems.Sink top;

    private FrameworkFileReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.top = problems.about(file, null);
    }

    /**
     * @param file         resource path, used in messages
     * @param directory    the framework directory the file sits in; must equal its {@code framework}
     * @param raw          the parsed file
     * @return the version, or empty when the file has problems (recorded in {@code problems})
     */
    static Optional<FrameworkVersion> read(String file, String directory, RawCatalog.Version raw, Problems problems) {
        return new FrameworkFileReader(file, problems).read(directory, raw);
    }

    private Optional<FrameworkVersion> read(String directory, RawCatalog.Version raw) {
        int before = problems.count();
        header(directory, raw);
        Optional<Scoring> scoring = ScoringReader.read(raw.scoring(), top);
        if (scoring.isEmpty()) {
            return Optional.empty();
        }
        Map<String, RawCatalog.Group> groups = groups(Values.list(raw.groups()), scoring.get());
        List<RawCatalog.Criterion> criteria = criteria(Values.list(raw.criteria()), groups, scoring.get());
        holds(raw.source() == null ? null : raw.source().holds(), groups.values(), criteria);
        zeroFails(scoring.get(), criteria);
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(build(raw, scoring.get(), groups.values(), criteria));
    }

    private void header(String directory, RawCatalog.Version raw) {
        if (!Objects.equals(raw.schema(), 1)) {
            top.add("schema must be 1, not " + raw.schema());
        }
        if (raw.framework() == null || !Values.FRAMEWORK_ID.matcher(raw.framework()).matches()) {
            top.add("framework \"" + raw.framework() + "\" is missing or not a lower-case id");
        } else if (!raw.framework().equals(directory)) {
            top.add("framework \"" + raw.framework() + "\" does not match its directory \"" + directory + "\"");
        }
        if (raw.version() == null || !Values.LOCAL_ID.matcher(raw.version()).matches()) {
            top.add("version \"" + raw.version() + "\" is missing or contains spaces or colons");
        } else if (raw.version().equals(raw.supersedes())) {
            top.add("version " + raw.version() + " cannot supersede itself");
        }
        if (raw.name() == null || Values.blank(raw.name().ja())) {
            top.add("name.ja is missing");
        }
        if (raw.source() == null || Values.blank(raw.source().seed())) {
            top.add("source.seed is missing");
        } else if (raw.source().date() != null && !Values.isDate(raw.source().date())) {
            top.add("source.date \"" + raw.source().date() + "\" is not an ISO-8601 date such as 2026-03-27");
        }
        if (raw.criteria() == null || raw.criteria().isEmpty()) {
            top.add("criteria is empty");
        }
    }

    private Map<String, RawCatalog.Group> groups(List<RawCatalog.Group> raw, Scoring scoring) {
        Map<String, RawCatalog.Group> byId = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            RawCatalog.Group g = raw.get(i);
            if (g == null || g.id() == null || !Values.LOCAL_ID.matcher(g.id()).matches()) {
                top.add("group #" + (i + 1) + ": id \"" + (g == null ? null : g.id()) + "\" is missing or invalid");
            } else if (byId.putIfAbsent(g.id(), g) != null) {
                top.add("group " + g.id() + ": id is used twice");
            }
        }
        for (RawCatalog.Group g : byId.values()) {
            Problems.Sink p = problems.about(file, "group " + g.id());
            if (g.parent() != null && !byId.containsKey(g.parent())) {
                p.add("parent " + g.parent() + " does not exist");
            }
            if (Values.blank(g.kind())) {
                p.add("kind is missing");
            }
            text(g.title(), "title", Values.isTrue(g.textMissing()), g.note(), p);
            fields(g.fields(), p);
            nist(g.nistCsf(), p);
            if (g.levels() != null) {
                if (scoring.kind() != ScoringKind.METI_LEVELS) {
                    p.add("levels apply only to scoring.kind meti-levels");
                } else {
                    g.levels().stream()
                            .filter(l -> l == null || scoring.levels().stream().noneMatch(s -> s.level() == l))
                            .forEach(l -> p.add("level " + l + " is not a declared level"));
                }
            }
        }
        cycles(byId);
        return byId;
    }

    private void cycles(Map<String, RawCatalog.Group> byId) {
        for (RawCatalog.Group g : byId.values()) {
            Set<String> seen = new HashSet<>();
            String at = g.id();
            while (at != null && byId.containsKey(at)) {
                if (!seen.add(at)) {
                    problems.add(file, "group " + g.id() + ": its parents form a cycle");
                    break;
                }
                at = byId.get(at).parent();
            }
        }
    }

    private List<RawCatalog.Criterion> criteria(List<RawCatalog.Criterion> raw, Map<String, RawCatalog.Group> groups,
                                                Scoring scoring) {
        Map<String, RawCatalog.Criterion> byId = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            RawCatalog.Criterion c = raw.get(i);
            if (c == null || c.id() == null || !Values.LOCAL_ID.matcher(c.id()).matches()) {
                top.add("criterion #" + (i + 1) + ": id \"" + (c == null ? null : c.id()) + "\" is missing or invalid");
            } else if (byId.putIfAbsent(c.id(), c) != null) {
                top.add("criterion " + c.id() + ": id is used twice");
            }
        }
        for (RawCatalog.Criterion c : byId.values()) {
            Problems.Sink p = problems.about(file, "criterion " + c.id());
            RawCatalog.Group parent = c.parent() == null ? null : groups.get(c.parent());
            if (c.parent() != null && parent == null) {
                p.add("parent " + c.parent() + " does not exist");
            }
            if (Values.blank(c.number())) {
                p.add("number is missing");
            }
            if (!Values.list(c.blankInSource()).isEmpty() && Values.blank(c.text())) {
                // the source leaves this item's own cell blank: kept blank, not filled from elsewhere
                if (Values.isTrue(c.textMissing())) {
                    p.add("blank_in_source and text_missing exclude each other (the cell is blank, not missing)");
                }
            } else {
                text(c.text(), "text", Values.isTrue(c.textMissing()), c.note(), p);
            }
            fields(c.fields(), p);
            nist(c.nistCsf(), p);
            if (EvidenceType.parse(c.evidence()).isEmpty()) {
                p.add("evidence \"" + c.evidence() + "\" is not one of auto, hybrid, manual");
            }
            ids(c.checks(), "checks", p);
            ids(c.checkHints(), "check_hints", p);
            texts(c.documents(), "documents", p);
            if (c.review() != null && Values.period(c.review()).isEmpty()) {
                p.add("review \"" + c.review() + "\" is not an ISO-8601 period such as P1Y, P6M or P1M");
            }
            WeightRules.check(scoring, c, p);
            lineage(c, p);
            if (parent != null && parent.levels() != null && c.level() != null && !parent.levels().contains(c.level())) {
                p.add("level " + c.level() + " is not among the levels " + parent.levels() + " of its parent " + c.parent());
            }
        }
        return List.copyOf(byId.values());
    }

    /** Earlier wordings need a text; merged ids must be valid ids other than its own; blank columns must not have a value. */
    private static void lineage(RawCatalog.Criterion c, Problems.Sink p) {
        for (RawCatalog.PastText h : Values.list(c.history())) {
            if (h == null || Values.blank(h.text())) {
                p.add("history: every entry needs a text");
            } else if (h.date() != null && !Values.isDate(h.date())) {
                p.add("history: date \"" + h.date() + "\" is not an ISO-8601 date");
            }
        }
        ids(c.merges(), "merges", p);
        if (c.merges() != null && c.merges().contains(c.id())) {
            p.add("merges names the item itself");
        }
        for (String column : Values.list(c.blankInSource())) {
            if (Values.blank(column)) {
                p.add("blank_in_source contains an empty entry");
            } else if (c.fields() != null && !Values.blank(c.fields().get(column))) {
                p.add("blank_in_source names " + column + ", which fields gives a value");
            }
        }
    }

    private static void text(String text, String field, boolean missing, String note, Problems.Sink p) {
        if (missing) {
            if (!Values.blank(text)) {
                p.add("text_missing is true but " + field + " is given");
            }
            if (Values.blank(note)) {
                p.add("text_missing needs a note that says what the source lacks");
            }
        } else if (Values.blank(text)) {
            p.add(field + " is missing (set text_missing: true with a note when the source lacks it)");
        }
    }

    private static void fields(Map<String, String> fields, Problems.Sink p) {
        if (fields != null) {
            fields.forEach((k, v) -> {
                if (Values.blank(k) || Values.blank(v)) {
                    p.add("fields." + k + " is empty (leave out columns without text)");
                }
            });
        }
    }

    private static void nist(String value, Problems.Sink p) {
        if (value != null && !Values.NIST_CSF.contains(value)) {
            p.add("nist_csf \"" + value + "\" is not one of GV, ID, PR, DE, RS, RC");
        }
    }

    private static void ids(List<String> values, String field, Problems.Sink p) {
        if (values != null) {
            values.stream().filter(v -> v == null || !Values.LOCAL_ID.matcher(v).matches())
                    .forEach(v -> p.add(field + ": \"" + v + "\" is not a valid id"));
        }
    }

    private static void texts(List<String> values, String field, Problems.Sink p) {
        if (values != null && values.stream().anyMatch(Values::blank)) {
            p.add(field + " contains an empty entry");
        }
    }

    /** The counts a file states about itself must match what it holds. */
    private void holds(RawCatalog.Holds holds, Iterable<RawCatalog.Group> groups, List<RawCatalog.Criterion> criteria) {
        if (holds == null) {
            return;
        }
        compare("criteria", holds.criteria(), criteria.size());
        compare("text_missing", holds.textMissing(),
                (int) criteria.stream().filter(c -> Values.isTrue(c.textMissing())).count());
        Map<String, Integer> levels = new HashMap<>();
        criteria.forEach(c -> levels.merge(c.level() == null ? "unknown" : c.level().toString(), 1, Integer::sum));
        compareMap("levels", holds.levels(), levels);
        Map<String, Integer> kinds = new HashMap<>();
        groups.forEach(g -> kinds.merge(String.valueOf(g.kind()), 1, Integer::sum));
        compareMap("groups", holds.groups(), kinds);
    }

    private void compareMap(String field, Map<String, Integer> stated, Map<String, Integer> actual) {
        if (stated != null) {
            Set<String> keys = new HashSet<>(stated.keySet());
            keys.addAll(actual.keySet());
            keys.forEach(k -> compare(field + "." + k, stated.get(k), actual.getOrDefault(k, 0)));
        }
    }

    private void compare(String field, Integer stated, int actual) {
        if (stated != null && stated != actual) {
            top.add("source.holds." + field + " says " + stated + " but the file holds " + actual);
        } else if (stated == null && field.contains(".")) {
            top.add("source.holds." + field + " is not stated but the file holds " + actual);
        }
    }

    private void zeroFails(Scoring scoring, List<RawCatalog.Criterion> criteria) {
        for (String id : scoring.zeroFails()) {
            boolean scored = criteria.stream().anyMatch(c -> c.id().equals(id) && c.points() != null);
            if (!scored) {
                top.add("scoring.zero_fails: " + id + " is not a criterion with points");
            }
        }
    }

    private FrameworkVersion build(RawCatalog.Version raw, Scoring scoring, Iterable<RawCatalog.Group> rawGroups,
                                   List<RawCatalog.Criterion> rawCriteria) {
        List<Group> groups = new ArrayList<>();
        for (RawCatalog.Group g : rawGroups) {
            groups.add(new Group(g.id(), g.parent(), g.kind(), g.number(), g.title(), Values.orderedMap(g.fields()),
                    g.levels() == null ? null : List.copyOf(g.levels()), g.nistCsf(), Values.isTrue(g.textMissing()),
                    g.note()));
        }
        List<Criterion> criteria = new ArrayList<>();
        for (RawCatalog.Criterion c : rawCriteria) {
            criteria.add(new Criterion(raw.framework(), raw.version(), c.id(), c.parent(), c.number(), c.text(),
                    Values.orderedMap(c.fields()), c.level(), c.levelSource(), c.required(), c.points(), c.scoring(),
                    options(c.options()), variants(c.variants()), c.nistCsf(),
                    EvidenceType.parse(c.evidence()).orElseThrow(), Values.list(c.checks()),
                    Values.list(c.checkHints()), Values.list(c.documents()),
                    c.review() == null ? null : Values.period(c.review()).orElseThrow(),
                    Values.isTrue(c.textMissing()), c.note(), history(c.history()), Values.list(c.merges()),
                    Values.list(c.blankInSource()), Values.isTrue(c.weightUnknown())));
        }
        RawCatalog.Source s = raw.source();
        SourceInfo.Holds holds = s.holds() == null ? null : new SourceInfo.Holds(s.holds().criteria(),
                s.holds().textMissing(), Values.orderedMap(s.holds().levels()), Values.orderedMap(s.holds().groups()));
        return new FrameworkVersion(file, raw.framework(), raw.version(), raw.supersedes(), text(raw.name()),
                raw.publisher() == null ? null : text(raw.publisher()),
                new SourceInfo(s.seed(), s.title(), s.date(), s.url(), s.notes(), holds), scoring, List.copyOf(groups),
                List.copyOf(criteria));
    }

    private static LocalizedText text(RawCatalog.Text t) {
        return new LocalizedText(t.ja(), t.en());
    }

    private static List<Criterion.PastText> history(List<RawCatalog.PastText> raw) {
        return raw == null ? List.of()
                : raw.stream().map(h -> new Criterion.PastText(h.version(), h.date(), h.text(), h.note())).toList();
    }

    private static List<Criterion.Option> options(List<RawCatalog.Option> raw) {
        return raw == null ? List.of()
                : raw.stream().map(o -> new Criterion.Option(o.id(), o.text(), o.points())).toList();
    }

    private static Map<String, Criterion.Variant> variants(Map<String, RawCatalog.Variant> raw) {
        if (raw == null) {
            return Map.of();
        }
        Map<String, Criterion.Variant> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, new Criterion.Variant(v.question(), v.answer(), v.required(), v.points(),
                v.note())));
        return Values.orderedMap(out);
    }
}
