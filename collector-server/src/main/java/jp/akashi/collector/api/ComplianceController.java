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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import jp.akashi.collector.evaluate.Text;
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

    /** A framework version's score for one application type. */
    @Serdeable
    public record ScoreView(String framework, String version, String application, String status, Text summary,
                            Map<String, Object> score, List<Text> notes) {
    }

    /** A score with each criterion's verdict; {@code at}: the past date asked for, null for now. */
    @Serdeable
    public record FrameworkCompliance(String framework, String version, String application, String status, Text summary,
                                      Map<String, Object> score, List<Text> notes, String at, List<CriterionState> criteria) {
    }

    /** A criterion's verdict; {@code since}: when the current verdict began (null at a past date). */
    @Serdeable
    public record CriterionState(String id, String number, String text, String evidence, List<String> checks, String verdict,
                                 String since, List<Text> reasons, Integer points, CriterionVerdict.ExceptionUse exception,
                                 CriterionVerdict.AnswerUse answer) {
    }

    @Serdeable
    public record ScoreHistory(String framework, String version, String application, List<ScoreDay> points) {
    }

    /** A day's score summary as it was recorded. */
    @Serdeable
    public record ScoreDay(String day, JsonNode score) {
    }

    /** A criterion: the catalog fields as {@code GET /api/v1/frameworks/{id}/criteria} gives them, its verdict and history. */
    @Serdeable
    public record CriterionDetailView(FrameworkCriterion criterion, String id, CriterionVerdict verdict, String since,
                                      List<EquivalentView> equivalents,
                                      List<jp.akashi.collector.evaluate.CriterionVerdictStore.Transition> transitions) {
    }

    @Serdeable
    public record EquivalentView(String criterion, String relation, String group, boolean sharesAnswers) {
    }

    /** A check of the library with its results' counts by status. */
    @Serdeable
    public record CheckView(String id, Text title, Text description, List<String> facts, String severity,
                            CheckDefinition.Applicability applies, List<String> criteria, Map<CheckStatus, Integer> counts,
                            List<String> platforms, Map<String, Object> remediation) {
    }

    /** A check's result on an asset; {@code remediation} only in an asset's results, for its platform. */
    @Serdeable
    public record ResultView(String assetId, String check, String status, Reason reason, JsonNode facts, String reportId,
                             String since, String evaluatedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> remediation) {
    }

    @Serdeable
    public record Reason(String ja, String en) {
    }

    @Serdeable
    public record AssetChecks(String assetId, List<ResultView> results, List<CheckTransition> transitions) {
    }

    @Serdeable
    public record CheckTransition(String check, String at, String from, String to, String reason) {
    }

    @Serdeable
    public record Queued(String status) {
    }

    /** Every framework's current score (latest version, every application type): the dashboard's numbers. */
    @Get("/compliance")
    public List<ScoreView> overview() {
        Map<String, CriterionVerdict> current = compliance.currentVerdicts();
        List<ScoreView> out = new ArrayList<>();
        for (Framework f : catalog.frameworks()) {
            FrameworkVersion v = f.latest();
            for (String app : jp.akashi.collector.evaluate.ScoreCalculator.applications(v)) {
                out.add(scoreView(compliance.score(v, app, current)));
            }
        }
        return out;
    }

    @Get("/compliance/{framework}")
    public FrameworkCompliance framework(@PathVariable String framework, @Nullable @QueryValue String version,
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
        Score s = compliance.score(v, app, verdicts);
        List<CriterionState> criteria = new ArrayList<>();
        for (Criterion c : v.criteria()) {
            CriterionVerdict cv = verdicts.get(c.globalId());
            criteria.add(new CriterionState(c.globalId(), c.number(), c.text(), c.evidence().id(), c.checks(),
                    cv == null ? "unknown" : cv.verdict().wire(),
                    since.containsKey(c.globalId()) ? Instant.ofEpochMilli(since.get(c.globalId())).toString() : null,
                    cv == null ? List.of() : cv.reasons(), cv == null ? null : cv.points(), cv == null ? null : cv.exception(),
                    cv == null ? null : cv.answer()));
        }
        return new FrameworkCompliance(s.framework(), s.version(), s.application(), s.status(), s.summary(), s.parts(), s.notes(),
                at, criteria);
    }

    @Get("/compliance/{framework}/history")
    public ScoreHistory history(@PathVariable String framework, @Nullable @QueryValue String version,
                                @Nullable @QueryValue String application, @QueryValue(defaultValue = "90") int days) {
        if (days < 1 || days > 3660) {
            throw ApiException.badRequest("days: 1..3660");
        }
        FrameworkVersion v = compliance.version(framework, version);
        String app = compliance.application(v, application);
        List<ScoreDay> points = new ArrayList<>();
        for (var p : compliance.history(v, app, days)) {
            points.add(new ScoreDay(p.day(), json(p.summaryJson())));
        }
        return new ScoreHistory(v.framework(), v.version(), app, points);
    }

    @Get("/criteria/{id}")
    public CriterionDetailView criterion(@PathVariable String id) {
        ComplianceService.CriterionDetail d = compliance.criterion(id).orElseThrow(() -> ApiException.notFound("no criterion " + id));
        return new CriterionDetailView(FrameworkCriterion.from(d.criterion(), catalog.path(d.criterion()), d.equivalents()),
                d.criterion().globalId(), d.verdict(), d.since() == null ? null : Instant.ofEpochMilli(d.since()).toString(),
                d.equivalents().stream().map(e -> new EquivalentView(e.other().criterion(), e.other().relation().id(),
                        e.group().id(), e.sameQuestion())).toList(),
                d.transitions());
    }

    @Get("/checks")
    public List<CheckView> checks() {
        Map<String, Map<CheckStatus, Integer>> counts = compliance.checkCounts();
        List<CheckView> out = new ArrayList<>();
        for (CheckDefinition c : compliance.library().checks()) {
            out.add(new CheckView(c.id(), c.title(), c.description(), c.facts(), c.severity(), c.applies(),
                    compliance.criteriaOf(c.id()), counts.getOrDefault(c.id(), Map.of()), c.platforms(),
                    c.remediation() == null ? null : c.remediation().toMap(null)));
        }
        return out;
    }

    @Get("/checks/{id}/results")
    public List<ResultView> checkResults(@PathVariable String id, @QueryValue(defaultValue = "0") int offset,
                                         @QueryValue(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ApiException.badRequest("offset >= 0 and 1 <= limit <= 1000");
        }
        return compliance.checkResults(id, offset, limit).stream().map(r -> resultView(r, null)).toList();
    }

    @Get("/assets/{id}/checks")
    public AssetChecks assetChecks(@PathVariable String id) {
        // what to do about each result, for this asset's platform (Debian/Ubuntu, RHEL family, Windows, macOS, network)
        List<String> platforms = assets.detail(id, 0).map(RemediationPlatforms::of).orElse(null);
        List<ResultView> items = compliance.assetResults(id).values().stream()
                .sorted(java.util.Comparator.comparing(CheckResultStore.Row::checkId))
                .map(r -> resultView(r, compliance.library().check(r.checkId()).map(CheckDefinition::remediation)
                        .map(rem -> rem.toMap(platforms)).orElse(null))).toList();
        List<CheckTransition> transitions = compliance.assetTransitions(id, 100).stream().map(t -> new CheckTransition(t.checkId(),
                Instant.ofEpochMilli(t.at()).toString(), t.from(), t.to(), t.reasonJa())).toList();
        return new AssetChecks(id, items, transitions);
    }

    @Post("/evaluations")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.ACCEPTED)
    public Queued reevaluate(Caller caller) {
        db.write(h -> audit.append(h, caller.actor(), "evaluation.request", "all", Map.of()));
        evaluation.requestFull();
        return new Queued("queued");
    }

    static ResultView resultView(CheckResultStore.Row r, Map<String, Object> remediation) {
        return new ResultView(r.assetId(), r.checkId(), r.status().name(), new Reason(r.reasonJa(), r.reasonEn()),
                json(r.factsJson()), r.reportId(), Instant.ofEpochMilli(r.since()).toString(),
                Instant.ofEpochMilli(r.evaluatedAt()).toString(), remediation);
    }

    static ScoreView scoreView(Score s) {
        return new ScoreView(s.framework(), s.version(), s.application(), s.status(), s.summary(), s.parts(), s.notes());
    }

    private static JsonNode json(String stored) {
        try {
            return Json.mapper().readTree(stored);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
