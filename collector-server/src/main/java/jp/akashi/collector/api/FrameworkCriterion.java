package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Equivalent;
import jp.akashi.collector.catalog.Group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A criterion with every catalog field (docs/CATALOG.md), its place in the hierarchy and its equivalents. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrameworkCriterion(String id,
                                 @JsonProperty("local_id") String localId,
                                 String framework,
                                 String version,
                                 String parent,
                                 String number,
                                 List<PathItem> path,
                                 String text,
                                 Map<String, String> fields,
                                 Integer level,
                                 @JsonProperty("level_source") String levelSource,
                                 Boolean required,
                                 Integer points,
                                 String scoring,
                                 List<Option> options,
                                 Map<String, Variant> variants,
                                 @JsonProperty("nist_csf") String nistCsf,
                                 String evidence,
                                 List<String> checks,
                                 @JsonProperty("check_hints") List<String> checkHints,
                                 List<String> documents,
                                 String review,
                                 @JsonProperty("text_missing") boolean textMissing,
                                 Notes notes,
                                 List<PastText> history,
                                 List<String> merges,
                                 @JsonProperty("blank_in_source") List<String> blankInSource,
                                 List<EquivalentItem> equivalents) {

    static FrameworkCriterion from(Criterion c, List<Group> path, List<Equivalent> equivalents) {
        Map<String, Variant> variants = new LinkedHashMap<>();
        c.variants().forEach((k, v) -> variants.put(k,
                new Variant(v.question(), v.answer(), v.required(), v.points(), v.note())));
        return new FrameworkCriterion(c.globalId(), c.id(), c.framework(), c.version(), c.parent(), c.number(),
                path.stream().map(g -> new PathItem(g.id(), g.kind(), g.number(), g.title())).toList(),
                c.text(), c.fields(), c.level(), c.levelSource(), c.required(), c.points(), c.scoring(),
                c.options().stream().map(o -> new Option(o.id(), o.text(), o.points())).toList(), variants,
                c.nistCsf(), c.evidence().id(), c.checks(), c.checkHints(), c.documents(),
                c.review() == null ? null : c.review().toString(), c.textMissing(), new Notes(c.note()),
                c.history().stream().map(h -> new PastText(h.version(), h.date(), h.text(), h.note())).toList(),
                c.merges(), c.blankInSource(),
                equivalents.stream().map(e -> new EquivalentItem(e.group().id(),
                        e.group().title() == null ? null : e.group().title().ja(), e.relation().id(),
                        e.other().criterion(), e.other().relation().id(), e.sameQuestion(),
                        e.group().rationale() == null ? null : e.group().rationale().ja(),
                        e.group().rationale() == null ? null : e.group().rationale().en())).toList());
    }

    /** Notes for maintainers: how the text was transcribed (the console shows them to admins only). */
    public record Notes(String transcription) {
    }

    /** A wording the publisher replaced. */
    public record PastText(String version, String date, String text, String note) {
    }

    /** A group above the criterion, top level first. */
    public record PathItem(String id, String kind, String number, String title) {
    }

    /** An answer option of a graded item. */
    public record Option(String id, String text, Integer points) {
    }

    /** Texts and weights that differ by application type. */
    public record Variant(String question, String answer, Boolean required, Integer points, String note) {
    }

    /**
     * A criterion sharing a topic with this one.
     *
     * @param group             equivalence group id
     * @param title             topic title (Japanese)
     * @param relation          how this criterion relates to the topic
     * @param criterion         the other criterion's global id
     * @param criterionRelation how the other criterion relates to the topic
     * @param sameQuestion      both are {@code equal}: an answer to one is offered for the other
     */
    public record EquivalentItem(String group, String title, String relation, String criterion,
                                 @JsonProperty("criterion_relation") String criterionRelation,
                                 @JsonProperty("same_question") boolean sameQuestion,
                                 @JsonProperty("rationale_ja") String rationaleJa,
                                 @JsonProperty("rationale_en") String rationaleEn) {
    }
}
