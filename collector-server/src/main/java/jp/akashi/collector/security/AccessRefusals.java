package jp.akashi.collector.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jp.akashi.collector.api.ApiErrors;

/**
 * What a caller the {@code @Secured} rules refused gets, in place of micronaut-security's bare
 * 401/403: the API's JSON error (401 with {@code WWW-Authenticate: Bearer} when nobody is logged
 * in, 403 naming the caller's role otherwise); a console page sends a visitor who is not logged in
 * to the login page and back afterwards. Every such refusal carries {@value #REFUSAL_HEADER}
 * {@code : access}, so that a client, a proxy log or a test can tell it from a route's own 401,
 * 403 or 404.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AccessRefusals implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    /** Set on every refusal of the access rules ({@code access}) and of the CSRF check ({@code csrf}). */
    public static final String REFUSAL_HEADER = "X-Akashi-Refusal";
    /**
     * The order of micronaut-security's filter ({@code ServerFilterPhase.SECURITY}), as a constant for
     * the {@code @Order} of the filters that run just before it (client address) or after it (CSRF).
     */
    public static final int SECURITY_FILTER_ORDER = 39_000;

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        boolean api = request.getPath().startsWith("/api/");
        if (!e.isForbidden() || e.getAuthentication() == null) {
            if (api) {
                return ApiErrors.error(401, "authentication required").header("WWW-Authenticate", "Bearer")
                        .header(REFUSAL_HEADER, "access");
            }
            String next = URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8);
            return HttpResponse.seeOther(URI.create("/login?next=" + next)).header(REFUSAL_HEADER, "access");
        }
        Caller c = Caller.of(e.getAuthentication());
        return ApiErrors.error(403, c.isAgent() ? "agents may not call this endpoint"
                : "your role (" + c.role().wire() + ") may not do this").header(REFUSAL_HEADER, "access");
    }
}
