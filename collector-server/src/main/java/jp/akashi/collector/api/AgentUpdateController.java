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

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

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
    public Permission get() {
        return view(policy.current().orElse(null));
    }

    @Put
    @Secured(Roles.ADMIN)
    public Permission allow(Caller caller, @Body AllowRequest req) {
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

    /** Without a permission only {@code allowed: false}; the other fields are written while one is given (all non-null then). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Permission(boolean allowed, String file, String version, String sha256, String signature, String keyFingerprint,
                             String setBy, String setAt) {
    }

    static Permission view(AgentUpdatePolicy.Allowed a) {
        if (a == null) {
            return new Permission(false, null, null, null, null, null, null, null);
        }
        return new Permission(true, a.file(), a.version(), a.sha256(), a.signature(), a.keyFingerprint(), a.setBy(),
                Instant.ofEpochMilli(a.setAt()).toString());
    }
}
