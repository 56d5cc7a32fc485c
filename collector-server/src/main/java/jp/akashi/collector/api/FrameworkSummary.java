package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.akashi.collector.catalog.Framework;

import java.util.List;

/** A framework in {@code GET /api/v1/frameworks}: id, names, versions (oldest first) and counts. */
public record FrameworkSummary(String id,
                               FrameworkText name,
                               FrameworkText publisher,
                               @JsonProperty("latest_version") String latestVersion,
                               List<FrameworkVersionSummary> versions) {

    static FrameworkSummary from(Framework f) {
        return new FrameworkSummary(f.id(), FrameworkText.from(f.latest().name()),
                FrameworkText.from(f.latest().publisher()), f.latest().version(),
                f.versions().stream().map(v -> FrameworkVersionSummary.from(v, v == f.latest())).toList());
    }
}
