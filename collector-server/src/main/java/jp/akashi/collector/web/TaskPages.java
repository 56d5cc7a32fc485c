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
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.task.Task;
import jp.akashi.collector.task.TaskService;

/**
 * Tasks: my tasks, all open ones, overdue ones and closed ones; a form to assign a failing check
 * (on an asset) or an unmet criterion to an owner with a due date (prefilled from the asset,
 * check and criterion pages), and a status change per row (won't fix asks for the exception's
 * reason and expiry). Auditors read.
 */
@Controller("/tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskPages {
    static final List<String> VIEWS = List.of("mine", "open", "overdue", "closed");
    /** Tasks per page (each row carries its own status form). */
    static final int PAGE_SIZE = 50;

    private final TaskService tasks;
    private final CheckIndex checks;
    private final Catalog catalog;
    private final ConsoleReads reads;
    private final WebPages pages;
    private final DisplayZone zone;

    public TaskPages(TaskService tasks, CheckIndex checks, Catalog catalog, ConsoleReads reads, WebPages pages, DisplayZone zone) {
        this.tasks = tasks;
        this.checks = checks;
        this.catalog = catalog;
        this.reads = reads;
        this.pages = pages;
        this.zone = zone;
    }

    /** A task as the list shows it. */
    public record Row(Task t, String targetLabel, String targetHref, String assetName, String assetHref, boolean overdue) {
    }

    /** The form as prefilled or typed. */
    public record Typed(String targetType, String targetId, String assetId, String owner, String due, String note) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String view, @Nullable @QueryValue String check,
                                @Nullable @QueryValue String criterion, @Nullable @QueryValue String asset,
                                @Nullable @QueryValue Integer page) {
        String type = criterion != null ? Task.CRITERION : Task.CHECK;
        Typed typed = new Typed(type, criterion != null ? criterion : nz(check), criterion != null ? "" : nz(asset), caller.name(),
                LocalDate.parse(tasks.today()).plusDays(14).toString(), "");
        return page(request, caller, view, Pager.pageNumber(page), typed, null, HttpStatus.OK);
    }

    /** The new-task form; the note is kept as typed (any text, Japanese included). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskForm(@Nullable String targetType, @Nullable String targetId, @Nullable String assetId, @Nullable String owner,
                           @Nullable String due, @Nullable @Size(max = 2000, message = "{tasks.error.note}") String note) {
    }

    /** A task's status form: the new status, a note, and the exception's end when the status is "won't fix". */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusForm(@Nullable String status, @Nullable @Size(max = 2000, message = "{tasks.error.note}") String note,
                             @Nullable String exceptionExpires) {
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid TaskForm form) {
        Typed typed = typed(form);
        try {
            tasks.create(caller, new TaskService.NewTask(typed.targetType(), typed.targetId(), typed.assetId(), typed.owner(), typed.due(),
                    typed.note()));
        } catch (Refusal e) {
            return refused(request, caller, typed, e);
        }
        return HttpResponse.seeOther(URI.create("/tasks?view=open&done=created"));
    }

    @Post("/{id}/status")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> status(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid StatusForm form) {
        String status = nz(Uploads.text(form.status()));
        Long expires = null;
        String until = nz(Uploads.text(form.exceptionExpires()));
        try {
            if (!until.isEmpty()) {
                expires = zone.endOf(LocalDate.parse(until));
            }
            tasks.update(caller, id, status, form.note(), expires);
        } catch (DateTimeParseException e) {
            return page(request, caller, "open", null, pages.text(request, "exceptions.error.date"), HttpStatus.BAD_REQUEST);
        } catch (Refusal e) {
            return refused(request, caller, null, e);
        }
        return HttpResponse.seeOther(URI.create(Task.WONT_FIX.equals(status) ? "/exceptions?state=requested&done=requested"
                : "/tasks?view=" + (Task.DONE.equals(status) ? "closed" : "open") + "&done=saved"));
    }

    /** A note too long comes back with the new-task form as typed and the error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Optional<TaskForm> created = FormErrors.form(e, TaskForm.class);
        if (created.isEmpty() && FormErrors.form(e, StatusForm.class).isEmpty()) {
            throw e;
        }
        Caller caller = Caller.of(request).orElseThrow(() -> e);
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        // a status form's note is not the new-task form's: its error is named in the alert only
        return page(request, caller, "open", 1, created.map(TaskPages::typed).orElse(null),
                pages.text(request, "tasks.error", FormErrors.first(fields)), HttpStatus.BAD_REQUEST, created.isPresent() ? fields : Map.of());
    }

    private static Typed typed(TaskForm form) {
        return new Typed(Uploads.text(form.targetType()), nz(Uploads.text(form.targetId())), nz(Uploads.text(form.assetId())),
                nz(Uploads.text(form.owner())), nz(Uploads.text(form.due())), nz(form.note()));
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Caller caller, Typed typed, Refusal e) {
        HttpStatus st = RefusalStatus.of(e);
        if (st != HttpStatus.BAD_REQUEST && st != HttpStatus.CONFLICT && st != HttpStatus.NOT_FOUND) {
            throw e;
        }
        return page(request, caller, "open", typed, pages.text(request, "tasks.error", pages.message(request, e)), st);
    }

    private HttpResponse<?> page(HttpRequest<?> request, Caller caller, String view, Typed typed, String error, HttpStatus status) {
        return page(request, caller, view, 1, typed, error, status);
    }

    private HttpResponse<?> page(HttpRequest<?> request, Caller caller, String view, int pageNumber, Typed typed, String error,
                                 HttpStatus status) {
        return page(request, caller, view, pageNumber, typed, error, status, Map.of());
    }

    private HttpResponse<?> page(HttpRequest<?> request, Caller caller, String view, int pageNumber, Typed typed, String error,
                                 HttpStatus status, Map<String, String> fieldErrors) {
        String v = view != null && VIEWS.contains(view) ? view : "mine";
        String lang = ConsoleLanguage.lang(pages.locale(request));
        String today = tasks.today();
        TaskService.Page listed = tasks.page(v, caller.name(), PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
        List<Task> shown = listed.tasks();
        Set<String> ids = new LinkedHashSet<>();
        shown.forEach(t -> {
            if (t.assetId() != null) {
                ids.add(t.assetId());
            }
        });
        Map<String, AssetStore.Asset> assets = reads.assets(ids);
        List<Row> rows = shown.stream().map(t -> row(t, assets, lang, today)).toList();
        Map<String, Object> m = pages.model(request, "tasks.title");
        m.put("view", v);
        m.put("views", VIEWS);
        m.put("rows", rows);
        m.put("pager", Pager.of(pageNumber, PAGE_SIZE, listed.total(), "/tasks", "page", Map.of("view", v)));
        m.put("typed", typed == null ? new Typed(Task.CHECK, "", "", caller.name(), LocalDate.parse(today).plusDays(14).toString(), "")
                : typed);
        m.put("owners", tasks.owners());
        m.put("today", today);
        m.put("statuses", Task.STATUSES);
        m.put("fieldErrors", fieldErrors);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, error == null ? HttpStatus.OK : status, "tasks", m);
    }

    private Row row(Task t, Map<String, AssetStore.Asset> assets, String lang, String today) {
        boolean check = Task.CHECK.equals(t.targetType());
        String label = check ? checks.title(t.targetId(), lang)
                : catalog.criterion(t.targetId()).map(c -> c.globalId() + " " + FrameworkTree.text(c, null)).orElse(t.targetId());
        String href = check ? "/checks/" + t.targetId() : "/criteria/" + t.targetId();
        AssetStore.Asset a = t.assetId() == null ? null : assets.get(t.assetId());
        String assetHref = t.assetId() == null ? null : "/assets/" + t.assetId() + (check ? "#check-" + t.targetId() : "");
        return new Row(t, label, href, a == null ? t.assetId() : a.name(), assetHref, t.overdue(today));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
