package jp.akashi.collector.web;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.targets.Credential;
import jp.akashi.collector.targets.CredentialService;
import jp.akashi.collector.targets.Target;
import jp.akashi.collector.targets.TargetRunRecord;
import jp.akashi.collector.targets.TargetScheduler;
import jp.akashi.collector.targets.TargetService;

/**
 * Targets the collector probes itself (agentless SSH, SNMP, TCP ports, TLS): the list with each
 * target's last outcome and message, the form to register or change one, its page with the pinned
 * SSH host key, run history and the assets it feeds; run now, reset the pin, delete. Validation,
 * scheduling and the audit log are {@link TargetService}'s and {@link TargetScheduler}'s.
 * Admin and security change targets; auditors read.
 */
@Controller("/targets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TargetPages {
    static final int RUNS_SHOWN = 50;
    /** How long "run now" waits for a quick run to finish, so the page can show its outcome at once. */
    static final Duration RUN_WAIT = Duration.ofSeconds(5);
    private final TargetService targets;
    private final TargetScheduler scheduler;
    private final CredentialService credentials;
    private final ConsoleReads reads;
    private final WebPages pages;

    public TargetPages(TargetService targets, TargetScheduler scheduler, CredentialService credentials, ConsoleReads reads,
                       WebPages pages) {
        this.targets = targets;
        this.scheduler = scheduler;
        this.credentials = credentials;
        this.reads = reads;
        this.pages = pages;
    }

    /** A target in the list: the target, whether it runs now and its credential's name. */
    public record Row(Target t, boolean running, String credentialName) {
        public List<String> probes() {
            return TargetForm.probes(t);
        }

        public int intervalMinutes() {
            return t.intervalSeconds() / 60;
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request) {
        Map<String, Object> m = pages.model(request, "targets.title");
        Map<String, String> names = credentialNames();
        m.put("rows", targets.all().stream().map(t -> new Row(t, scheduler.isRunning(t.id()), names.get(t.credentialId()))).toList());
        m.put("schedulerEnabled", Boolean.TRUE.equals(scheduler.status().get("schedulerEnabled")));
        return pages.page(request, "targets", m);
    }

    @Get("/new")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public HttpResponse<?> newForm(HttpRequest<?> request) {
        return form(request, TargetForm.defaults(), null, HttpStatus.OK);
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid TargetForm.Fields form) {
        TargetForm typed = TargetForm.read(form);
        Target t;
        try {
            t = targets.create(caller, typed.json());
        } catch (Refusal e) {
            return rejected(request, null, typed, e);
        }
        return HttpResponse.seeOther(URI.create("/targets/" + t.id() + "?done=created"));
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id) {
        Target t = targets.require(id);
        return detail(request, t, TargetForm.of(t), null, HttpStatus.OK);
    }

    @Post("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid TargetForm.Fields form) {
        Target old = targets.require(id);
        TargetForm typed = TargetForm.read(form);
        Map<String, Object> patch = TargetForm.changes(TargetService.form(old), typed.json());
        if (patch.isEmpty()) {
            return HttpResponse.seeOther(URI.create("/targets/" + id + "?done=unchanged"));
        }
        try {
            targets.update(caller, id, patch);
        } catch (Refusal e) {
            return rejected(request, old, typed, e);
        }
        return HttpResponse.seeOther(URI.create("/targets/" + id + "?done=saved"));
    }

    @Post("/{id}/run")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> run(HttpRequest<?> request, @PathVariable String id) {
        Target t = targets.require(id);
        CompletableFuture<TargetRunRecord> run;
        try {
            run = scheduler.runNow(id);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.CONFLICT) {
                throw e;
            }
            return detail(request, t, TargetForm.of(t), pages.text(request, "target.error.running"), HttpStatus.CONFLICT);
        }
        return HttpResponse.seeOther(URI.create("/targets/" + id + "?done=" + (finished(run) ? "ran" : "running")));
    }

    @Post("/{id}/reset-host-key")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resetHostKey(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        Target t = targets.require(id);
        try {
            targets.resetHostKey(caller, id);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return detail(request, t, TargetForm.of(t), pages.text(request, "target.error.rejected", pages.message(request, e)), HttpStatus.BAD_REQUEST);
        }
        return HttpResponse.seeOther(URI.create("/targets/" + id + "?done=pinreset"));
    }

    @Post("/{id}/delete")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(Caller caller, @PathVariable String id) {
        targets.delete(caller, id);
        return HttpResponse.seeOther(URI.create("/targets?done=deleted"));
    }

    /** Waits a little for a run, so that a quick one (a host that refuses at once) shows its outcome on the next page. */
    private static boolean finished(CompletableFuture<TargetRunRecord> run) {
        try {
            run.get(RUN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return run.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A target form without a name comes back as typed, with the field's error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Optional<TargetForm.Fields> form = FormErrors.form(e, TargetForm.Fields.class);
        if (form.isEmpty()) {
            throw e;
        }
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        TargetForm typed = TargetForm.read(form.get());
        String error = pages.text(request, "target.error.rejected", FormErrors.first(fields));
        Optional<String> id = FormErrors.pathId(request, TARGET_PATH);
        return id.isEmpty() ? form(request, typed, error, HttpStatus.BAD_REQUEST, fields)
                : detail(request, targets.require(id.get()), typed, error, HttpStatus.BAD_REQUEST, fields);
    }

    private static final java.util.regex.Pattern TARGET_PATH = java.util.regex.Pattern.compile("/targets/([^/]+)");

    /** The form again with what was typed and the service's reason; a missing target stays a 404. */
    private HttpResponse<?> rejected(HttpRequest<?> request, Target existing, TargetForm typed, Refusal e) {
        if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST && RefusalStatus.of(e) != HttpStatus.CONFLICT) {
            throw e;
        }
        String error = pages.text(request, "target.error.rejected", pages.message(request, e));
        return existing == null ? form(request, typed, error, RefusalStatus.of(e)) : detail(request, existing, typed, error, RefusalStatus.of(e));
    }

    private HttpResponse<?> form(HttpRequest<?> request, TargetForm typed, String error, HttpStatus status) {
        return form(request, typed, error, status, Map.of());
    }

    private HttpResponse<?> form(HttpRequest<?> request, TargetForm typed, String error, HttpStatus status,
                                 Map<String, String> fieldErrors) {
        Map<String, Object> m = pages.model(request, "target.new.title");
        formModel(m, typed, error, fieldErrors);
        return pages.page(request, status, "target-new", m);
    }

    private void formModel(Map<String, Object> m, TargetForm typed, String error, Map<String, String> fieldErrors) {
        m.put("form", typed);
        m.put("fieldErrors", fieldErrors);
        m.put("probeKinds", TargetForm.PROBES);
        m.put("credentials", credentials.all());
        m.put("minInterval", TargetService.MIN_INTERVAL_MINUTES);
        m.put("maxInterval", TargetService.MAX_INTERVAL_MINUTES);
        if (error != null) {
            m.put("error", error);
        }
    }

    /** One probe's result in a run, as the history shows it. */
    public record ProbeLine(String probe, String code, String message) {
    }

    /** A run with its probes' results and the assets it fed. */
    public record RunLine(TargetRunRecord run, List<ProbeLine> probes) {
        public long seconds() {
            return Math.max(0, (run.finishedAt() - run.startedAt()) / 1000);
        }

        /**
         * The run's message without the lines that only repeat a probe's result ("ssh: UNREACHABLE: …", shown
         * per probe beside it); null when nothing else is left.
         */
        public String otherMessage() {
            if (run.message() == null) {
                return null;
            }
            Set<String> repeated = new java.util.HashSet<>();
            probes.forEach(p -> repeated.add(p.probe() + ": " + p.code() + ": " + p.message()));
            String rest = String.join("\n", java.util.Arrays.stream(run.message().split("\n")).filter(l -> !repeated.contains(l)).toList());
            return rest.isEmpty() ? null : rest;
        }
    }

    private HttpResponse<?> detail(HttpRequest<?> request, Target t, TargetForm typed, String error, HttpStatus status) {
        return detail(request, t, typed, error, status, Map.of());
    }

    private HttpResponse<?> detail(HttpRequest<?> request, Target t, TargetForm typed, String error, HttpStatus status,
                                   Map<String, String> fieldErrors) {
        Map<String, Object> m = pages.model(request, "target.title");
        formModel(m, typed, error, fieldErrors);
        List<TargetRunRecord> runs = targets.runs(t.id(), RUNS_SHOWN);
        boolean running = scheduler.isRunning(t.id());
        m.put("t", t);
        m.put("probes", TargetForm.probes(t));
        m.put("intervalMinutes", t.intervalSeconds() / 60);
        m.put("running", running);
        m.put("credentialName", credentialNames().get(t.credentialId()));
        m.put("runs", runs.stream().map(TargetPages::runLine).toList());
        Set<String> fed = new LinkedHashSet<>();
        if (t.assetId() != null) {
            fed.add(t.assetId());
        }
        runs.forEach(r -> fed.addAll(r.assetIds()));
        Map<String, AssetStore.Asset> assets = reads.assets(fed);
        m.put("assets", fed.stream().map(assets::get).filter(java.util.Objects::nonNull).toList());
        if (running) {
            // the outcome is not known yet: the page reloads itself (a meta refresh; no script needed)
            m.put("refreshSeconds", 5);
        }
        return pages.page(request, status, "target", m);
    }

    static RunLine runLine(TargetRunRecord r) {
        List<ProbeLine> probes = new ArrayList<>();
        for (Map<String, Object> p : r.probes()) {
            probes.add(new ProbeLine(str(p.get("probe")), str(p.get("code")), str(p.get("message"))));
        }
        return new RunLine(r, probes);
    }

    private Map<String, String> credentialNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Credential c : credentials.all()) {
            names.put(c.id(), c.name());
        }
        return names;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
