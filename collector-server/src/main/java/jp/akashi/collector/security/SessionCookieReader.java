package jp.akashi.collector.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Gives micronaut-security the console's session cookie as a token, beside the bearer token of the
 * Authorization header (micronaut-security's own cookie reader only exists in its cookie login
 * mode, which would bring its login and logout endpoints along). {@link SessionTokenValidator}
 * checks the token against the session table.
 */
@Singleton
public class SessionCookieReader implements TokenReader<HttpRequest<?>> {
    public static final String SESSION_COOKIE = "AKASHI_SESSION";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue);
    }

    /** The token of the request's {@code Authorization: Bearer} header, if it has one. */
    static Optional<String> bearer(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
    }
}
