package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.CheckResultStore;
import jp.akashi.collector.evaluate.CheckStatus;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionService;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetStore;

/**
 * The check library: every check with what it applies to, the facts it reads, the criteria it
 * serves and how many assets pass, fail or are undecided; per check, its results asset by asset
 * (paged in SQL, failing first, or one status only).
 */
@Controller("/checks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckPages {
    static final int PAGE_SIZE = 50;
    /** The order results are listed in when no status is chosen. */
    static final List<CheckStatus> ORDER = List.of(CheckStatus.FAIL, CheckStatus.UNKNOWN, CheckStatus.PASS, CheckStatus.NOT_APPLICABLE);

    private final ComplianceService compliance;
    private final CheckIndex checks;
    private final ConsoleReads reads;
    private final WebPages pages;
    private final ExceptionService exceptions;

    public CheckPages(ComplianceService compliance, CheckIndex checks, ConsoleReads reads, WebPages pages,
                      ExceptionService exceptions) {
        this.compliance = compliance;
        this.checks = checks;
        this.reads = reads;
        this.pages = pages;
        this.exceptions = exceptions;
    }

    /** A check with its counts per status. */
    public record Line(CheckDefinition check, String title, String description, List<Criterion> criteria, int pass, int fail,
                       int unknown, int notApplicable) {
    }

    /** One asset's result of the check, and whether an active exception accepts it. */
    public record Result(CheckResultStore.Row row, AssetStore.Asset asset, String reason, boolean excepted) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request) {
        String lang = ConsoleLanguage.lang(pages.locale(request));
        Map<String, Map<CheckStatus, Integer>> counts = compliance.checkCounts();
        List<Line> lines = checks.checks().stream().map(c -> line(c, counts.getOrDefault(c.id(), Map.of()), lang)).toList();
        Map<String, Object> m = pages.model(request, "checks.title");
        m.put("lines", lines);
        return pages.page(request, "checks", m);
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String status,
                                @Nullable @QueryValue Integer page) {
        CheckDefinition c = checks.check(id).orElseThrow(() -> ApiException.notFound("no check " + id));
        Locale locale = pages.locale(request);
        String lang = ConsoleLanguage.lang(locale);
        CheckStatus only = parse(status);
        Map<CheckStatus, Integer> counts = compliance.checkCounts().getOrDefault(id, Map.of());
        Line line = line(c, counts, lang);
        int p = Pager.pageNumber(page);
        long total = only == null ? counts.values().stream().mapToLong(Integer::longValue).sum() : counts.getOrDefault(only, 0);
        List<CheckResultStore.Row> rows = only == null ? compliance.checkResults(id, (p - 1) * PAGE_SIZE, PAGE_SIZE)
                : compliance.checkResults(id, only, (p - 1) * PAGE_SIZE, PAGE_SIZE);
        Map<String, AssetStore.Asset> assets = reads.assets(rows.stream().map(CheckResultStore.Row::assetId).toList());
        long now = exceptions.now();
        List<ComplianceException> active = exceptions.all().stream().filter(e -> e.activeAt(now)).toList();
        List<Result> results = new ArrayList<>();
        for (CheckResultStore.Row r : rows) {
            results.add(new Result(r, assets.get(r.assetId()), "en".equals(lang) ? r.reasonEn() : r.reasonJa(),
                    AssetChecks.excepted(r, active)));
        }
        Map<String, Object> m = pages.model(request, "check.title");
        m.put("line", line);
        m.put("remediation", RemediationView.of(c, null, lang));
        m.put("results", results);
        m.put("status", only == null ? null : only.name());
        m.put("statuses", ORDER.stream().map(CheckStatus::name).toList());
        m.put("pager", Pager.of(p, PAGE_SIZE, total, "/checks/" + id, "page",
                Map.of("status", only == null ? "" : only.name())));
        return pages.page(request, "check", m);
    }

    private Line line(CheckDefinition c, Map<CheckStatus, Integer> counts, String lang) {
        return new Line(c, c.title().in(lang), c.description() == null ? null : c.description().in(lang), checks.criteria(c.id()),
                counts.getOrDefault(CheckStatus.PASS, 0), counts.getOrDefault(CheckStatus.FAIL, 0),
                counts.getOrDefault(CheckStatus.UNKNOWN, 0), counts.getOrDefault(CheckStatus.NOT_APPLICABLE, 0));
    }

    private static CheckStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CheckStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be one of " + ORDER);
        }
    }
}
