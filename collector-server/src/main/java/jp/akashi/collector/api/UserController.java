package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserService;

/** Local user accounts (admins only). */
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
public class UserController {
    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    public record NewUser(String username, String displayName, String role, String password) {
    }

    public record UserChange(String displayName, String role, Boolean disabled) {
    }

    @Get
    public List<UserView> list() {
        return users.all().stream().map(UserController::view).toList();
    }

    @Post
    @Status(HttpStatus.CREATED)
    public UserView create(Caller caller, @Body NewUser req) {
        if (req == null || req.role() == null) {
            throw ApiException.badRequest("JSON body with username, role and password required");
        }
        return view(users.create(caller, req.username(), req.displayName(), parseRole(req.role()), req.password()));
    }

    @Patch("/{id}")
    public UserView update(Caller caller, @PathVariable String id, @Body UserChange req) {
        if (req == null) {
            throw ApiException.badRequest("JSON body required");
        }
        return view(users.update(caller, id, req.displayName(), req.role() == null ? null : parseRole(req.role()), req.disabled()));
    }

    static Role parseRole(String role) {
        try {
            return Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** An account as the API shows it; displayName is written as null when not set. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserView(String id, String username, String displayName, String role, boolean disabled, boolean mustChangePassword,
                           String createdAt) {
    }

    static UserView view(User u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.role().wire(), u.disabled(), u.mustChangePassword(),
                Instant.ofEpochMilli(u.createdAt()).toString());
    }
}
