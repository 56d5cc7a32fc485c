package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jp.akashi.collector.catalog.CriteriaCounts;

import java.util.Map;

/** What a framework version holds; see {@link CriteriaCounts}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrameworkCounts(int criteria,
                              @JsonProperty("text_missing") int textMissing,
                              Map<String, Integer> groups,
                              Map<String, Integer> evidence,
                              Map<String, Integer> levels,
                              Integer required,
                              Integer optional,
                              @JsonProperty("point_items") Integer pointItems,
                              @JsonProperty("max_points") Integer maxPoints) {

    static FrameworkCounts from(CriteriaCounts c) {
        return new FrameworkCounts(c.criteria(), c.textMissing(), c.groups(), c.evidence(), c.levels(), c.required(),
                c.optional(), c.pointItems(), c.maxPoints());
    }
}
