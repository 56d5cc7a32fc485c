package jp.akashi.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;

/** Login for API clients: username and password in, bearer token out. */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {
    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    public record LoginRequest(String username, String password) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** A 429 (the pair or the address must wait) carries Retry-After in seconds. */
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Map<String, Object>> login(@Body LoginRequest req, HttpRequest<?> request) {
        if (req == null) {
            throw ApiException.badRequest("JSON body with username and password required");
        }
        AuthService.Login l;
        try {
            l = auth.login(req.username(), req.password(), Remote.address(request), "api");
        } catch (AuthService.Throttled e) {
            return ApiErrors.error(429, e.getMessage()).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", l.token());
        out.put("tokenType", "Bearer");
        out.put("expiresAt", Instant.ofEpochMilli(l.expiresAt()).toString());
        out.put("username", l.user().username());
        out.put("role", l.user().role().wire());
        out.put("mustChangePassword", l.user().mustChangePassword());
        return HttpResponse.ok(out);
    }

    @Post("/logout")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Status(HttpStatus.NO_CONTENT)
    public void logout(Caller caller) {
        auth.logout(caller);
    }

    @Get("/me")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> me(Caller caller) {
        return Map.of("username", caller.name(), "role", caller.role().wire());
    }

    @Post("/password")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Status(HttpStatus.NO_CONTENT)
    public void changePassword(Caller caller, @Body PasswordChange req) {
        if (req == null || req.currentPassword() == null || req.newPassword() == null) {
            throw ApiException.badRequest("JSON body with currentPassword and newPassword required");
        }
        auth.changePassword(caller, req.currentPassword(), req.newPassword());
    }
}
