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

import jp.akashi.collector.security.AuthFilter;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;

/**
 * A person whose password an admin set (new account or reset) must replace it before using the
 * console: every console request except the password page itself, logout and the language switch
 * is sent to {@code /account/password}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(PasswordChangeGate.ORDER)
public class PasswordChangeGate {
    static final int ORDER = CsrfFilter.ORDER + 10;
    static final String PASSWORD_PAGE = "/account/password";
    private static final Set<String> OPEN = Set.of(PASSWORD_PAGE, "/logout", "/lang", "/login");

    private final AuthService auth;

    public PasswordChangeGate(AuthService auth) {
        this.auth = auth;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> gate(HttpRequest<?> request) {
        if (!WebRoutes.console(request) || OPEN.contains(request.getPath())) {
            return null;
        }
        Caller c = AuthFilter.caller(request).orElse(null);
        if (c == null || !c.isUser() || c.csrfToken() == null || !auth.mustChangePassword(c.id())) {
            return null;
        }
        return HttpResponse.seeOther(URI.create(PASSWORD_PAGE));
    }
}
