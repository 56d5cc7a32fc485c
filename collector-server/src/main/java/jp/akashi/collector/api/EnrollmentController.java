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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    public Map<String, Object> createToken(Caller caller, @Body TokenRequest req, HttpRequest<?> request) {
        TokenRequest r = req == null ? new TokenRequest(null, null, null) : req;
        EnrollmentService.NewToken t = enrollment.createToken(caller,
                r.ttlHours() == null ? null : Duration.ofHours(r.ttlHours()), r.maxUses(), r.note());
        String server = serverUrl.of(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("token", t.token());
        out.put("expiresAt", Instant.ofEpochMilli(t.expiresAt()).toString());
        out.put("maxUses", t.maxUses());
        out.put("server", server);
        out.put("fingerprint", fingerprint.isEmpty() ? null : fingerprint);
        out.put("enrollCommands", EnrollCommands.forToken(server, t.token(), fingerprint));
        // the one-line installs: download pinned to this collector, hash check, install, enroll, start
        out.put("installCommands", installScripts.commands(server, t.token()));
        return out;
    }

    @Get("/enrollment-tokens")
    @Secured(Roles.ADMIN)
    public List<Map<String, Object>> tokens() {
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
    public Map<String, Object> enroll(@Body EnrollRequest req, HttpRequest<?> request) {
        if (req == null) {
            throw ApiException.badRequest("JSON body with token required");
        }
        EnrollmentService.Enrolled e = enrollment.enroll(req.token(), req.name(), Remote.address(request));
        return Map.of("agentId", e.agentId(), "credential", e.credential());
    }

    /** The agent packages this collector serves at {@code /agent/packages/{file}}, with their SHA-256. */
    @Get("/agent-packages")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<jp.akashi.collector.enroll.AgentPackages.AgentPackage> agentPackages() {
        return packages.list();
    }

    @Get("/agents")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<Map<String, Object>> agents() {
        long now = clock.millis();
        String newest = packages.newestVersion().orElse(null);
        return enrollment.agents().stream().map(a -> {
            Map<String, Object> m = agentView(a, now);
            m.put("outdated", jp.akashi.collector.enroll.AgentPackages.outdated(a.lastVersion(), newest));
            return m;
        }).toList();
    }

    @Post("/agents/{id}/revoke")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.NO_CONTENT)
    public void revokeAgent(Caller caller, @PathVariable String id) {
        enrollment.revokeAgent(caller, id);
    }


    static Map<String, Object> tokenView(AgentStore.EnrollmentToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("createdAt", Instant.ofEpochMilli(t.createdAt()).toString());
        m.put("expiresAt", Instant.ofEpochMilli(t.expiresAt()).toString());
        m.put("maxUses", t.maxUses());
        m.put("uses", t.uses());
        m.put("revoked", t.revokedAt() != null);
        m.put("note", t.note());
        return m;
    }

    static Map<String, Object> agentView(AgentStore.Agent a, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("assetId", a.assetId());
        m.put("createdAt", Instant.ofEpochMilli(a.createdAt()).toString());
        m.put("lastSeenAt", a.lastSeenAt() == null ? null : Instant.ofEpochMilli(a.lastSeenAt()).toString());
        m.put("version", a.lastVersion());
        m.put("lastAddress", a.lastAddress());
        m.put("revoked", a.revokedAt() != null);
        m.put("state", AgentState.of(a, now).key);
        m.put("missedIntervals", AgentState.missedIntervals(a, now));
        m.put("intervalSeconds", a.lastIntervalSeconds());
        m.put("probeErrors", a.lastProbeErrors());
        m.put("collectMillis", a.lastCollectMillis());
        m.put("clockSkewMillis", a.lastClockSkewMillis());
        m.put("clockSkewed", AgentHealth.skewed(a.lastClockSkewMillis()));
        m.put("failingProbes", a.lastFailingProbes() == null ? java.util.List.of() : java.util.List.of(a.lastFailingProbes().split(", ")));
        jp.akashi.collector.enroll.AgentSelfReport s = a.self();
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("javaVersion", s.javaVersion());
        rt.put("javaVendor", s.javaVendor());
        rt.put("bundled", s.bundledRuntime());
        m.put("runtime", rt);
        m.put("peakRssBytes", s.peakRssBytes());
        m.put("peakRssSource", s.peakRssSource());
        m.put("spoolPending", s.spoolPending());
        if (s.updateState() != null) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("state", s.updateState());
            u.put("version", s.updateVersion());
            u.put("from", s.updateFrom());
            u.put("detail", s.updateDetail());
            u.put("at", s.updateAt() == null ? null : Instant.ofEpochMilli(s.updateAt()).toString());
            m.put("update", u);
        } else {
            m.put("update", null);
        }
        return m;
    }
}
