package jp.akashi.collector.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jp.akashi.collector.api.ApiErrors;
import jp.akashi.collector.enroll.EnrollmentService;

/**
 * Authenticates every request and enforces {@link Allowed} on the matched route. Bearer tokens
 * (people's API sessions, agent credentials) come in the Authorization header; browsers send the
 * session cookie and, for state-changing API calls, the CSRF token in {@code X-CSRF-Token}.
 * A route without {@link Allowed} is refused: access is never open by omission.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(AuthFilter.ORDER)
public class AuthFilter {
    /** Explicit (the SECURITY filter phase), so that filters which need the caller can run after this one. */
    public static final int ORDER = 39_000;
    public static final String CALLER = "akashi.caller";
    public static final String SESSION_COOKIE = "AKASHI_SESSION";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /**
     * Set on every refusal of the access rules ({@code access}) and of the CSRF check ({@code csrf}),
     * so that a client, a proxy log or a test can tell them from a route's own 401, 403 or 404.
     */
    public static final String REFUSAL_HEADER = "X-Akashi-Refusal";

    private final AuthService auth;
    private final EnrollmentService enrollment;

    public AuthFilter(AuthService auth, EnrollmentService enrollment) {
        this.auth = auth;
        this.enrollment = enrollment;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> filter(HttpRequest<?> request) {
        Optional<RouteMatch> route = RouteAttributes.getRouteMatch(request).map(r -> (RouteMatch) r);
        if (route.isEmpty()) {
            return null; // static resources and 404s
        }
        List<String> allowed = Arrays.asList(allowedRoles(route.get().getAnnotationMetadata()));
        boolean api = request.getPath().startsWith("/api/");
        if (allowed.isEmpty()) {
            return ApiErrors.error(403, "this endpoint declares no access rule").header(REFUSAL_HEADER, "access");
        }
        if (allowed.contains(Allowed.PUBLIC)) {
            // still identify a caller if one is present (login pages, health)
            identify(request).ifPresent(c -> request.setAttribute(CALLER, c));
            return null;
        }
        Optional<Caller> caller = identify(request);
        if (caller.isEmpty()) {
            if (api) {
                return ApiErrors.error(401, "authentication required").header("WWW-Authenticate", "Bearer")
                        .header(REFUSAL_HEADER, "access");
            }
            String next = URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8);
            return HttpResponse.seeOther(URI.create("/login?next=" + next)).header(REFUSAL_HEADER, "access");
        }
        Caller c = caller.get();
        // set before the checks below so that an error page can still show who is logged in
        request.setAttribute(CALLER, c);
        if (!permits(allowed, c)) {
            return ApiErrors.error(403, c.isAgent() ? "agents may not call this endpoint"
                    : "your role (" + c.role().wire() + ") may not do this").header(REFUSAL_HEADER, "access");
        }
        if (api && c.csrfToken() != null && unsafe(request.getMethod()) && !csrfOk(request, c)) {
            return ApiErrors.error(403, "missing or wrong " + CSRF_HEADER + " header").header(REFUSAL_HEADER, "csrf");
        }
        return null;
    }

    static boolean permits(List<String> allowed, Caller c) {
        if (c.isAgent()) {
            return allowed.contains(Allowed.AGENT);
        }
        return allowed.contains(Allowed.ANY_USER) || allowed.contains(c.role().wire());
    }

    private Optional<Caller> identify(HttpRequest<?> request) {
        Optional<String> authz = request.getHeaders().getAuthorization();
        if (authz.isPresent()) {
            String v = authz.get();
            if (!v.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            String token = v.substring(7).strip();
            if (token.startsWith(Secrets.AGENT_PREFIX)) {
                return enrollment.authenticateAgent(token).map(Caller::agent);
            }
            // bearer sessions carry no CSRF token: they are not sent automatically by browsers
            return auth.authenticate(token).map(c -> new Caller(c.kind(), c.id(), c.name(), c.role(), c.sessionHash(), null));
        }
        return request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).flatMap(auth::authenticate)
                .filter(c -> c.csrfToken() != null);
    }

    private static boolean unsafe(HttpMethod m) {
        return m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
    }

    private static boolean csrfOk(HttpRequest<?> request, Caller c) {
        String sent = request.getHeaders().get(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                c.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** The authenticated caller of a request that passed this filter. */
    public static Optional<Caller> caller(HttpRequest<?> request) {
        return request.getAttribute(CALLER, Caller.class);
    }


    /**
     * The route's rule: the method's own {@link Allowed} when it has one, else its controller's.
     * Micronaut merges the values of a class and a method annotation, which would let a method
     * that names fewer roles inherit every role of its controller.
     */
    static String[] allowedRoles(io.micronaut.core.annotation.AnnotationMetadata route) {
        io.micronaut.core.annotation.AnnotationMetadata method = route.getDeclaredMetadata();
        return method.hasDeclaredAnnotation(Allowed.class) ? method.stringValues(Allowed.class) : route.stringValues(Allowed.class);
    }
}
