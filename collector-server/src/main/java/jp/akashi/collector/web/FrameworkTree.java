package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.catalog.CriteriaTree;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Group;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.Verdict;

/**
 * A framework version's groups and criteria as the framework page shows them: each criterion with
 * its verdict, since when, the first reason, its weight (★ level, 必須/任意, points) and evidence
 * type; each group with how many of its criteria are met. Groups without a matching criterion
 * are left out when a filter is set.
 */
final class FrameworkTree {
    private FrameworkTree() {
    }

    /**
     * @param weightKey  message key of the weight (weight.level, weight.required …)
     * @param weightArg  its argument (the ★ label, the points), or null
     * @param text       the requirement (for 安全・安心マーク, the question of the chosen application type)
     * @param reason     the first reason of the verdict in the page's language, or null
     * @param via        the criterion whose answer this verdict used, when not this one
     */
    public record Row(String id, String number, String text, boolean textMissing, String verdict, Long since, String reason,
                      String evidence, String weightKey, String weightArg, String via, boolean excepted) {
    }

    public record Node(Group group, List<Node> children, List<Row> rows, int met, int total) {
    }

    public record Tree(List<Node> groups, List<Row> rows, int shown) {
        public boolean isEmpty() {
            return shown == 0;
        }
    }

    static Tree build(CriteriaTree tree, Map<String, CriterionVerdict> verdicts, Map<String, Long> since, TreeFilter filter,
                      String application, String lang) {
        List<Node> groups = nodes(tree.groups(), verdicts, since, filter, application, lang);
        List<Row> rows = rows(tree.criteria(), verdicts, since, filter, application, lang);
        int shown = rows.size() + groups.stream().mapToInt(Node::total).sum();
        return new Tree(groups, rows, shown);
    }

    private static List<Node> nodes(List<CriteriaTree.Node> in, Map<String, CriterionVerdict> verdicts, Map<String, Long> since,
                                    TreeFilter filter, String application, String lang) {
        List<Node> out = new ArrayList<>();
        for (CriteriaTree.Node n : in) {
            List<Node> children = nodes(n.children(), verdicts, since, filter, application, lang);
            List<Row> rows = rows(n.criteria(), verdicts, since, filter, application, lang);
            int total = rows.size() + children.stream().mapToInt(Node::total).sum();
            int met = (int) rows.stream().filter(r -> counts(r.verdict())).count() + children.stream().mapToInt(Node::met).sum();
            if (total > 0 || filter.isEmpty()) {
                out.add(new Node(n.group(), children, rows, met, total));
            }
        }
        return out;
    }

    private static List<Row> rows(List<Criterion> in, Map<String, CriterionVerdict> verdicts, Map<String, Long> since,
                                  TreeFilter filter, String application, String lang) {
        List<Row> out = new ArrayList<>();
        for (Criterion c : in) {
            CriterionVerdict v = verdicts.get(c.globalId());
            Verdict verdict = v == null ? Verdict.UNKNOWN : v.verdict();
            if (!filter.matches(verdict)) {
                continue;
            }
            String reason = v == null || v.reasons().isEmpty() ? null : v.reasons().get(0).in(lang);
            String via = v == null || v.answer() == null ? null : v.answer().via();
            out.add(new Row(c.globalId(), c.number(), text(c, application), c.textMissing(), verdict.wire(), since.get(c.globalId()),
                    reason, c.evidence().id(), weightKey(c, application), weightArg(c, application), via,
                    v != null && v.exception() != null));
        }
        return out;
    }

    static boolean counts(String verdict) {
        return "met".equals(verdict) || "not_applicable".equals(verdict);
    }

    /** The requirement text; for an item with texts per application type, that type's question. */
    static String text(Criterion c, String application) {
        Criterion.Variant v = variant(c, application);
        if (v != null && v.question() != null) {
            return v.question();
        }
        // no text: the template says so; the transcription note is for maintainers, not this list
        return c.text();
    }

    static String weightKey(Criterion c, String application) {
        if (c.level() != null || c.levelSource() != null) {
            return c.level() == null ? "weight.levelUnknown" : "weight.level";
        }
        Criterion.Variant v = variant(c, application);
        Integer points = v != null && v.points() != null ? v.points() : c.points();
        if (points != null) {
            return "graded".equals(c.scoring()) ? "weight.graded" : "weight.points";
        }
        Boolean required = v != null && v.required() != null ? v.required() : c.required();
        return Boolean.TRUE.equals(required) ? "weight.required" : "weight.optional";
    }

    private static Criterion.Variant variant(Criterion c, String application) {
        return application == null || c.variants() == null ? null : c.variants().get(application);
    }

    static String weightArg(Criterion c, String application) {
        if (c.level() != null) {
            return "★" + c.level();
        }
        Criterion.Variant v = variant(c, application);
        Integer points = v != null && v.points() != null ? v.points() : c.points();
        return points == null ? null : String.valueOf(points);
    }
}
