package jp.akashi.collector.web;

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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetStore;

/**
 * Exceptions (accepted deviations): the list by state (requested, active, expired, rejected,
 * revoked), and for admins and the security team a form to request one — a check on some or all
 * assets, or a whole criterion, with justification and expiry — buttons to approve or reject
 * another person's request, and to revoke (or withdraw) one. Auditors read.
 */
@Controller("/exceptions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExceptionPages {
    static final List<String> STATES = List.of("requested", "active", "expired", "rejected", "revoked", "all");
    /** Asset names shown per exception before "and N more". */
    static final int NAMES_SHOWN = 5;

    private final ExceptionService exceptions;
    private final CheckIndex checks;
    private final Catalog catalog;
    private final ConsoleReads reads;
    private final WebPages pages;
    private final ZoneId zone;

    public ExceptionPages(ExceptionService exceptions, CheckIndex checks, Catalog catalog, ConsoleReads reads, WebPages pages,
                          jp.akashi.collector.config.DisplayZone displayZone) {
        this.exceptions = exceptions;
        this.checks = checks;
        this.catalog = catalog;
        this.reads = reads;
        this.pages = pages;
        this.zone = displayZone.zone();
    }

    /** One exception as the list shows it. */
    public record Row(ComplianceException e, String state, String targetLabel, String targetHref, List<AssetStore.Asset> assets,
                      int moreAssets) {
    }

    /** The create form's fields (empty, prefilled from a link, or as typed before an error). */
    public record Typed(String targetType, String check, String criterion, String assets, String justification, String expires) {
        static Typed empty() {
            return new Typed(ComplianceException.CHECK, "", "", "", "", "");
        }
    }

    /** A choice of criterion for the form: global id and a label. */
    public record Choice(String id, String label) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String state, @Nullable @QueryValue String check,
                                @Nullable @QueryValue String criterion, @Nullable @QueryValue String asset) {
        String type = criterion != null ? ComplianceException.CRITERION : ComplianceException.CHECK;
        Typed typed = new Typed(type, nz(check), nz(criterion), nz(asset), "", "");
        return page(request, state, typed, null);
    }

    /** The request form; the assets and the justification are kept as typed (any text, Japanese included). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExceptionForm(@Nullable String targetType, @Nullable String check, @Nullable String criterion,
                                @Nullable String assets,
                                @Nullable @NotBlank(message = "{exceptions.error.justification}")
                                @Size(max = 5000, message = "{exceptions.error.justification}") String justification,
                                @Nullable String expires) {
    }

    /** The approve and reject forms: the decider's note, as typed. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DecisionForm(@Nullable @Size(max = 2000, message = "{exceptions.error.note}") String note) {
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid ExceptionForm form) {
        Typed typed = typed(form);
        String targetId = ComplianceException.CRITERION.equals(typed.targetType()) ? Uploads.text(form.criterion())
                : Uploads.text(form.check());
        Long expiresAt;
        try {
            expiresAt = typed.expires().isEmpty() ? null
                    : LocalDate.parse(typed.expires()).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
        } catch (DateTimeParseException e) {
            return page(request, "requested", typed, pages.text(request, "exceptions.error.date"));
        }
        List<String> assetIds = new ArrayList<>();
        String unresolved = resolveAssets(request, typed.assets(), assetIds);
        if (unresolved != null) {
            return page(request, "requested", typed, unresolved);
        }
        try {
            exceptions.create(caller, new ExceptionService.NewException(typed.targetType(), targetId, assetIds,
                    form.justification(), expiresAt));
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return page(request, "requested", typed, pages.text(request, "exceptions.error.rejected", pages.message(request, e)));
        }
        return HttpResponse.seeOther(URI.create("/exceptions?state=requested&done=requested"));
    }

    /**
     * A request without a justification (or one too long), or a decision's comment too long, comes
     * back on the list with the form as typed and the field's error in the reader's language.
     */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        Optional<ExceptionForm> created = FormErrors.form(e, ExceptionForm.class);
        if (created.isPresent()) {
            return page(request, "requested", typed(created.get()),
                    pages.text(request, "exceptions.error.rejected", FormErrors.first(fields)), HttpStatus.BAD_REQUEST, fields);
        }
        if (FormErrors.form(e, DecisionForm.class).isPresent()) {
            return page(request, "requested", Typed.empty(), pages.text(request, "exceptions.error.decision", FormErrors.first(fields)),
                    HttpStatus.BAD_REQUEST, fields);
        }
        throw e;
    }

    private static Typed typed(ExceptionForm form) {
        return new Typed(Uploads.text(form.targetType()), nz(Uploads.text(form.check())), nz(Uploads.text(form.criterion())),
                nz(form.assets()), nz(form.justification()), nz(Uploads.text(form.expires())));
    }

    @Post("/{id}/approve")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> approve(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid DecisionForm form) {
        return decided(request, () -> exceptions.approve(caller, id, form.note()), "active", "approved");
    }

    @Post("/{id}/reject")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> reject(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid DecisionForm form) {
        return decided(request, () -> exceptions.reject(caller, id, form.note()), "rejected", "rejected");
    }

    /** Runs a decision; a refusal a person can act on (own request, already decided, no reason) is shown on the list. */
    private HttpResponse<?> decided(HttpRequest<?> request, Runnable decision, String state, String done) {
        try {
            decision.run();
        } catch (Refusal e) {
            HttpStatus st = RefusalStatus.of(e);
            if (st != HttpStatus.BAD_REQUEST && st != HttpStatus.FORBIDDEN && st != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, "requested", Typed.empty(), pages.text(request, "exceptions.error.decision", pages.message(request, e)), st);
        }
        return HttpResponse.seeOther(URI.create("/exceptions?state=" + state + "&done=" + done));
    }

    @Post("/{id}/revoke")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(Caller caller, @PathVariable String id) {
        exceptions.revoke(caller, id);
        return HttpResponse.seeOther(URI.create("/exceptions?state=revoked&done=revoked"));
    }

    /**
     * Asset ids from the form's lines (one per line or comma-separated): an id as it is, else a
     * host or display name that names exactly one asset. Returns an error text, or null when all resolved.
     */
    private String resolveAssets(HttpRequest<?> request, String text, List<String> out) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : text.split("[\\r\\n,]+")) {
            if (!part.isBlank()) {
                wanted.add(part.strip());
            }
        }
        Map<String, AssetStore.Asset> byId = reads.assets(wanted);
        for (String w : wanted) {
            if (byId.containsKey(w)) {
                out.add(w);
                continue;
            }
            List<String> named = reads.assetIdsNamed(w);
            if (named.size() != 1) {
                return pages.text(request, named.isEmpty() ? "exceptions.error.noAsset" : "exceptions.error.ambiguous", w);
            }
            out.add(named.get(0));
        }
        return null;
    }

    private HttpResponse<?> page(HttpRequest<?> request, String state, Typed typed, String error) {
        return page(request, state, typed, error, HttpStatus.BAD_REQUEST);
    }

    private HttpResponse<?> page(HttpRequest<?> request, String state, Typed typed, String error, HttpStatus errorStatus) {
        return page(request, state, typed, error, errorStatus, Map.of());
    }

    private HttpResponse<?> page(HttpRequest<?> request, String state, Typed typed, String error, HttpStatus errorStatus,
                                 Map<String, String> fieldErrors) {
        String lang = ConsoleLanguage.lang(pages.locale(request));
        long now = exceptions.now();
        List<ComplianceException> all = exceptions.all();
        // with nothing chosen, pending requests come first when there are any: they wait for someone
        String s = state != null && STATES.contains(state) ? state
                : all.stream().anyMatch(e -> "requested".equals(e.state(now))) ? "requested" : "active";
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(x -> counts.put(x, 0));
        List<ComplianceException> shown = new ArrayList<>();
        for (ComplianceException e : all) {
            String st = state(e, now);
            counts.merge(st, 1, Integer::sum);
            counts.merge("all", 1, Integer::sum);
            if (s.equals("all") || s.equals(st)) {
                shown.add(e);
            }
        }
        Set<String> assetIds = new LinkedHashSet<>();
        shown.forEach(e -> e.assetIds().stream().limit(NAMES_SHOWN).forEach(assetIds::add));
        Map<String, AssetStore.Asset> assets = reads.assets(assetIds);
        List<Row> rows = shown.stream().map(e -> row(e, now, lang, assets)).toList();
        Map<String, Object> m = pages.model(request, "exceptions.title");
        m.put("rows", rows);
        m.put("state", s);
        m.put("states", STATES);
        m.put("counts", counts);
        m.put("typed", typed);
        m.put("fieldErrors", fieldErrors);
        m.put("checks", checks.checks().stream().map(c -> new Choice(c.id(), c.title().in(lang) + " (" + c.id() + ")")).toList());
        m.put("criteria", criteriaChoices());
        m.put("minDate", LocalDate.now(zone).plusDays(1).toString());
        m.put("maxDate", LocalDate.now(zone).plusYears(3).toString());
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, error == null ? HttpStatus.OK : errorStatus, "exceptions", m);
    }

    private Row row(ComplianceException e, long now, String lang, Map<String, AssetStore.Asset> assets) {
        String label;
        String href;
        if (ComplianceException.CHECK.equals(e.targetType())) {
            label = checks.title(e.targetId(), lang);
            href = "/checks/" + e.targetId();
        } else {
            label = catalog.criterion(e.targetId()).map(c -> c.globalId() + " " + FrameworkTree.text(c, null)).orElse(e.targetId());
            href = "/criteria/" + e.targetId();
        }
        List<AssetStore.Asset> named = e.assetIds().stream().limit(NAMES_SHOWN).map(assets::get).filter(a -> a != null).toList();
        return new Row(e, state(e, now), label, href, named, Math.max(0, e.assetIds().size() - named.size()));
    }

    static String state(ComplianceException e, long now) {
        return e.state(now);
    }

    private List<Choice> criteriaChoices() {
        List<Choice> out = new ArrayList<>();
        for (Framework f : catalog.frameworks()) {
            for (Criterion c : f.latest().criteria()) {
                String text = FrameworkTree.text(c, null);
                if (text != null && text.length() > 60) {
                    text = text.substring(0, 60) + "…";
                }
                out.add(new Choice(c.globalId(), text == null ? c.globalId() : text));
            }
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
