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
import jp.akashi.collector.security.TwoFactorService;
import jp.akashi.collector.security.TwoFactorStore;

/**
 * While an admin requires two-factor login for all local accounts, a person without it can only
 * set it up: every console request except the enrolment pages, the password page (the password
 * gate comes first), logout and the language switch is sent to {@code /account/two-factor}, and
 * {@code /api} requests other than {@code /api/v1/auth/*} are refused with 403 — for bearer
 * tokens too (one issued before the setting changed). New API logins of such accounts are
 * refused by {@code AuthService}. Public routes stay public.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(TwoFactorGate.ORDER)
public class TwoFactorGate {
    static final int ORDER = PasswordChangeGate.ORDER + 10;
    private static final Set<String> OPEN = Set.of(TwoFactorPages.PAGE, TwoFactorPages.PAGE + "/start",
            TwoFactorPages.PAGE + "/confirm", PasswordChangeGate.PASSWORD_PAGE, "/logout", "/lang", "/login");

    private final TwoFactorService twoFactor;
    private final AuthService auth;

    public TwoFactorGate(TwoFactorService twoFactor, AuthService auth) {
        this.twoFactor = twoFactor;
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
        if (c == null || !c.isUser()) {
            return null;
        }
        TwoFactorStore.Status s = twoFactor.status(c.id());
        // the policy is for local accounts: single sign-on accounts have their second factor at the provider
        if (!s.required() || s.enrolled() || auth.isSsoAccount(c.id())) {
            return null;
        }
        if (api) {
            return ApiErrors.error(403, "two-factor login is required for all local accounts: set it up on "
                    + TwoFactorPages.PAGE + " in the web console first");
        }
        return HttpResponse.seeOther(URI.create(TwoFactorPages.PAGE));
    }
}
