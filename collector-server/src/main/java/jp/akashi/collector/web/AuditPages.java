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
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AuditChainMonitor;
import jp.akashi.collector.store.AuditLog;

/**
 * The audit log, newest first, paged by sequence number (cheap at any depth), with the hash
 * chain's verification status and its reason ({@link AuditChainMonitor}; {@code ?full=true}
 * recomputes it from the first entry now), the admin's repair of a broken chain (a sealed repair
 * entry, never a rewrite), filters (actor, action, date range) and the exports of the whole log (CSV,
 * JSON lines) through the API, which records each export in the log first.
 */
@Controller("/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditPages {
    static final int PAGE_SIZE = 50;
    static final String ACTION_PREFIX = "audit.action.";
    private final ConsoleReads reads;
    private final AuditChainMonitor chain;
    private final WebPages pages;
    private final WebMessages messages;

    public AuditPages(ConsoleReads reads, AuditChainMonitor chain, WebPages pages, WebMessages messages) {
        this.reads = reads;
        this.chain = chain;
        this.pages = pages;
        this.messages = messages;
    }

    /** The filters as the form shows them (what was typed, also when it could not be read). */
    public record FilterView(String actor, String action, String from, String to) {
        public boolean any() {
            return actor != null || action != null || from != null || to != null;
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue Long before, @Nullable @QueryValue String actor,
                                @Nullable @QueryValue String action, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue Boolean full) {
        FilterView f = new FilterView(clip(actor, 128), clip(action, 64), clip(from, 10), clip(to, 10));
        Map<String, Object> m = pages.model(request, "audit.title");
        AuditLog.Filter filter;
        try {
            filter = new AuditLog.Filter(f.actor(), f.action(), startOf(f.from(), 0), startOf(f.to(), 1));
        } catch (DateTimeParseException e) {
            m.put("error", pages.text(request, "audit.error.date"));
            filter = AuditLog.Filter.NONE;
        }
        long beforeSeq = before == null || before < 1 ? Long.MAX_VALUE : before;
        ConsoleReads.AuditPage page = reads.audit(filter, beforeSeq, PAGE_SIZE);
        m.put("items", page.items());
        m.put("first", beforeSeq == Long.MAX_VALUE);
        m.put("f", f);
        m.put("actions", messages.suffixes(ACTION_PREFIX));
        m.put("chain", chain.check(Boolean.TRUE.equals(full)));
        Map<String, String> params = params(f);
        m.put("newestUrl", Links.query("/audit", params));
        if (page.more()) {
            AuditLog.Entry last = page.items().get(page.items().size() - 1);
            params.put("before", String.valueOf(last.seq()));
            m.put("olderUrl", Links.query("/audit", params));
        }
        // the whole log's export is the API's (admin and auditor), which logs the export first
        Role role = Caller.of(request).map(Caller::role).orElse(null);
        m.put("canExport", role == Role.ADMIN || role == Role.AUDITOR);
        m.put("canRepair", role == Role.ADMIN);
        return pages.page(request, m.containsKey("error") ? HttpStatus.BAD_REQUEST : HttpStatus.OK, "audit", m);
    }

    /** The chain repair form: the admin's reason. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RepairForm(@Nullable @NotBlank(message = "{audit.repair.error.note}")
                             @Size(max = 1000, message = "{audit.repair.error.note}") String note) {
    }

    /** An admin acknowledges a broken chain with a reason: a sealed repair entry is appended. */
    @Post("/repair")
    @Secured({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> repair(HttpRequest<?> request, Caller caller, @Body @Valid RepairForm form) {
        String note = Uploads.text(form.note());
        try {
            chain.repair(caller.actor(), note);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST && RefusalStatus.of(e) != HttpStatus.CONFLICT) {
                throw e;
            }
            return pages.page(request, RefusalStatus.of(e), "audit", repairError(request, pages.message(request, e), note, Map.of()));
        }
        return HttpResponse.seeOther(URI.create("/audit?done=repaired"));
    }

    /** A repair without a reason (or with one too long) comes back with the reason as typed and the error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Optional<RepairForm> form = FormErrors.form(e, RepairForm.class);
        if (form.isEmpty()) {
            throw e;
        }
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        return pages.page(request, HttpStatus.BAD_REQUEST, "audit",
                repairError(request, FormErrors.first(fields), Uploads.text(form.get().note()), fields));
    }

    private Map<String, Object> repairError(HttpRequest<?> request, String reason, String note, Map<String, String> fieldErrors) {
        Map<String, Object> m = pages.model(request, "audit.title");
        ConsoleReads.AuditPage page = reads.audit(AuditLog.Filter.NONE, Long.MAX_VALUE, PAGE_SIZE);
        m.put("items", page.items());
        m.put("first", true);
        m.put("f", new FilterView(null, null, null, null));
        m.put("actions", messages.suffixes(ACTION_PREFIX));
        m.put("chain", chain.check(false));
        m.put("newestUrl", "/audit");
        m.put("canExport", true);
        m.put("canRepair", true);
        m.put("typedNote", note);
        m.put("fieldErrors", fieldErrors);
        m.put("error", pages.text(request, "audit.repair.rejected", reason));
        return m;
    }

    private static Map<String, String> params(FilterView f) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("actor", f.actor());
        p.put("action", f.action());
        p.put("from", f.from());
        p.put("to", f.to());
        return p;
    }

    /** The start of the day {@code plusDays} after the typed date, in the display zone; null for no date. */
    private Long startOf(String day, int plusDays) {
        return day == null ? null : LocalDate.parse(day).plusDays(plusDays).atStartOfDay(pages.zone()).toInstant().toEpochMilli();
    }

    private static String clip(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
