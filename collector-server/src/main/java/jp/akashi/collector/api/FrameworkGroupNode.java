package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A group of the hierarchy in the tree view, with its child groups and criteria. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrameworkGroupNode(String id,
                                 String kind,
                                 String number,
                                 String title,
                                 Map<String, String> fields,
                                 List<Integer> levels,
                                 @JsonProperty("nist_csf") String nistCsf,
                                 @JsonProperty("text_missing") boolean textMissing,
                                 String note,
                                 List<FrameworkGroupNode> groups,
                                 List<FrameworkCriterion> criteria) {
}
