package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.Remote;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.OidcProperties;
import jp.akashi.collector.security.Roles;
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
 * For a person with two-factor login the right password only opens a pending login (cookie
 * {@code AKASHI_2FA}, 5 minutes); {@code /login/code} then asks for the app's code or a recovery
 * code, and only that opens the session.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginPages {
    static final String CODE_PAGE = "/login/code";
    private final AuthService auth;
    private final WebPages pages;
    private final WebCookies cookies;
    private final OidcProperties sso;
    private final SsoPages ssoPages;

    public LoginPages(AuthService auth, WebPages pages, WebCookies cookies, OidcProperties sso, SsoPages ssoPages) {
        this.ssoPages = ssoPages;
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

    /** The login form; the password is taken exactly as typed (spaces kept). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoginForm(@Nullable String username, @Nullable String password, @Nullable String next) {
    }

    /** The second step's form: the app's code or a recovery code. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodeForm(@Nullable String code, @Nullable String next) {
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> login(HttpRequest<?> request, @Body @Valid LoginForm form) {
        String username = Uploads.text(form.username());
        String next = Uploads.text(form.next());
        AuthService.Step step;
        try {
            step = auth.login(username, form.password(), null, Remote.address(request), userAgent(request), "web");
        } catch (AuthService.SsoOnly e) {
            return page(request, HttpStatus.FORBIDDEN, next, username, pages.text(request, "login.error.sso-only"));
        } catch (AuthService.Throttled e) {
            MutableHttpResponse<?> r = page(request, HttpStatus.TOO_MANY_REQUESTS, next, username,
                    pages.text(request, "login.error.throttled", e.retryAfterSeconds()));
            return r.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        } catch (AuthService.Locked e) {
            return page(request, HttpStatus.FORBIDDEN, next, username, pages.text(request, "login.error.locked"));
        } catch (Refusal e) {
            boolean bad = e.kind() == Refusal.Kind.BAD_INPUT;
            return page(request, bad ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED, next, username,
                    pages.text(request, bad ? "login.error.required" : "login.error.credentials"));
        }
        if (step.login() == null) {
            String q = next == null || next.isBlank() ? "" : "?next=" + java.net.URLEncoder.encode(WebRoutes.safeNext(next),
                    java.nio.charset.StandardCharsets.UTF_8);
            return HttpResponse.seeOther(URI.create(CODE_PAGE + q))
                    .cookie(cookies.pendingLogin(step.pendingToken(), AuthService.PENDING_LIFE));
        }
        return loggedIn(step.login(), next);
    }

    /** The second step for a person with two-factor login: the code of the app, or a recovery code. */
    @Get(CODE_PAGE)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> codeForm(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (WebCookies.read(request, WebCookies.PENDING_LOGIN).isEmpty()) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return codePage(request, HttpStatus.OK, next, null);
    }

    @Post(CODE_PAGE)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> code(HttpRequest<?> request, @Body @Valid CodeForm form) {
        String next = Uploads.text(form.next());
        AuthService.Login l;
        try {
            l = auth.completeLogin(WebCookies.read(request, WebCookies.PENDING_LOGIN).orElse(null), Uploads.text(form.code()),
                    Remote.address(request), userAgent(request));
        } catch (AuthService.Throttled e) {
            MutableHttpResponse<?> r = codePage(request, HttpStatus.TOO_MANY_REQUESTS, next,
                    pages.text(request, "login.error.throttled", e.retryAfterSeconds()));
            return r.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        } catch (AuthService.PendingExpired e) {
            return page(request, HttpStatus.UNAUTHORIZED, next, null, pages.text(request, "login.error.pendingExpired"))
                    .cookie(cookies.expired(WebCookies.PENDING_LOGIN));
        } catch (Refusal e) {
            return codePage(request, HttpStatus.UNAUTHORIZED, next, pages.text(request, "login.error.code"));
        }
        return loggedIn(l, next).cookie(cookies.expired(WebCookies.PENDING_LOGIN));
    }

    private MutableHttpResponse<?> loggedIn(AuthService.Login l, String next) {
        String target = l.user().mustChangePassword() ? PasswordChangeGate.PASSWORD_PAGE : WebRoutes.safeNext(next);
        String lang = "en".equals(l.user().locale()) ? "en" : "ja";
        return HttpResponse.seeOther(URI.create(target))
                .cookie(cookies.session(l.token()))
                .cookie(cookies.lang(lang))
                .cookie(cookies.expired(WebCookies.PRE_SESSION));
    }

    static String userAgent(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.USER_AGENT);
    }

    @Post("/logout")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> logout(HttpRequest<?> request, Caller caller) {
        // asked before the session row is gone; a single sign-on account goes on to the provider's logout
        boolean provider = ssoPages.logsOutAtProvider(caller.name());
        auth.logout(caller);
        MutableHttpResponse<?> r = HttpResponse.seeOther(URI.create(provider ? "/sso/logout" : "/login"))
                .cookie(cookies.expired(WebCookies.SESSION));
        return provider ? r.cookie(cookies.ssoLogout()) : r;
    }

    private MutableHttpResponse<?> codePage(HttpRequest<?> request, HttpStatus status, String next, String error) {
        return form(request, status, "login-code", "login.code.title", next, error, Map.of());
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String next, String username, String error) {
        return form(request, status, "login", "login.title", next, error, Map.of("username", username == null ? "" : username));
    }

    /** A page with a form for visitors: login-CSRF token from the pre-session cookie (set when there is none). */
    private MutableHttpResponse<?> form(HttpRequest<?> request, HttpStatus status, String view, String title, String next,
                                        String error, Map<String, Object> extra) {
        String token = WebCookies.read(request, WebCookies.PRE_SESSION).orElse(null);
        boolean fresh = token == null;
        if (fresh) {
            token = Secrets.newSecret("");
        }
        Map<String, Object> m = pages.model(request, title);
        m.put("csrf", token);
        m.put("next", next == null ? "" : WebRoutes.safeNext(next));
        // single sign-on offered: the button, and when passwords are for the break-glass account only, a note saying so
        m.put("sso", sso.enabled());
        m.put("ssoOnly", sso.enabled() && !sso.localLogin());
        m.putAll(extra);
        if (error != null) {
            m.put("error", error);
        }
        MutableHttpResponse<?> r = pages.page(request, status, view, m);
        return fresh ? r.cookie(cookies.preSession(token)) : r;
    }
}
