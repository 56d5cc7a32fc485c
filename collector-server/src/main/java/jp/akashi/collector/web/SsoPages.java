package jp.akashi.collector.web;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.client.OpenIdClient;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import jp.akashi.collector.api.Remote;
import jp.akashi.collector.security.OidcAccounts;
import jp.akashi.collector.security.OidcClaimsMapper;
import jp.akashi.collector.security.OidcProperties;

/**
 * Single sign-on in the browser: {@code /sso/login} sends the browser to the OpenID provider
 * (micronaut-security-oauth2's authorization-code request with state, nonce and PKCE, kept in
 * short-lived cookies), {@code /sso/callback} takes the provider's answer, lets the library check
 * it (state, code exchange, ID token signature, issuer, audience, nonce) and then opens an Akashi
 * session through {@link OidcAccounts} — the same session row as a password login, so the session
 * cookie, CSRF and logout work unchanged; the library mints no cookie or token of its own.
 *
 * <p>The provider's redirect back is a cross-site navigation, on which the browser withholds the
 * SameSite=Strict session cookie even after a redirect; so the callback answers with a short page
 * that moves on by itself (a same-site navigation, which carries the new cookie).
 */
@Controller("/sso")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SsoPages {
    private static final Logger LOG = LoggerFactory.getLogger(SsoPages.class);
    /** The name of the library's client in micronaut.security.oauth2.clients (application.yml). */
    static final String CLIENT = "akashi";
    private static final Duration PROVIDER_WAIT = Duration.ofSeconds(30);

    private final BeanContext beans;
    private final OidcProperties settings;
    private final OidcAccounts accounts;
    private final WebPages pages;
    private final WebCookies cookies;
    private final jp.akashi.collector.enroll.ServerUrl serverUrl;

    public SsoPages(BeanContext beans, OidcProperties settings, OidcAccounts accounts, WebPages pages, WebCookies cookies,
                    jp.akashi.collector.enroll.ServerUrl serverUrl) {
        this.serverUrl = serverUrl;
        this.beans = beans;
        this.settings = settings;
        this.accounts = accounts;
        this.pages = pages;
        this.cookies = cookies;
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> login(HttpRequest<?> request, @Nullable @QueryValue String next) {
        Optional<OpenIdClient> client = client();
        if (client.isEmpty()) {
            return notOffered(request);
        }
        try {
            MutableHttpResponse<?> toProvider = Mono.from(client.get().authorizationRedirect(request)).block(PROVIDER_WAIT);
            String target = WebRoutes.safeNext(next);
            return target.equals("/") ? toProvider.cookie(cookies.ssoNextExpired()) : toProvider.cookie(cookies.ssoNext(target));
        } catch (RuntimeException e) {
            // typically the discovery document cannot be fetched: the provider is down or the issuer is wrong
            LOG.warn("single sign-on: cannot start the login at {}: {}", settings.issuer(), e.toString());
            return result(request, HttpStatus.BAD_GATEWAY, "sso.unavailable", null);
        }
    }

    @Get("/callback")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SuppressWarnings("unchecked")
    public HttpResponse<?> callback(HttpRequest<?> request) {
        Optional<OpenIdClient> client = client();
        if (client.isEmpty()) {
            return notOffered(request);
        }
        AuthenticationResponse answer;
        try {
            answer = Mono.from(client.get().onCallback((HttpRequest<Map<String, Object>>) request)).block(PROVIDER_WAIT);
        } catch (RuntimeException e) {
            // the provider answered with an error (access_denied …), or state/nonce/code did not check out
            LOG.warn("single sign-on: the provider's answer was not accepted: {}", e.toString());
            return result(request, HttpStatus.UNAUTHORIZED, "sso.failed", null);
        }
        if (answer == null || !answer.isAuthenticated() || answer.getAuthentication().isEmpty()) {
            LOG.warn("single sign-on: the provider's answer was not accepted: {}",
                    answer == null ? "no answer" : answer.getMessage().orElse("not authenticated"));
            return result(request, HttpStatus.UNAUTHORIZED, "sso.failed", null);
        }
        Map<String, Object> claims = (Map<String, Object>) answer.getAuthentication().get().getAttributes().get(OidcClaimsMapper.CLAIMS);
        OidcAccounts.Identity who = new OidcAccounts.Identity(String.valueOf(claims.get("iss")), String.valueOf(claims.get("sub")), claims);
        OidcAccounts.Outcome o = accounts.signIn(who, Remote.address(request));
        if (o.refused() != null) {
            String key = o.refused() == OidcAccounts.Refused.DISABLED ? "sso.refused.disabled" : "sso.refused.role";
            return result(request, HttpStatus.FORBIDDEN, key, o.username());
        }
        String lang = "en".equals(o.login().user().locale()) ? "en" : "ja";
        Map<String, Object> m = pages.model(request, "sso.title");
        m.put("state", "welcome");
        m.put("messageKey", "sso.welcome");
        m.put("username", o.username());
        String target = WebRoutes.safeNext(WebCookies.ssoNext(request).orElse("/"));
        m.put("target", target);
        m.put("refreshSeconds", "0;url=" + target);
        return pages.page(request, HttpStatus.OK, "sso", m)
                .cookie(cookies.ssoNextExpired())
                .cookie(cookies.session(o.login().token()))
                .cookie(cookies.lang(lang))
                .cookie(cookies.expired(WebCookies.PRE_SESSION));
    }

    /**
     * The second step of a single sign-on account's logout: {@code POST /logout} ends the Akashi
     * session and comes here, and this page moves on to the provider's logout by itself (a meta
     * refresh, with a link): a redirect would not do, because the console's Content-Security-Policy
     * {@code form-action 'self'} covers every redirect of a form's navigation and stops the one to
     * another origin. Without the one-minute mark that the logout set, the login page: a link from
     * elsewhere cannot log anyone out of their provider.
     */
    @Get("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> logout(HttpRequest<?> request) {
        boolean marked = request.getCookies().findCookie(WebCookies.SSO_LOGOUT).isPresent();
        Optional<URI> provider = marked ? providerLogout(request) : Optional.empty();
        if (provider.isEmpty()) {
            return HttpResponse.seeOther(URI.create("/login")).cookie(cookies.ssoLogoutExpired());
        }
        Map<String, Object> m = pages.model(request, "sso.title");
        m.put("state", "loggedOut");
        m.put("messageKey", "sso.loggedOut");
        m.put("username", null);
        m.put("target", provider.get().toString());
        m.put("refreshSeconds", "0;url=" + provider.get());
        return pages.page(request, HttpStatus.OK, "sso", m).cookie(cookies.ssoLogoutExpired());
    }

    /** Whether {@code username}'s logout goes on to the provider's ({@link #logout}). */
    boolean logsOutAtProvider(String username) {
        return settings.enabled() && settings.providerLogout() && accounts.ssoAccount(username);
    }

    /**
     * Where a browser goes after logging out of an account that came through single sign-on: the
     * provider's {@code end_session_endpoint} (from its discovery document) with this client's id
     * and the login page to come back to (OpenID RP-Initiated Logout); empty when single sign-on or
     * provider logout is off, the provider names no such endpoint or cannot be reached — then the
     * Akashi session alone ends, as for a password login.
     */
    Optional<URI> providerLogout(HttpRequest<?> request) {
        if (!settings.enabled() || !settings.providerLogout()) {
            return Optional.empty();
        }
        try {
            String end = beans.findBean(DefaultOpenIdProviderMetadata.class, Qualifiers.byName(CLIENT))
                    .map(OpenIdProviderMetadata::getEndSessionEndpoint).orElse(null);
            if (end == null || end.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(URI.create(Links.query(end, "client_id", settings.clientId(),
                    "post_logout_redirect_uri", serverUrl.of(request) + "/login")));
        } catch (RuntimeException e) {
            LOG.warn("single sign-on: the provider's end-session endpoint is not available ({}); only the Akashi session ended", e.toString());
            return Optional.empty();
        }
    }

    private Optional<OpenIdClient> client() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return beans.findBean(OpenIdClient.class, Qualifiers.byName(CLIENT));
    }

    private MutableHttpResponse<?> notOffered(HttpRequest<?> request) {
        return result(request, HttpStatus.NOT_FOUND, "sso.off", null);
    }

    private MutableHttpResponse<?> result(HttpRequest<?> request, HttpStatus status, String messageKey, String username) {
        Map<String, Object> m = pages.model(request, "sso.title");
        m.put("state", "refused");
        // the language switch comes back to the login page, not to a callback whose code is spent
        m.put("here", "/login");
        m.put("messageKey", messageKey);
        m.put("username", username == null ? "" : username);
        return pages.page(request, status, "sso", m);
    }
}
