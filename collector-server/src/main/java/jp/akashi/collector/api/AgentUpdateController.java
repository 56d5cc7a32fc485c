package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.akashi.collector.enroll.AgentUpdatePolicy;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/** The self-update permission (docs/DEPLOY-LINUX.md, "Self-update"): read by staff, set and withdrawn by admins. */
@Controller("/api/v1/agent-update")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentUpdateController {
    private final AgentUpdatePolicy policy;

    public AgentUpdateController(AgentUpdatePolicy policy) {
        this.policy = policy;
    }

    public record AllowRequest(String file) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> get() {
        return view(policy.current().orElse(null));
    }

    @Put
    @Secured(Roles.ADMIN)
    public Map<String, Object> allow(Caller caller, @Body AllowRequest req) {
        if (req == null || req.file() == null || req.file().isBlank()) {
            throw ApiException.badRequest("JSON body {\"file\": \"akashi-agent-<version>.jar\"} required",
                    "JSON 本文 {\"file\": \"akashi-agent-<version>.jar\"} が必要です");
        }
        return view(policy.allow(caller, req.file()));
    }

    @Delete
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.NO_CONTENT)
    public void disallow(Caller caller) {
        policy.disallow(caller);
    }

    static Map<String, Object> view(AgentUpdatePolicy.Allowed a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowed", a != null);
        if (a != null) {
            m.put("file", a.file());
            m.put("version", a.version());
            m.put("sha256", a.sha256());
            m.put("signature", a.signature());
            m.put("keyFingerprint", a.keyFingerprint());
            m.put("setBy", a.setBy());
            m.put("setAt", Instant.ofEpochMilli(a.setAt()).toString());
        }
        return m;
    }
}
