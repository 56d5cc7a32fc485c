package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.Map;

import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.Remote;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.OidcProperties;
import jp.akashi.collector.security.Secrets;

/**
 * Login and logout in the browser. Failed logins slow down the (user, address) pair that failed
 * ({@link jp.akashi.collector.security.LoginThrottle}): the form then says how long to wait and
 * answers 429 with Retry-After; no account is ever locked by failures. The login form is protected against login CSRF by a
 * pre-session token (cookie + hidden field, checked by {@link CsrfFilter}); a successful login
 * opens a "web" session (new random token, so a planted cookie cannot be fixed), sets the
 * language from the person's preference and sends anyone who must change their password there.
 * With single sign-on on ({@link SsoPages}) the page also offers it; with {@code akashi.oidc.local-login: false}
 * the password form admits only the break-glass account, and accounts made by single sign-on never
 * log in with a password ({@link AuthService.SsoOnly}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginPages {
    private final AuthService auth;
    private final WebPages pages;
    private final WebCookies cookies;
    private final OidcProperties sso;

    public LoginPages(AuthService auth, WebPages pages, WebCookies cookies, OidcProperties sso) {
        this.auth = auth;
        this.pages = pages;
        this.cookies = cookies;
        this.sso = sso;
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (Caller.of(request).filter(c -> c.csrfToken() != null).isPresent()) {
            return HttpResponse.seeOther(URI.create(WebRoutes.safeNext(next)));
        }
        return page(request, HttpStatus.OK, next, null, null);
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> login(HttpRequest<?> request, @Body Map<String, Object> body) {
        Form form = Form.of(body);
        String username = form.text("username");
        String next = form.text("next");
        AuthService.Login l;
        try {
            l = auth.login(username, form.raw("password"), Remote.address(request), "web");
        } catch (AuthService.SsoOnly e) {
            return page(request, HttpStatus.FORBIDDEN, next, username, pages.text(request, "login.error.sso-only"));
        } catch (AuthService.Throttled e) {
            MutableHttpResponse<?> r = page(request, HttpStatus.TOO_MANY_REQUESTS, next, username,
                    pages.text(request, "login.error.throttled", e.retryAfterSeconds()));
            return r.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        } catch (ApiException e) {
            String key = e.status() == HttpStatus.BAD_REQUEST ? "login.error.required" : "login.error.credentials";
            HttpStatus status = e.status() == HttpStatus.BAD_REQUEST ? e.status() : HttpStatus.UNAUTHORIZED;
            return page(request, status, next, username, pages.text(request, key));
        }
        String target = l.user().mustChangePassword() ? PasswordChangeGate.PASSWORD_PAGE : WebRoutes.safeNext(next);
        String lang = "en".equals(l.user().locale()) ? "en" : "ja";
        return HttpResponse.seeOther(URI.create(target))
                .cookie(cookies.session(l.token()))
                .cookie(cookies.lang(lang))
                .cookie(cookies.expired(WebCookies.PRE_SESSION));
    }

    @Post("/logout")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> logout(Caller caller) {
        auth.logout(caller);
        return HttpResponse.seeOther(URI.create("/login")).cookie(cookies.expired(WebCookies.SESSION));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String next, String username, String error) {
        String token = WebCookies.read(request, WebCookies.PRE_SESSION).orElse(null);
        boolean fresh = token == null;
        if (fresh) {
            token = Secrets.newSecret("");
        }
        Map<String, Object> m = pages.model(request, "login.title");
        m.put("csrf", token);
        m.put("next", next == null ? "" : WebRoutes.safeNext(next));
        m.put("username", username == null ? "" : username);
        // single sign-on offered: the button, and when passwords are for the break-glass account only, a note saying so
        m.put("sso", sso.enabled());
        m.put("ssoOnly", sso.enabled() && !sso.localLogin());
        if (error != null) {
            m.put("error", error);
        }
        MutableHttpResponse<?> r = pages.page(request, status, "login", m);
        return fresh ? r.cookie(cookies.preSession(token)) : r;
    }
}
