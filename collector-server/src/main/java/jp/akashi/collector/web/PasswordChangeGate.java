package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.Set;

import jp.akashi.collector.api.ApiErrors;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;

/**
 * A person whose password an admin set (new account or reset) must replace it before using the
 * console: every console request except the password page itself, logout and the language switch
 * is sent to {@code /account/password}. The same browser session cannot go round the gate through
 * the JSON API either: its {@code /api} requests other than the {@code /api/v1/auth} ones (which
 * include changing the password) are refused with 403. Bearer-token API sessions are not gated
 * here (their login response says {@code mustChangePassword}), and public routes stay public.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(PasswordChangeGate.ORDER)
public class PasswordChangeGate {
    static final int ORDER = CsrfFilter.ORDER + 10;
    static final String PASSWORD_PAGE = "/account/password";
    static final String API_AUTH = GatedRoutes.API_AUTH;
    private static final Set<String> OPEN = Set.of(PASSWORD_PAGE, "/logout", "/lang", "/login");

    private final AuthService auth;

    public PasswordChangeGate(AuthService auth) {
        this.auth = auth;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> gate(HttpRequest<?> request) {
        boolean api = WebRoutes.api(request);
        if (!GatedRoutes.closes(request, api, OPEN)) {
            return null;
        }
        Caller c = Caller.of(request).orElse(null);
        // csrfToken != null: a browser session (cookie); bearer sessions carry none
        if (c == null || !c.isUser() || c.csrfToken() == null || !auth.mustChangePassword(c.id())) {
            return null;
        }
        if (api) {
            return ApiErrors.error(403, "password change required: change it with POST " + API_AUTH + "password or on "
                    + PASSWORD_PAGE + " first");
        }
        return HttpResponse.seeOther(URI.create(PASSWORD_PAGE));
    }
}
