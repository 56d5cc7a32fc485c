package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jp.akashi.collector.catalog.CriteriaCounts;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.Scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One version of a framework in {@code GET /api/v1/frameworks}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrameworkVersionSummary(String version,
                                      String supersedes,
                                      boolean latest,
                                      FrameworkText name,
                                      FrameworkText publisher,
                                      Source source,
                                      String scoring,
                                      List<Level> levels,
                                      @JsonProperty("public_totals") Map<String, Totals> publicTotals,
                                      Map<String, Application> applications,
                                      @JsonProperty("zero_fails") List<String> zeroFails,
                                      FrameworkCounts counts) {

    static FrameworkVersionSummary from(FrameworkVersion v, boolean latest) {
        Scoring s = v.scoring();
        Map<String, Totals> totals = new LinkedHashMap<>();
        s.publicTotals().forEach((level, t) -> totals.put(level.toString(), new Totals(t.requirements(), t.criteria())));
        Map<String, Application> apps = new LinkedHashMap<>();
        s.applications().forEach((type, a) -> apps.put(type,
                new Application(a.requiredCount(), a.minPoints(), a.maxPoints())));
        List<Level> levels = s.levels().stream().map(l -> new Level(l.level(), l.label(), l.assessment(),
                l.validity() == null ? null : l.validity().toString())).toList();
        return new FrameworkVersionSummary(v.version(), v.supersedes(), latest, FrameworkText.from(v.name()),
                FrameworkText.from(v.publisher()),
                new Source(v.source().seed(), v.source().title(), v.source().date(), v.source().url(),
                        v.source().notes()), s.kind().id(), levels,
                totals, apps, s.zeroFails(), FrameworkCounts.from(CriteriaCounts.of(v)));
    }

    /** The source document the version was transcribed from, its date and address, and the reading notes. */
    public record Source(String seed, String title, String date, String url, String notes) {
    }

    /** A METI level (★3, ★4) with its assessment type and result validity (ISO-8601 period). */
    public record Level(int level, String label, String assessment, String validity) {
    }

    /** Published cumulative totals for a level. */
    public record Totals(int requirements, int criteria) {
    }

    /** Pass thresholds of one application type (安全・安心マーク). */
    public record Application(@JsonProperty("required_count") int requiredCount,
                              @JsonProperty("min_points") Integer minPoints,
                              @JsonProperty("max_points") int maxPoints) {
    }
}
