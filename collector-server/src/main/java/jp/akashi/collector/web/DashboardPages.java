package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.FixImpact;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.api.AssetService;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.evaluate.CheckStatus;
import jp.akashi.collector.evaluate.ComplianceService;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetStore;

/**
 * The dashboard: one card per framework (score, what is missing, notes, a 90-day trend), the
 * checks that fail on most assets, answers that expire within 30 days, then the inventory at a
 * glance.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardPages {
    static final int LISTED = 10;
    static final int TREND_DAYS = 90;
    static final Duration EXPIRING_WITHIN = Duration.ofDays(30);
    private final AssetService assets;
    private final ConsoleReads reads;
    private final WebPages pages;
    private final FrameworkCards cards;
    private final CurrentVerdicts current;
    private final ComplianceService compliance;
    private final CheckIndex checks;
    private final Catalog catalog;
    private final Clock clock;
    private final PdfFontCheck pdfFont;

    public DashboardPages(AssetService assets, ConsoleReads reads, WebPages pages, FrameworkCards cards, CurrentVerdicts current,
                          ComplianceService compliance, CheckIndex checks, Catalog catalog, Clock clock, PdfFontCheck pdfFont,
                          jp.akashi.collector.evaluate.EvaluationService evaluation, ChangeViews changeViews,
                          jp.akashi.collector.config.DisplayZone zone, jp.akashi.collector.task.TaskService tasks) {
        this.zone = zone;
        this.tasks = tasks;
        this.evaluation = evaluation;
        this.changeViews = changeViews;
        this.assets = assets;
        this.pdfFont = pdfFont;
        this.reads = reads;
        this.pages = pages;
        this.cards = cards;
        this.current = current;
        this.compliance = compliance;
        this.checks = checks;
        this.catalog = catalog;
        this.clock = clock;
    }

    private final jp.akashi.collector.evaluate.EvaluationService evaluation;
    private final ChangeViews changeViews;
    private final jp.akashi.collector.config.DisplayZone zone;
    private final jp.akashi.collector.task.TaskService tasks;
    /** Assets may wait briefly after every report: only a backlog older than this is shown. */
    static final long WAITING_SHOWN_AFTER_MS = 60_000;

    /**
     * A check with the number of assets it fails on, of those it applies to, its severity and what
     * fixing it would unblock ({@link FixImpact}): the page says it in words.
     */
    public record Failing(String id, String title, int fail, int unknown, int inScope, String severity, String impact) {
    }

    /** An answer whose validity ends soon: the criterion it answers and until when. */
    public record Expiring(String criterion, String number, String framework, String text, long validUntil, String answeredBy) {
    }

    /** One bar of a breakdown: label key (or raw value), count and share of the total in percent. */
    public record Share(String key, String raw, long count, int percent) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> dashboard(HttpRequest<?> request, jp.akashi.collector.security.Caller caller) {
        AssetService.Overview o = assets.overview(LISTED);
        Map<String, Object> m = pages.model(request, "dashboard.title");
        m.put("pdfProblem", pdfFont.problem().orElse(null));
        jp.akashi.collector.evaluate.PendingEvaluations.Waiting waiting = evaluation.waiting();
        m.put("evaluationWaiting", waiting.count() > 0 && waiting.oldestQueuedAt() != null
                && clock.millis() - waiting.oldestQueuedAt() > WAITING_SHOWN_AFTER_MS ? waiting.count() : null);
        Locale locale = pages.locale(request);
        String lang = ConsoleLanguage.lang(locale);
        m.put("cards", cards.latest(current.now().verdicts(), locale, TREND_DAYS));
        m.put("charts", true);
        m.put("failing", failing(compliance.checkCounts(), current.now().verdicts(), lang, LISTED));
        long now = clock.millis();
        m.put("expiring", reads.expiringAnswers(now, now + EXPIRING_WITHIN.toMillis()).stream()
                .map(a -> expiring(a, lang)).toList());
        m.put("overview", o);
        m.put("byOs", shares(o.counts(), o.total(), true));
        m.put("byKind", shares(o.counts(), o.total(), false));
        m.put("agents", reads.agentCounts(now));
        m.put("overdueTasks", tasks.overdue(LISTED));
        m.put("myTasks", tasks.openCount(caller.name()));
        ChangeView.Feed changes = changeViews.lastDay(lang);
        m.put("changes", changes);
        m.put("changeLines", changes.checks().stream().filter(c -> !"other".equals(c.kind())).limit(LISTED).toList());
        return pages.page(request, "dashboard", m);
    }

    /**
     * The failing checks in the order to fix them: what a fix unblocks (必須 and ★3 criteria that
     * would turn met, then points), then severity, then how many assets fail.
     */
    List<Failing> failing(Map<String, Map<CheckStatus, Integer>> counts, Map<String, CriterionVerdict> verdicts, String lang,
                          int limit) {
        Map<String, Integer> failingAssets = new LinkedHashMap<>();
        counts.forEach((id, c) -> {
            int fail = c.getOrDefault(CheckStatus.FAIL, 0);
            if (fail > 0) {
                failingAssets.put(id, fail);
            }
        });
        List<FixImpact.Impact> ranked = FixImpact.rank(failingAssets, verdicts, catalog, compliance.library(), clock.millis(), zone);
        List<Failing> out = new ArrayList<>();
        for (FixImpact.Impact i : ranked.subList(0, Math.min(limit, ranked.size()))) {
            Map<CheckStatus, Integer> c = counts.get(i.checkId());
            int unknown = c.getOrDefault(CheckStatus.UNKNOWN, 0);
            out.add(new Failing(i.checkId(), checks.title(i.checkId(), lang), i.failingAssets(), unknown,
                    i.failingAssets() + unknown + c.getOrDefault(CheckStatus.PASS, 0), i.severity(),
                    ImpactText.of(i.required(), i.star3(), i.points(), lang)));
        }
        return out;
    }

    private Expiring expiring(Answer a, String lang) {
        Criterion c = catalog.criterion(a.criterionId()).orElse(null);
        String framework = c == null ? a.criterionId() : catalog.latest(c.framework()).map(v -> FrameworkCards.name(v, lang))
                .orElse(c.framework());
        return new Expiring(a.criterionId(), c == null ? a.criterionId() : c.number(), framework,
                c == null ? null : FrameworkTree.text(c, null), a.validUntil(), a.answeredBy());
    }

    static List<Share> shares(List<AssetStore.Count> counts, long total, boolean byOs) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (AssetStore.Count c : counts) {
            String k = byOs ? (c.osFamily() == null ? "" : c.osFamily()) : c.kind();
            sums.merge(k, c.count(), Long::sum);
        }
        return sums.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new Share(Labels.key(byOs ? "os." : "kind.", e.getKey()), e.getKey(), e.getValue(),
                        total == 0 ? 0 : (int) Math.round(100.0 * e.getValue() / total)))
                .toList();
    }
}
