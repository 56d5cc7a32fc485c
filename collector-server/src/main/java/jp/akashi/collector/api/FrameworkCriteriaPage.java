package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/frameworks/{framework}/criteria}.
 *
 * @param framework framework id
 * @param version   the version listed
 * @param view      "flat" or "tree"
 * @param count     number of criteria that matched the filters
 * @param groups    tree view: the top-level groups; flat view: null
 * @param criteria  flat view: the matching criteria in document order; tree view: those without a group
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrameworkCriteriaPage(String framework, String version, String view, int count,
                                    List<FrameworkGroupNode> groups, List<FrameworkCriterion> criteria) {
}
