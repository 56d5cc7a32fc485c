package jp.akashi.collector.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The catalog files exactly as written (docs/CATALOG.md), before validation. Unknown fields are
 * rejected when reading, so a misspelt field name is reported instead of silently ignored.
 */
final class RawCatalog {
    private RawCatalog() {
    }

    record Index(Integer schema, List<String> frameworks, String equivalences) {
    }

    record Text(String ja, String en) {
    }

    record Source(String seed, String title, String date, String url, String notes, Holds holds) {
    }

    record Holds(Integer criteria, @JsonProperty("text_missing") Integer textMissing,
                 Map<String, Integer> levels, Map<String, Integer> groups) {
    }

    record Version(Integer schema, String framework, String version, String supersedes, Text name,
                   Text publisher, Source source, Scoring scoring, List<Group> groups,
                   List<Criterion> criteria) {
    }

    record Scoring(String kind, List<Level> levels,
                   @JsonProperty("public_totals") Map<String, Totals> publicTotals,
                   Map<String, Application> applications,
                   @JsonProperty("zero_fails") List<String> zeroFails) {
    }

    record Level(Integer level, String label, String assessment, String validity) {
    }

    record Totals(Integer requirements, Integer criteria) {
    }

    record Application(@JsonProperty("required_count") Integer requiredCount,
                       @JsonProperty("min_points") Integer minPoints,
                       @JsonProperty("max_points") Integer maxPoints) {
    }

    record Group(String id, String parent, String kind, String number, String title,
                 Map<String, String> fields, List<Integer> levels,
                 @JsonProperty("nist_csf") String nistCsf,
                 @JsonProperty("text_missing") Boolean textMissing, String note) {
    }

    record Criterion(String id, String parent, String number, String text, Map<String, String> fields,
                     Integer level, @JsonProperty("level_source") String levelSource, Boolean required,
                     Integer points, String scoring, List<Option> options, Map<String, Variant> variants,
                     @JsonProperty("nist_csf") String nistCsf, String evidence, List<String> checks,
                     @JsonProperty("check_hints") List<String> checkHints, List<String> documents,
                     String review, @JsonProperty("text_missing") Boolean textMissing, String note,
                     List<PastText> history, List<String> merges,
                     @JsonProperty("blank_in_source") List<String> blankInSource,
                     @JsonProperty("weight_unknown") Boolean weightUnknown) {
    }

    record PastText(String version, String date, String text, String note) {
    }

    record Option(String id, String text, Integer points) {
    }

    record Variant(String question, String answer, Boolean required, Integer points, String note) {
    }

    record Equivalences(Integer schema, List<String> frameworks, List<EquivalenceGroup> groups) {
    }

    record EquivalenceGroup(String id, Text title, Text rationale, List<Member> members) {
    }

    record Member(String criterion, String relation) {
    }
}
