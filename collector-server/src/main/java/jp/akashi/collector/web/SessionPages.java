package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.Map;

import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.SessionList;
import jp.akashi.collector.security.TwoFactorService;

/**
 * The account page: two-factor status, and the person's sessions and API tokens with "sign out
 * everywhere" (all others, or all including this one) and ending one; admins do the same for
 * anyone on the user's page.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionPages {
    static final String ACCOUNT = "/account";

    private final SessionList sessions;
    private final TwoFactorService twoFactor;
    private final WebPages pages;
    private final WebCookies cookies;

    public SessionPages(SessionList sessions, TwoFactorService twoFactor, WebPages pages, WebCookies cookies) {
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.pages = pages;
        this.cookies = cookies;
    }

    @Get(ACCOUNT)
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> account(HttpRequest<?> request, Caller caller) {
        Map<String, Object> m = pages.model(request, "account.title");
        m.put("twoFactor", twoFactor.state(caller.id()));
        m.put("sessions", sessions.of(caller.id(), caller));
        return pages.page(request, "account", m);
    }

    @Post(ACCOUNT + "/sessions/{sid}/revoke")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeOwn(Caller caller, @PathVariable String sid) {
        boolean self = sessions.of(caller.id(), caller).stream().anyMatch(s -> s.current() && s.id().equals(sid));
        sessions.revoke(caller, caller.id(), sid);
        return self ? signedOut() : HttpResponse.seeOther(URI.create(ACCOUNT + "?done=sessionRevoked"));
    }

    /** The sign-out-everywhere form: {@code others} or {@code all}. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScopeForm(@Nullable String scope) {
    }

    /** "Sign out everywhere": {@code scope=others} keeps this browser's session, {@code all} ends it too. */
    @Post(ACCOUNT + "/sessions/revoke-all")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeAllOwn(Caller caller, @Body @Valid ScopeForm form) {
        boolean all = "all".equals(Uploads.text(form.scope()));
        sessions.revokeAll(caller, caller.id(), !all);
        return all ? signedOut() : HttpResponse.seeOther(URI.create(ACCOUNT + "?done=sessionsRevoked"));
    }

    @Post("/users/{id}/sessions/{sid}/revoke")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(Caller caller, @PathVariable String id, @PathVariable String sid) {
        sessions.revoke(caller, id, sid);
        return HttpResponse.seeOther(URI.create("/users/" + id + "?done=sessionRevoked"));
    }

    /** Ends all of a person's sessions (the admin's own is kept when it is their own page). */
    @Post("/users/{id}/sessions/revoke-all")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeAll(Caller caller, @PathVariable String id) {
        sessions.revokeAll(caller, id, id.equals(caller.id()));
        return HttpResponse.seeOther(URI.create("/users/" + id + "?done=sessionsRevoked"));
    }

    private HttpResponse<?> signedOut() {
        return HttpResponse.seeOther(URI.create("/login")).cookie(cookies.expired(WebCookies.SESSION));
    }
}
