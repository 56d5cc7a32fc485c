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

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.targets.ProbeKind;
import jp.akashi.probes.targets.TargetOptions;

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
    public List<TargetView> list() {
        return targets.all().stream().map(this::view).toList();
    }

    // the bodies stay Maps: a patch changes only the fields it names (a record cannot tell absent from null),
    // and TargetSpecReader refuses an unknown field by its name
    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public TargetView create(Caller caller, @Body Map<String, Object> body) {
        return view(targets.create(caller, body));
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public TargetView get(@PathVariable String id) {
        return view(targets.require(id));
    }

    @Patch("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public TargetView update(Caller caller, @PathVariable String id, @Body Map<String, Object> patch) {
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
    public HttpResponse<Started> run(@PathVariable String id) {
        scheduler.runNow(id);
        return HttpResponse.accepted().body(new Started(id, "started"));
    }

    @Post("/{id}/reset-host-key")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public TargetView resetHostKey(Caller caller, @PathVariable String id) {
        return view(targets.resetHostKey(caller, id));
    }

    @Get("/{id}/runs")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<RunView> runs(@PathVariable String id, @QueryValue(defaultValue = "50") int limit) {
        return targets.runs(id, limit).stream().map(TargetController::runView).toList();
    }

    /**
     * A target: its form (name … enabled, as {@code TargetService.form} and TargetSpecReader.write give
     * it, the fields a create or patch body takes) and its state; nulls are written.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetView(String id, String name, String address, String kind, List<String> probes, Options options, int intervalMinutes,
                             String credentialId, boolean enabled, HostKey hostKey, String assetId, boolean running, String nextRunAt,
                             String lastRunAt, String lastOutcome, String lastMessage, String createdBy, String createdAt,
                             String updatedAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Options(String ports, List<Integer> tlsPorts, int sshPort, int snmpPort, boolean sudo, boolean testWellKnownCommunities,
                          int snmpTimeoutMs, int snmpRetries) {
        static Options of(TargetOptions o) {
            return new Options(o.ports(), o.tlsPorts(), o.sshPort(), o.snmpPort(), o.sudo(), o.testWellKnownCommunities(), o.snmpTimeoutMs(),
                    o.snmpRetries());
        }
    }

    /** The SSH host key pinned on first contact (both null until then). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HostKey(String fingerprint, String pinnedAt) {
    }

    @Serdeable
    public record Started(String targetId, String status) {
    }

    /** One run; {@code probes} are the probes' own outcome objects as stored. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RunView(String id, String trigger, String startedAt, String finishedAt, String outcome, String message,
                          List<Map<String, Object>> probes, List<String> assetIds) {
    }

    private TargetView view(Target t) {
        return new TargetView(t.id(), t.spec().name(), t.spec().address(), t.spec().kind(),
                t.spec().probes().stream().sorted().map(ProbeKind::wire).toList(), Options.of(t.spec().options()), t.intervalSeconds() / 60,
                t.credentialId(), t.enabled(), new HostKey(t.hostKeyFingerprint(), time(t.hostKeyPinnedAt())), t.assetId(),
                scheduler.isRunning(t.id()), t.enabled() ? time(t.nextRunAt()) : null, time(t.lastRunAt()), t.lastOutcome(), t.lastMessage(),
                t.createdBy(), time(t.createdAt()), time(t.updatedAt()));
    }

    static RunView runView(TargetRunRecord r) {
        return new RunView(r.id(), r.trigger(), time(r.startedAt()), time(r.finishedAt()), r.outcome(), r.message(), r.probes(), r.assetIds());
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
