package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.CheckResultStore;
import jp.akashi.collector.evaluate.CheckStatus;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.evaluate.Score;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.probes.util.Json;

/** Scores and verdicts per framework, now or at a past date; the check library and its results. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
public class ComplianceController {
    private final ComplianceService compliance;
    private final EvaluationService evaluation;
    private final jp.akashi.collector.catalog.Catalog catalog;
    private final Database db;
    private final AuditLog audit;
    private final AssetService assets;

    public ComplianceController(ComplianceService compliance, EvaluationService evaluation,
                                jp.akashi.collector.catalog.Catalog catalog, Database db, AuditLog audit, AssetService assets) {
        this.assets = assets;
        this.compliance = compliance;
        this.evaluation = evaluation;
        this.catalog = catalog;
        this.db = db;
        this.audit = audit;
    }

    /** Every framework's current score (latest version, every application type): the dashboard's numbers. */
    @Get("/compliance")
    public List<Map<String, Object>> overview() {
        Map<String, CriterionVerdict> current = compliance.currentVerdicts();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Framework f : catalog.frameworks()) {
            FrameworkVersion v = f.latest();
            for (String app : jp.akashi.collector.evaluate.ScoreCalculator.applications(v)) {
                out.add(scoreView(compliance.score(v, app, current)));
            }
        }
        return out;
    }

    @Get("/compliance/{framework}")
    public Map<String, Object> framework(@PathVariable String framework, @Nullable @QueryValue String version,
                                         @Nullable @QueryValue String application, @Nullable @QueryValue String at) {
        FrameworkVersion v = compliance.version(framework, version);
        String app = compliance.application(v, application);
        Map<String, CriterionVerdict> verdicts;
        Map<String, Long> since = Map.of();
        if (at != null) {
            try {
                verdicts = compliance.verdictsAt(LocalDate.parse(at));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("at must be a date like 2026-10-31");
            }
        } else {
            verdicts = compliance.currentVerdicts();
            since = compliance.since();
        }
        Map<String, Object> out = scoreView(compliance.score(v, app, verdicts));
        out.put("at", at);
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (Criterion c : v.criteria()) {
            CriterionVerdict cv = verdicts.get(c.globalId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.globalId());
            m.put("number", c.number());
            m.put("text", c.text());
            m.put("evidence", c.evidence().id());
            m.put("checks", c.checks());
            m.put("verdict", cv == null ? "unknown" : cv.verdict().wire());
            m.put("since", since.containsKey(c.globalId()) ? Instant.ofEpochMilli(since.get(c.globalId())).toString() : null);
            m.put("reasons", cv == null ? List.of() : cv.reasons());
            m.put("points", cv == null ? null : cv.points());
            m.put("exception", cv == null ? null : cv.exception());
            m.put("answer", cv == null ? null : cv.answer());
            criteria.add(m);
        }
        out.put("criteria", criteria);
        return out;
    }

    @Get("/compliance/{framework}/history")
    public Map<String, Object> history(@PathVariable String framework, @Nullable @QueryValue String version,
                                       @Nullable @QueryValue String application, @QueryValue(defaultValue = "90") int days) {
        if (days < 1 || days > 3660) {
            throw ApiException.badRequest("days: 1..3660");
        }
        FrameworkVersion v = compliance.version(framework, version);
        String app = compliance.application(v, application);
        List<Map<String, Object>> points = new ArrayList<>();
        for (var p : compliance.history(v, app, days)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", p.day());
            try {
                m.put("score", Json.mapper().readTree(p.summaryJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            points.add(m);
        }
        return Map.of("framework", v.framework(), "version", v.version(), "application", app, "points", points);
    }

    @Get("/criteria/{id}")
    public Map<String, Object> criterion(@PathVariable String id) {
        ComplianceService.CriterionDetail d = compliance.criterion(id).orElseThrow(() -> ApiException.notFound("no criterion " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        // the catalog fields as GET /api/v1/frameworks/{id}/criteria gives them (transcription notes under notes)
        out.put("criterion", FrameworkCriterion.from(d.criterion(), catalog.path(d.criterion()), d.equivalents()));
        out.put("id", d.criterion().globalId());
        out.put("verdict", d.verdict());
        out.put("since", d.since() == null ? null : Instant.ofEpochMilli(d.since()).toString());
        out.put("equivalents", d.equivalents().stream().map(e -> Map.of("criterion", e.other().criterion(),
                "relation", e.other().relation().id(), "group", e.group().id(), "sharesAnswers", e.sameQuestion())).toList());
        out.put("transitions", d.transitions());
        return out;
    }

    @Get("/checks")
    public List<Map<String, Object>> checks() {
        Map<String, Map<CheckStatus, Integer>> counts = compliance.checkCounts();
        List<Map<String, Object>> out = new ArrayList<>();
        for (CheckDefinition c : compliance.library().checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("title", c.title());
            m.put("description", c.description());
            m.put("facts", c.facts());
            m.put("severity", c.severity());
            m.put("applies", c.applies());
            m.put("criteria", compliance.criteriaOf(c.id()));
            m.put("counts", counts.getOrDefault(c.id(), Map.of()));
            m.put("platforms", c.platforms());
            m.put("remediation", c.remediation() == null ? null : c.remediation().toMap(null));
            out.add(m);
        }
        return out;
    }

    @Get("/checks/{id}/results")
    public List<Map<String, Object>> checkResults(@PathVariable String id, @QueryValue(defaultValue = "0") int offset,
                                                  @QueryValue(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ApiException.badRequest("offset >= 0 and 1 <= limit <= 1000");
        }
        return compliance.checkResults(id, offset, limit).stream().map(ComplianceController::resultView).toList();
    }

    @Get("/assets/{id}/checks")
    public Map<String, Object> assetChecks(@PathVariable String id) {
        // what to do about each result, for this asset's platform (Debian/Ubuntu, RHEL family, Windows, macOS, network)
        List<String> platforms = assets.detail(id, 0).map(RemediationPlatforms::of).orElse(null);
        List<Map<String, Object>> items = compliance.assetResults(id).values().stream()
                .sorted(java.util.Comparator.comparing(CheckResultStore.Row::checkId)).map(r -> {
                    Map<String, Object> m = resultView(r);
                    compliance.library().check(r.checkId()).map(CheckDefinition::remediation)
                            .ifPresent(rem -> m.put("remediation", rem.toMap(platforms)));
                    return m;
                }).toList();
        List<Map<String, Object>> transitions = compliance.assetTransitions(id, 100).stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", t.checkId());
            m.put("at", Instant.ofEpochMilli(t.at()).toString());
            m.put("from", t.from());
            m.put("to", t.to());
            m.put("reason", t.reasonJa());
            return m;
        }).toList();
        return Map.of("assetId", id, "results", items, "transitions", transitions);
    }

    @Post("/evaluations")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.ACCEPTED)
    public Map<String, Object> reevaluate(Caller caller) {
        db.write(h -> audit.append(h, caller.actor(), "evaluation.request", "all", Map.of()));
        evaluation.requestFull();
        return Map.of("status", "queued");
    }

    static Map<String, Object> resultView(CheckResultStore.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assetId", r.assetId());
        m.put("check", r.checkId());
        m.put("status", r.status().name());
        m.put("reason", Map.of("ja", r.reasonJa(), "en", r.reasonEn()));
        try {
            m.put("facts", Json.mapper().readTree(r.factsJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put("reportId", r.reportId());
        m.put("since", Instant.ofEpochMilli(r.since()).toString());
        m.put("evaluatedAt", Instant.ofEpochMilli(r.evaluatedAt()).toString());
        return m;
    }

    static Map<String, Object> scoreView(Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", s.framework());
        m.put("version", s.version());
        m.put("application", s.application());
        m.put("status", s.status());
        m.put("summary", s.summary());
        m.put("score", s.parts());
        m.put("notes", s.notes());
        return m;
    }
}
