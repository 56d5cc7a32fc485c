package jp.akashi.collector.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.targets.Target;
import jp.akashi.collector.targets.TargetRunRecord;
import jp.akashi.collector.targets.TargetScheduler;
import jp.akashi.collector.targets.TargetService;

/** Targets the collector probes itself (agentless SSH, SNMP, TCP ports, TLS) on a schedule. */
@Controller("/api/v1/targets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TargetController {
    private final TargetService targets;
    private final TargetScheduler scheduler;

    public TargetController(TargetService targets, TargetScheduler scheduler) {
        this.targets = targets;
        this.scheduler = scheduler;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<Map<String, Object>> list() {
        return targets.all().stream().map(this::view).toList();
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public Map<String, Object> create(Caller caller, @Body Map<String, Object> body) {
        return view(targets.create(caller, body));
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> get(@PathVariable String id) {
        return view(targets.require(id));
    }

    @Patch("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public Map<String, Object> update(Caller caller, @PathVariable String id, @Body Map<String, Object> patch) {
        return view(targets.update(caller, id, patch));
    }

    @Delete("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id) {
        targets.delete(caller, id);
    }

    /** Starts a run now; poll {@code GET /{id}} or {@code /{id}/runs} for its outcome. */
    @Post("/{id}/run")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public HttpResponse<Map<String, Object>> run(@PathVariable String id) {
        scheduler.runNow(id);
        return HttpResponse.accepted().body(Map.of("targetId", id, "status", "started"));
    }

    @Post("/{id}/reset-host-key")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public Map<String, Object> resetHostKey(Caller caller, @PathVariable String id) {
        return view(targets.resetHostKey(caller, id));
    }

    @Get("/{id}/runs")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<Map<String, Object>> runs(@PathVariable String id, @QueryValue(defaultValue = "50") int limit) {
        return targets.runs(id, limit).stream().map(TargetController::runView).toList();
    }

    private Map<String, Object> view(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.putAll(TargetService.form(t));
        Map<String, Object> hostKey = new LinkedHashMap<>();
        hostKey.put("fingerprint", t.hostKeyFingerprint());
        hostKey.put("pinnedAt", time(t.hostKeyPinnedAt()));
        m.put("hostKey", hostKey);
        m.put("assetId", t.assetId());
        m.put("running", scheduler.isRunning(t.id()));
        m.put("nextRunAt", t.enabled() ? time(t.nextRunAt()) : null);
        m.put("lastRunAt", time(t.lastRunAt()));
        m.put("lastOutcome", t.lastOutcome());
        m.put("lastMessage", t.lastMessage());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", time(t.createdAt()));
        m.put("updatedAt", time(t.updatedAt()));
        return m;
    }

    static Map<String, Object> runView(TargetRunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.trigger());
        m.put("startedAt", time(r.startedAt()));
        m.put("finishedAt", time(r.finishedAt()));
        m.put("outcome", r.outcome());
        m.put("message", r.message());
        m.put("probes", r.probes());
        m.put("assetIds", r.assetIds());
        return m;
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
