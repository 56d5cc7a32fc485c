package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.VersionDiffs;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CriteriaFilter;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.ScoringKind;
import jp.akashi.collector.catalog.VersionDiff;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.snapshot.SnapshotService;

/**
 * The frameworks: an overview of every framework's score, and per framework version the tree of
 * groups and criteria with verdicts, filters, the score on top, a year's trend, and the state at
 * a past date ({@code ?at=2026-10-31}, read-only: verdicts only, as the history keeps no reasons),
 * whose export buttons export that date (the snapshot taken by then, else the verdicts only).
 */
@Controller("/frameworks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FrameworkPages {
    static final int TREND_DAYS = 365;
    private final Catalog catalog;
    private final ComplianceService compliance;
    private final CurrentVerdicts current;
    private final FrameworkCards cards;
    private final PdfFontCheck pdfFont;
    private final WebPages pages;
    private final VersionDiffs diffs;
    private final SnapshotService snapshots;
    private final DisplayZone zone;

    public FrameworkPages(Catalog catalog, ComplianceService compliance, CurrentVerdicts current, FrameworkCards cards,
                          PdfFontCheck pdfFont, WebPages pages, VersionDiffs diffs, SnapshotService snapshots, DisplayZone zone) {
        this.snapshots = snapshots;
        this.zone = zone;
        this.catalog = catalog;
        this.diffs = diffs;
        this.pdfFont = pdfFont;
        this.compliance = compliance;
        this.current = current;
        this.cards = cards;
        this.pages = pages;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> index(HttpRequest<?> request) {
        Map<String, Object> m = pages.model(request, "frameworks.title");
        m.put("pdfProblem", pdfFont.problem().orElse(null));
        m.put("cards", cards.latest(current.now().verdicts(), pages.locale(request), DashboardPages.TREND_DAYS));
        m.put("charts", true);
        return pages.page(request, "frameworks", m);
    }

    /** The filters as the form shows them. */
    public record FilterView(String version, String application, String at, String verdict, String evidence, String level,
                             String required, String q) {
    }

    @Get("/{framework}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> framework(HttpRequest<?> request, @PathVariable String framework, @Nullable @QueryValue String version,
                                     @Nullable @QueryValue String application, @Nullable @QueryValue String at,
                                     @Nullable @QueryValue String verdict, @Nullable @QueryValue String evidence,
                                     @Nullable @QueryValue String level, @Nullable @QueryValue String required,
                                     @Nullable @QueryValue String q) {
        FrameworkVersion v = compliance.version(framework, blank(version));
        String app;
        try {
            app = compliance.application(v, blank(application));
        } catch (Refusal e) {
            app = ScoreCalculator.applications(v).get(0);
        }
        Locale locale = pages.locale(request);
        String lang = ConsoleLanguage.lang(locale);
        FilterView f = new FilterView(blank(version), app, blank(at), blank(verdict), blank(evidence), blank(level),
                blank(required), blank(q));
        Map<String, Object> m = pages.model(request, "framework.title");
        m.put("pdfProblem", pdfFont.problem().orElse(null));
        String error = null;
        TreeFilter filter;
        try {
            filter = TreeFilter.parse(v, f.level(), f.evidence(), f.required(), f.q(), f.verdict());
        } catch (IllegalArgumentException e) {
            error = pages.text(request, "framework.error.filter", e.getMessage());
            filter = new TreeFilter(CriteriaFilter.NONE, null);
        }
        Map<String, CriterionVerdict> verdicts = null;
        Map<String, Long> since = Map.of();
        LocalDate day = null;
        if (f.at() != null) {
            try {
                day = LocalDate.parse(f.at());
                verdicts = compliance.verdictsAt(day);
            } catch (DateTimeParseException e) {
                error = pages.text(request, "framework.error.at", f.at());
                day = null;
            } catch (Refusal e) {
                error = e.message(lang);
                day = null;
            }
        }
        if (verdicts == null) {
            CurrentVerdicts.Snapshot now = current.now();
            verdicts = now.verdicts();
            since = now.since();
        }
        m.put("card", cards.card(v, verdicts, locale, TREND_DAYS));
        m.put("blockers", ScoreBlockers.of(v, verdicts, lang));
        VersionDiffs.DiffView change = change(v);
        m.put("change", change);
        m.put("changeApiUrl", change == null ? null
                : "/api/v1/frameworks/" + v.framework() + "/versions/" + change.from() + "/diff/" + change.to());
        m.put("tree", FrameworkTree.build(catalog.tree(v, filter.criteria()), verdicts, since, filter, app, lang));
        m.put("f", f);
        m.put("filtered", !filter.isEmpty());
        m.put("past", day != null);
        if (day != null && !day.equals(compliance.today())) {
            // the card's export buttons export this date: from the snapshot taken by then, else verdicts only
            m.put("pastExport", day.toString());
            m.put("pastExportSnapshot", snapshots.latestAtOrBefore(zone.endOf(day))
                    .map(s -> zone.minute(s.createdAt())).orElse(null));
        }
        m.put("frameworkName", FrameworkCards.name(v, lang));
        m.put("v", v);
        m.put("versions", catalog.framework(framework).orElseThrow().versions().stream().map(FrameworkVersion::version).toList());
        m.put("applications", ScoreCalculator.applications(v));
        m.put("levels", v.scoring().levels().stream().map(l -> l.level()).toList());
        m.put("hasRequired", v.scoring().kind() != ScoringKind.METI_LEVELS);
        m.put("verdicts", TreeFilter.VERDICTS);
        m.put("evidenceTypes", List.of(EvidenceType.values()).stream().map(EvidenceType::id).toList());
        m.put("today", compliance.today().toString());
        m.put("charts", true);
        m.put("currentUrl", Links.query("/frameworks/" + framework, withoutDate(f)));
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, error == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "framework", m);
    }

    /**
     * What changed since the version this one supersedes (the one answers were likely given against),
     * and how many answered criteria are touched; null for a first version.
     */
    private VersionDiffs.DiffView change(FrameworkVersion v) {
        if (v.supersedes() == null) {
            return null;
        }
        FrameworkVersion previous = catalog.framework(v.framework()).flatMap(f -> f.version(v.supersedes())).orElse(null);
        if (previous == null) {
            return null;
        }
        return diffs.view(VersionDiff.of(previous, v));
    }

    /** The page's filters without the date: the way back to the current state. */
    private static Map<String, String> withoutDate(FilterView f) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", f.version());
        p.put("application", f.application());
        p.put("verdict", f.verdict());
        p.put("evidence", f.evidence());
        p.put("level", f.level());
        p.put("required", f.required());
        p.put("q", f.q());
        return p;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
