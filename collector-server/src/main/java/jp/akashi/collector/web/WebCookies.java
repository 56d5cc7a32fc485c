package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

import jp.akashi.collector.security.SessionCookieReader;

/**
 * The console's cookies. All are HttpOnly (no script reads them), Path=/ and Secure when the
 * collector serves TLS (or {@code akashi.web.secure-cookies} says so behind a TLS proxy).
 *
 * <p>The session cookie is SameSite=Strict: a cross-site request never carries it, so a link
 * from another site lands on the login page instead of acting as the user. Every redirect in the
 * console (login → page, POST → GET) stays on the site, so Strict does not get in the way.
 */
@Singleton
public class WebCookies {
    public static final String SESSION = SessionCookieReader.SESSION_COOKIE;
    /** Login-CSRF token for visitors without a session (double-submit with the form's _csrf field). */
    public static final String PRE_SESSION = "AKASHI_PRE";
    public static final String LANG = "AKASHI_LANG";
    static final String SSO_NEXT = "AKASHI_SSO_NEXT";
    static final String SSO_LOGOUT = "AKASHI_SSO_LOGOUT";
    private static final Duration SSO_NEXT_LIFE = Duration.ofMinutes(15);
    /** A login waiting for its second factor (the password was right); lives as long as the pending login. */
    public static final String PENDING_LOGIN = "AKASHI_2FA";
    private static final Duration PRE_SESSION_LIFE = Duration.ofHours(12);
    private static final Duration LANG_LIFE = Duration.ofDays(365);

    private final boolean secure;

    @jakarta.inject.Inject
    public WebCookies(jp.akashi.collector.config.CollectorProperties collector, WebProperties web) {
        this(collector.tls(), web.secureCookies());
    }

    public WebCookies(boolean tls, String secureCookies) {
        this.secure = secureCookies.isBlank() ? tls : Boolean.parseBoolean(secureCookies.strip());
    }

    /** A browser-session cookie: no Max-Age, so it ends with the browser; the server ends it sooner. */
    public Cookie session(String token) {
        return base(SESSION, token);
    }

    public Cookie preSession(String token) {
        return base(PRE_SESSION, token).maxAge(PRE_SESSION_LIFE);
    }

    public Cookie pendingLogin(String token, Duration life) {
        return base(PENDING_LOGIN, token).maxAge(life);
    }

    public Cookie lang(String lang) {
        return base(LANG, lang).maxAge(LANG_LIFE);
    }

    /**
     * Where to go after single sign-on ({@link SsoPages}), kept across the trip to the provider.
     * SameSite=Lax, unlike the others: the provider's redirect back is a cross-site navigation, on
     * which a Strict cookie is not sent. It holds a console path, nothing secret.
     */
    public Cookie ssoNext(String path) {
        return Cookie.of(SSO_NEXT, java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(path.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/sso").maxAge(SSO_NEXT_LIFE);
    }

    /** The path {@link #ssoNext} kept, if any (undecodable: none). */
    static Optional<String> ssoNext(HttpRequest<?> request) {
        return read(request, SSO_NEXT).flatMap(v -> {
            try {
                return Optional.of(new String(java.util.Base64.getUrlDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Marks the browser that just logged out of a single sign-on account, for {@code GET /sso/logout}
     * (one minute): only that browser is sent on to the provider's logout, not any page linking there.
     */
    public Cookie ssoLogout() {
        return Cookie.of(SSO_LOGOUT, "1").httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/sso").maxAge(60);
    }

    public Cookie ssoLogoutExpired() {
        return Cookie.of(SSO_LOGOUT, "").httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/sso").maxAge(0);
    }

    /** Forgets {@link #ssoNext}'s cookie (same path, or the browser keeps it). */
    public Cookie ssoNextExpired() {
        return Cookie.of(SSO_NEXT, "").httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/sso").maxAge(0);
    }

    /** A cookie that makes the browser forget {@code name}. */
    public Cookie expired(String name) {
        return base(name, "").maxAge(0);
    }

    static Optional<String> read(HttpRequest<?> request, String name) {
        return request.getCookies().findCookie(name).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    private Cookie base(String name, String value) {
        return Cookie.of(name, value).httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/");
    }
}
