package jp.akashi.collector.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.enroll.AgentHealth;
import jp.akashi.collector.enroll.AgentState;
import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.enroll.EnrollCommands;
import jp.akashi.collector.enroll.EnrollmentService;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/** Enrollment tokens (admins), the enrollment exchange (agents) and agent management. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnrollmentController {
    private final EnrollmentService enrollment;
    private final java.time.Clock clock;
    private final jp.akashi.collector.enroll.InstallScripts installScripts;
    private final jp.akashi.collector.enroll.AgentPackages packages;
    private final String fingerprint;
    private final jp.akashi.collector.enroll.ServerUrl serverUrl;

    public EnrollmentController(EnrollmentService enrollment, jp.akashi.collector.config.CollectorProperties collector,
                                jp.akashi.collector.enroll.ServerUrl serverUrl, java.time.Clock clock,
                                jp.akashi.collector.enroll.InstallScripts installScripts, jp.akashi.collector.enroll.AgentPackages packages) {
        this.clock = clock;
        this.installScripts = installScripts;
        this.packages = packages;
        this.enrollment = enrollment;
        this.fingerprint = collector.tlsFingerprint();
        this.serverUrl = serverUrl;
    }

    public record TokenRequest(Integer ttlHours, Integer maxUses, String note) {
    }

    public record EnrollRequest(String token, String name) {
    }

    @Post("/enrollment-tokens")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.CREATED)
    public NewToken createToken(Caller caller, @Body TokenRequest req, HttpRequest<?> request) {
        TokenRequest r = req == null ? new TokenRequest(null, null, null) : req;
        EnrollmentService.NewToken t = enrollment.createToken(caller,
                r.ttlHours() == null ? null : Duration.ofHours(r.ttlHours()), r.maxUses(), r.note());
        String server = serverUrl.of(request);
        // installCommands: the one-line installs (download pinned to this collector, hash check, install, enroll, start)
        return new NewToken(t.id(), t.token(), Instant.ofEpochMilli(t.expiresAt()).toString(), t.maxUses(), server,
                fingerprint.isEmpty() ? null : fingerprint, EnrollCommands.forToken(server, t.token(), fingerprint),
                installScripts.commands(server, t.token()));
    }

    @Get("/enrollment-tokens")
    @Secured(Roles.ADMIN)
    public List<TokenView> tokens() {
        return enrollment.tokens().stream().map(EnrollmentController::tokenView).toList();
    }

    @Delete("/enrollment-tokens/{id}")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.NO_CONTENT)
    public void revokeToken(Caller caller, @PathVariable String id) {
        enrollment.revokeToken(caller, id);
    }

    /** Trades an enrollment token for the agent's own credential. The token authenticates this call. */
    @Post("/enroll")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.CREATED)
    public Enrolled enroll(@Body EnrollRequest req, HttpRequest<?> request) {
        if (req == null) {
            throw ApiException.badRequest("JSON body with token required");
        }
        EnrollmentService.Enrolled e = enrollment.enroll(req.token(), req.name(), Remote.address(request));
        return new Enrolled(e.agentId(), e.credential());
    }

    /** The agent packages this collector serves at {@code /agent/packages/{file}}, with their SHA-256. */
    @Get("/agent-packages")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<jp.akashi.collector.enroll.AgentPackages.AgentPackage> agentPackages() {
        return packages.list();
    }

    @Get("/agents")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<AgentView> agents() {
        long now = clock.millis();
        String newest = packages.newestVersion().orElse(null);
        return enrollment.agents().stream()
                .map(a -> agentView(a, now, jp.akashi.collector.enroll.AgentPackages.outdated(a.lastVersion(), newest))).toList();
    }

    @Post("/agents/{id}/revoke")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.NO_CONTENT)
    public void revokeAgent(Caller caller, @PathVariable String id) {
        enrollment.revokeAgent(caller, id);
    }


    /** fingerprint is null (written) when the collector's TLS fingerprint is not configured. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NewToken(String id, String token, String expiresAt, int maxUses, String server, String fingerprint,
                           Map<String, String> enrollCommands, Map<String, String> installCommands) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TokenView(String id, String createdAt, String expiresAt, int maxUses, int uses, boolean revoked, String note) {
    }

    /** What the agent's enroll command reads (agent: cli.EnrollCommand). */
    @Serdeable
    public record Enrolled(String agentId, String credential) {
    }

    /**
     * An agent with its last report's health; every field is written, null until the agent reported it
     * ({@code update} null while no self-update was tried).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentView(String id, String name, String assetId, String createdAt, String lastSeenAt, String version, String lastAddress,
                            boolean revoked, String state, long missedIntervals, Integer intervalSeconds, Integer probeErrors,
                            Long collectMillis, Long clockSkewMillis, boolean clockSkewed, List<String> failingProbes, RuntimeView runtime,
                            Long peakRssBytes, String peakRssSource, Integer spoolPending, UpdateView update, boolean outdated) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RuntimeView(String javaVersion, String javaVendor, Boolean bundled) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UpdateView(String state, String version, String from, String detail, String at) {
    }

    static TokenView tokenView(AgentStore.EnrollmentToken t) {
        return new TokenView(t.id(), Instant.ofEpochMilli(t.createdAt()).toString(), Instant.ofEpochMilli(t.expiresAt()).toString(),
                t.maxUses(), t.uses(), t.revokedAt() != null, t.note());
    }

    static AgentView agentView(AgentStore.Agent a, long now, boolean outdated) {
        jp.akashi.collector.enroll.AgentSelfReport s = a.self();
        UpdateView update = s.updateState() == null ? null : new UpdateView(s.updateState(), s.updateVersion(), s.updateFrom(), s.updateDetail(),
                s.updateAt() == null ? null : Instant.ofEpochMilli(s.updateAt()).toString());
        return new AgentView(a.id(), a.name(), a.assetId(), Instant.ofEpochMilli(a.createdAt()).toString(),
                a.lastSeenAt() == null ? null : Instant.ofEpochMilli(a.lastSeenAt()).toString(), a.lastVersion(), a.lastAddress(),
                a.revokedAt() != null, AgentState.of(a, now).key, AgentState.missedIntervals(a, now), a.lastIntervalSeconds(),
                a.lastProbeErrors(), a.lastCollectMillis(), a.lastClockSkewMillis(), AgentHealth.skewed(a.lastClockSkewMillis()),
                a.lastFailingProbes() == null ? List.of() : List.of(a.lastFailingProbes().split(", ")),
                new RuntimeView(s.javaVersion(), s.javaVendor(), s.bundledRuntime()), s.peakRssBytes(), s.peakRssSource(), s.spoolPending(),
                update, outdated);
    }
}
