package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
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
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.FailureLock;
import jp.akashi.collector.security.SessionList;
import jp.akashi.collector.security.TwoFactorService;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserNames;
import jp.akashi.collector.security.UserService;

/** People's accounts: admins create them, change roles, disable and reset passwords; auditors read. */
@Controller("/users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserPages {
    private final UserService users;
    private final AuthService auth;
    private final WebPages pages;
    private final TwoFactorService twoFactor;
    private final SessionList sessions;
    private final FailureLock lock;

    public UserPages(UserService users, AuthService auth, WebPages pages, TwoFactorService twoFactor, SessionList sessions,
                     FailureLock lock) {
        this.lock = lock;
        this.users = users;
        this.auth = auth;
        this.pages = pages;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request) {
        return pages.page(request, "users", listModel(request, null, Map.of(), Map.of()));
    }

    /** The new-user form. A full-width or Japanese user name is valid (taken in its NFKC form, see {@link UserNames}). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewUserForm(@Nullable @NotBlank(message = "{users.error.username}") String username,
                              @Nullable @Size(max = UserService.MAX_DISPLAY_NAME, message = "{user.error.displayName}") String displayName,
                              @Nullable @NotBlank(message = "{users.error.role}") String role,
                              @Nullable String password) {
    }

    /** The display-name-and-role form of a user's page. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserEditForm(@Nullable @Size(max = UserService.MAX_DISPLAY_NAME, message = "{user.error.displayName}") String displayName,
                               @Nullable @NotBlank(message = "{users.error.role}") String role) {
    }

    /** The temporary-password form (the password is checked by {@link PasswordRules}, spaces kept). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasswordResetForm(@Nullable String password) {
    }

    /** The switch between "second factor required" and "optional". */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TwoFactorPolicyForm(@Nullable String required) {
    }

    @Post
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid NewUserForm form) {
        String username = Uploads.text(form.username());
        String displayName = Uploads.text(form.displayName());
        String password = form.password();
        Role role = role(Uploads.text(form.role()));
        String error = role == null ? pages.text(request, "users.error.role")
                : UserNames.problem(username).isPresent() ? pages.text(request, "users.error.username")
                : PasswordRules.check(pages, request, UserNames.normalize(username), password, null);
        if (error == null) {
            try {
                users.create(caller, username, displayName, role, password);
            } catch (Refusal e) {
                error = e.kind() == Refusal.Kind.CONFLICT ? pages.text(request, "users.error.exists", username)
                        : PasswordRules.refusal(pages, request, e, "users.error.rejected");
            }
        }
        if (error != null) {
            return pages.page(request, HttpStatus.BAD_REQUEST, "users", listModel(request, error, typed(form), Map.of()));
        }
        return HttpResponse.seeOther(URI.create("/users?done=created"));
    }

    /** A form that breaks its constraints comes back with what was typed and each field's error, in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        String summary = pages.text(request, "form.error.fields");
        Optional<NewUserForm> created = FormErrors.form(e, NewUserForm.class);
        if (created.isPresent()) {
            return pages.page(request, HttpStatus.BAD_REQUEST, "users", listModel(request, summary, typed(created.get()), fields));
        }
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("/users/([^/]+)").matcher(request.getPath());
        if (!path.matches()) {
            throw e;
        }
        String id = path.group(1);
        Map<String, Object> typed = new HashMap<>();
        FormErrors.form(e, UserEditForm.class).ifPresent(f -> typed.put("displayName", f.displayName() == null ? "" : f.displayName()));
        return detail(request, id, HttpStatus.BAD_REQUEST, summary, typed, fields);
    }

    private static Map<String, String> typed(NewUserForm form) {
        return Map.of("username", nz(Uploads.text(form.username())), "displayName", nz(Uploads.text(form.displayName())),
                "role", nz(Uploads.text(form.role())));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id) {
        return detail(request, id, HttpStatus.OK, null);
    }

    /** Display name and role. */
    @Post("/{id}")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid UserEditForm form) {
        Role role = role(Uploads.text(form.role()));
        if (role == null) {
            return detail(request, id, HttpStatus.BAD_REQUEST, pages.text(request, "users.error.role"));
        }
        if (id.equals(caller.id()) && role != Role.ADMIN) {
            return detail(request, id, HttpStatus.BAD_REQUEST, pages.text(request, "users.error.self"));
        }
        return change(request, id, "saved", () -> users.update(caller, id, Uploads.text(form.displayName()), role, null));
    }

    @Post("/{id}/disable")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> disable(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        if (id.equals(caller.id())) {
            return detail(request, id, HttpStatus.BAD_REQUEST, pages.text(request, "users.error.self"));
        }
        return change(request, id, "disabled", () -> users.update(caller, id, null, null, true));
    }

    @Post("/{id}/enable")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> enable(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        return change(request, id, "enabled", () -> users.update(caller, id, null, null, false));
    }

    /** Sets a temporary password that the person must replace at their next login. */
    @Post("/{id}/password")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resetPassword(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                         @Body @Valid PasswordResetForm form) {
        User u = find(id);
        if (auth.isSsoAccount(u.id())) {
            return detail(request, id, HttpStatus.CONFLICT, pages.text(request, "users.error.sso", u.username()));
        }
        String password = form.password();
        String error = PasswordRules.check(pages, request, u.username(), password, null);
        if (error != null) {
            return detail(request, id, HttpStatus.BAD_REQUEST, error);
        }
        return change(request, id, "reset", () -> auth.resetPassword(caller, id, password));
    }

    /** Lifts a lock that failed logins set ({@code akashi.login.lock-after}). */
    @Post("/{id}/unlock")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unlock(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        find(id);
        try {
            lock.unlock(caller, id);
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            return detail(request, id, HttpStatus.CONFLICT, pages.message(request, e));
        }
        return HttpResponse.seeOther(URI.create("/users/" + id + "?done=unlocked"));
    }

    /** Whether every local account must log in with a second factor (the admin needs one first). */
    @Post("/policy/two-factor")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> twoFactorPolicy(HttpRequest<?> request, Caller caller, @Body @Valid TwoFactorPolicyForm form) {
        boolean required = "true".equals(Uploads.text(form.required()));
        try {
            twoFactor.setRequired(caller, required);
        } catch (Refusal e) {
            return pages.page(request, HttpStatus.CONFLICT, "users", listModel(request, pages.message(request, e), Map.of(), Map.of()));
        }
        return HttpResponse.seeOther(URI.create("/users?done=" + (required ? "twoFactorRequired" : "twoFactorOptional")));
    }

    private HttpResponse<?> change(HttpRequest<?> request, String id, String done, Runnable action) {
        find(id);
        try {
            action.run();
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            return detail(request, id, HttpStatus.BAD_REQUEST, PasswordRules.refusal(pages, request, e, "users.error.rejected"));
        }
        return HttpResponse.seeOther(URI.create("/users/" + id + "?done=" + done));
    }

    private HttpResponse<?> detail(HttpRequest<?> request, String id, HttpStatus status, String error) {
        return detail(request, id, status, error, Map.of(), Map.of());
    }

    private HttpResponse<?> detail(HttpRequest<?> request, String id, HttpStatus status, String error, Map<String, Object> typed,
                                   Map<String, String> fieldErrors) {
        User u = find(id);
        Map<String, Object> m = pages.model(request, "user.title");
        m.put("typed", typed);
        m.put("fieldErrors", fieldErrors);
        m.put("user", u);
        m.put("twoFactor", twoFactor.state(u.id()));
        m.put("failureLocked", lock.locked(u.id()));
        m.put("sessions", sessions.of(u.id(), Caller.of(request).orElse(null)));
        m.put("roles", roles());
        m.put("minLength", AuthService.MIN_PASSWORD_LENGTH);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, status, "user", m);
    }

    private Map<String, Object> listModel(HttpRequest<?> request, String error, Map<String, String> typed, Map<String, String> fieldErrors) {
        Map<String, Object> m = pages.model(request, "users.title");
        m.put("fieldErrors", fieldErrors);
        m.put("users", users.all());
        m.put("twoFactorUsers", twoFactor.enrolledUsers());
        m.put("twoFactorRequired", twoFactor.required());
        m.put("roles", roles());
        m.put("typed", typed);
        m.put("minLength", AuthService.MIN_PASSWORD_LENGTH);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    private User find(String id) {
        return users.all().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    private static List<String> roles() {
        return Arrays.stream(Role.values()).map(Role::wire).toList();
    }

    private static Role role(String s) {
        try {
            return s == null ? null : Role.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
