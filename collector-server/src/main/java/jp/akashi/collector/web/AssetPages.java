package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.AssetService;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetRoles;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.targets.TargetService;

/**
 * The asset inventory: searchable, filterable list paginated in SQL with each asset's number of
 * failing checks; one asset's check results, facts, evidence and history.
 */
@Controller("/assets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AssetPages {
    static final int PAGE_SIZE = 50;
    static final int HISTORY_SIZE = 20;
    static final int MAX_QUERY = 200;
    static final int CHANGES_SHOWN = 20;
    private final AssetService assets;
    private final ComplianceService compliance;
    private final ExceptionService exceptions;
    private final CheckIndex checks;
    private final TargetService targets;
    private final WebPages pages;
    private final AgentSpoolReads spool;

    public AssetPages(AssetService assets, ComplianceService compliance, ExceptionService exceptions, CheckIndex checks,
                      TargetService targets, WebPages pages, AgentSpoolReads spool) {
        this.spool = spool;
        this.assets = assets;
        this.targets = targets;
        this.compliance = compliance;
        this.exceptions = exceptions;
        this.checks = checks;
        this.pages = pages;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String q, @Nullable @QueryValue String os,
                                @Nullable @QueryValue String kind, @Nullable @QueryValue String role,
                                @Nullable @QueryValue Boolean stale, @Nullable @QueryValue Integer page) {
        String query = blank(q);
        if (query != null && query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        String osFamily = blank(os);
        String assetKind = blank(kind);
        String assetRole = blank(role);
        boolean staleOnly = Boolean.TRUE.equals(stale);
        int p = Pager.pageNumber(page);
        AssetStore.Filter filter = new AssetStore.Filter(query, assetKind, osFamily, assetRole, staleOnly,
                assets.defaultStaleBefore());
        AssetStore.Page result = assets.list(filter, (p - 1) * PAGE_SIZE, PAGE_SIZE);
        Map<String, Object> m = pages.model(request, "assets.title");
        m.put("items", result.items());
        m.put("stale", staleSet(result.items()));
        m.put("failing", compliance.failingCounts(result.items().stream().map(AssetStore.Asset::id).toList()));
        m.put("pager", Pager.of(p, PAGE_SIZE, result.total(), "/assets", "page",
                AssetView.filterParams(query, osFamily, assetKind, assetRole, staleOnly)));
        m.put("f", new FilterView(query == null ? "" : query, osFamily, assetKind, assetRole, staleOnly));
        m.put("osFamilies", assets.osFamilies());
        m.put("kinds", Labels.KINDS.stream().sorted().toList());
        m.put("assetRoles", AssetRoles.ALL);
        return pages.page(request, "assets", m);
    }

    /** The list's filters as the form shows them. */
    public record FilterView(String q, String os, String kind, String role, boolean stale) {
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue Integer hpage) {
        return detail(request, id, Pager.pageNumber(hpage), null, null);
    }

    /** The longest attribute the service keeps (displayName, owner, department, location). */
    static final int MAX_ATTRIBUTE = 255;
    private static final java.util.regex.Pattern ASSET_PATH = java.util.regex.Pattern.compile("/assets/([^/]+)");

    /** The asset's attributes form; {@code roles} is a repeated checkbox. Names may be any text (Japanese included). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttributesForm(@Nullable @Size(max = MAX_ATTRIBUTE, message = "{asset.error.tooLong}") String displayName,
                                 @Nullable @Size(max = MAX_ATTRIBUTE, message = "{asset.error.tooLong}") String owner,
                                 @Nullable @Size(max = MAX_ATTRIBUTE, message = "{asset.error.tooLong}") String department,
                                 @Nullable @Size(max = MAX_ATTRIBUTE, message = "{asset.error.tooLong}") String location,
                                 @Nullable @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> roles) {
    }

    @Post("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid AttributesForm form) {
        AssetView.Attributes typed = typed(form);
        try {
            assets.update(caller, id, new AssetService.Attributes(typed.displayName(), typed.owner(), typed.department(),
                    typed.location(), typed.roles()));
        } catch (Refusal e) {
            if (RefusalStatus.of(e) == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return detail(request, id, 1, typed, pages.text(request, "asset.error.rejected", pages.message(request, e)));
        }
        return HttpResponse.seeOther(URI.create("/assets/" + id + "?done=saved"));
    }

    /** An attribute longer than the service keeps comes back as typed, with the field's error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Optional<AttributesForm> form = FormErrors.form(e, AttributesForm.class);
        Optional<String> id = FormErrors.pathId(request, ASSET_PATH);
        if (form.isEmpty() || id.isEmpty()) {
            throw e;
        }
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        return detail(request, id.get(), 1, typed(form.get()), pages.text(request, "asset.error.rejected", FormErrors.first(fields)), fields);
    }

    private static AssetView.Attributes typed(AttributesForm form) {
        return new AssetView.Attributes(nz(Uploads.text(form.displayName())), nz(Uploads.text(form.owner())),
                nz(Uploads.text(form.department())), nz(Uploads.text(form.location())), Uploads.list(form.roles()));
    }

    private HttpResponse<?> detail(HttpRequest<?> request, String id, int historyPage, AssetView.Attributes typed, String error) {
        return detail(request, id, historyPage, typed, error, Map.of());
    }

    private HttpResponse<?> detail(HttpRequest<?> request, String id, int historyPage, AssetView.Attributes typed, String error,
                                   Map<String, String> fieldErrors) {
        AssetService.Detail d = assets.detail(id, 0).orElseThrow(() -> ApiException.notFound("no asset " + id));
        AssetService.History h = assets.history(id, (historyPage - 1) * HISTORY_SIZE, HISTORY_SIZE);
        Map<String, Object> m = pages.model(request, "asset.title");
        m.put("asset", d.asset());
        m.put("isStale", assets.stale(d.asset()));
        m.put("spool", spool.agent(d.asset().agentId()).orElse(null));
        String lang = ConsoleLanguage.lang(pages.locale(request));
        m.put("families", AssetView.families(d, lang));
        m.put("remoteSummary", AssetView.remoteSummary(d));
        // the targets whose runs feed this asset (collected by the collector itself)
        m.put("collectedBy", targets.all().stream().filter(t -> id.equals(t.assetId())).toList());
        m.put("factCount", d.facts().size());
        // each source's facts kept apart (agent, each target with its credential), and why an asset is unconfirmed
        m.put("sources", d.sources());
        m.put("unconfirmedReason", d.unconfirmedReason());
        m.put("history", h.items());
        m.put("historyPager", Pager.of(historyPage, HISTORY_SIZE, h.total(), "/assets/" + id, "hpage", Map.of()));
        m.put("attrs", typed != null ? typed : AssetView.Attributes.of(d.asset()));
        long now = exceptions.now();
        List<ComplianceException> active = exceptions.all().stream().filter(e -> e.activeAt(now)).toList();
        List<String> platforms = AssetView.remediationPlatforms(d);
        List<AssetChecks.Family> families = AssetChecks.families(compliance.assetResults(id), checks, active, id, platforms, lang);
        m.put("checkFamilies", families);
        // which checks do not apply and why, next to the one place to change it (the roles)
        m.put("notApplicable", families.stream().flatMap(f -> f.lines().stream()).filter(l -> l.status().equals("NOT_APPLICABLE")).toList());
        m.put("changes", AssetChecks.changes(compliance.assetTransitions(id, CHANGES_SHOWN), checks, lang));
        m.put("assetRoles", AssetRoles.ALL);
        m.put("fieldErrors", fieldErrors);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, error == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "asset", m);
    }

    /** Ids of the listed assets that stopped reporting. */
    private Set<String> staleSet(List<AssetStore.Asset> items) {
        Set<String> s = new HashSet<>();
        items.stream().filter(assets::stale).forEach(a -> s.add(a.id()));
        return s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
