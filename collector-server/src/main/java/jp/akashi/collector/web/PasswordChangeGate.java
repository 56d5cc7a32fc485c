package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.net.URI;
import java.util.Arrays;
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
    static final String API_AUTH = "/api/v1/auth/";
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
        if (!gated(request, api)) {
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

    /** Whether the request is one the gate closes: a routed, non-public request that is not one of the open ones. */
    private static boolean gated(HttpRequest<?> request, boolean api) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null || Arrays.asList(route.getAnnotationMetadata().stringValues(Secured.class)).contains(SecurityRule.IS_ANONYMOUS)) {
            return false;
        }
        String path = request.getPath();
        return api ? !path.startsWith(API_AUTH) : !OPEN.contains(path);
    }
}
