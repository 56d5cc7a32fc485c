package jp.akashi.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.SessionList;

/**
 * Login for API clients: username and password (and, with two-factor login, the code) in, bearer
 * token out; the caller's own sessions and tokens, and ending them.
 */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {
    private final AuthService auth;
    private final SessionList sessions;

    public AuthController(AuthService auth, SessionList sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    public record RevokeAll(Boolean includeCurrent) {
    }

    /** The caller's unexpired sessions (console) and tokens (API); {@code current} marks the one of this request. */
    @Get("/sessions")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Sessions sessions(Caller caller) {
        return new Sessions(sessions.of(caller.id(), caller).stream().map(AuthController::json).toList());
    }

    @Delete("/sessions/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(Caller caller, @PathVariable String id) {
        sessions.revoke(caller, caller.id(), id);
    }

    /** "Sign out everywhere": ends the caller's other sessions, and this one too with {@code includeCurrent}. */
    @Post("/sessions/revoke-all")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Ended revokeAll(Caller caller, @Nullable @Body RevokeAll req) {
        boolean all = req != null && Boolean.TRUE.equals(req.includeCurrent());
        return new Ended(sessions.revokeAll(caller, caller.id(), !all));
    }

    @Serdeable
    public record Sessions(List<Session> sessions) {
    }

    /** client and userAgent are written as null when unknown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Session(String id, String kind, String createdAt, String lastSeenAt, String expiresAt, String client, String userAgent,
                          boolean current) {
    }

    @Serdeable
    public record Ended(int ended) {
    }

    @Serdeable
    public record LoginResponse(String token, String tokenType, String expiresAt, String username, String role, boolean mustChangePassword) {
    }

    @Serdeable
    public record Me(String username, String role) {
    }

    private static Session json(SessionList.Entry e) {
        return new Session(e.id(), e.kind(), Instant.ofEpochMilli(e.createdAt()).toString(), Instant.ofEpochMilli(e.lastSeenAt()).toString(),
                Instant.ofEpochMilli(e.expiresAt()).toString(), e.client(), e.userAgent(), e.current());
    }

    /** {@code totp}: the authenticator app's 6-digit code or a recovery code, for accounts with two-factor login. */
    public record LoginRequest(String username, String password, String totp) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** A 429 (the pair or the address must wait) carries Retry-After in seconds. */
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> login(@Body LoginRequest req, HttpRequest<?> request) {
        if (req == null) {
            throw ApiException.badRequest("JSON body with username and password required");
        }
        AuthService.Login l;
        try {
            l = auth.login(req.username(), req.password(), req.totp(), Remote.address(request),
                    request.getHeaders().get(HttpHeaders.USER_AGENT), "api").login();
        } catch (AuthService.Throttled e) {
            return ApiErrors.error(429, e.getMessage()).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        } catch (AuthService.SecondFactorRequired e) {
            // a client can tell this 401 from a wrong password by the field, and ask for the code
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("status", 401);
            body.put("totpRequired", true);
            return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED).body(body);
        }
        return HttpResponse.ok(new LoginResponse(l.token(), "Bearer", Instant.ofEpochMilli(l.expiresAt()).toString(), l.user().username(),
                l.user().role().wire(), l.user().mustChangePassword()));
    }

    @Post("/logout")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Status(HttpStatus.NO_CONTENT)
    public void logout(Caller caller) {
        auth.logout(caller);
    }

    @Get("/me")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Me me(Caller caller) {
        return new Me(caller.name(), caller.role().wire());
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
