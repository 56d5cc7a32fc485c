package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.web.router.RouteAttributes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jp.akashi.collector.api.ApiErrors;
import jp.akashi.collector.security.AccessRefusals;
import jp.akashi.collector.security.Caller;

/**
 * CSRF protection for every state-changing request of a browser session, in one place (the
 * micronaut-security CSRF module does not resolve here): a synchronizer token bound to the session
 * (the session row's CSRF token, which reaches this filter as an attribute of micronaut-security's
 * {@code Authentication}, see {@link Caller}). A console request must carry it in the {@code _csrf}
 * form field or the {@code X-CSRF-Token} header; an API call made with the session cookie must send
 * the header. Bearer-token callers are not checked: browsers never send an Authorization header
 * on their own.
 * Visitors without a session (the login form, the language switch on it) must echo the token of
 * their login-CSRF cookie instead, so another site cannot log a browser into its own account.
 * Once a session exists only its own token counts: the pre-session cookie is never accepted for
 * it (a cookie planted by a sibling site would otherwise be a CSRF token the attacker knows).
 * Tokens are compared in constant time. Runs after micronaut-security's filter, which identified
 * the caller and applied the access rules.
 *
 * <p>Url-encoded (and JSON) bodies are read for the field by Micronaut's body parser. Multipart
 * bodies (uploads) are not read here: decoding a multipart body in the filter would mean a second,
 * hand-written parser beside Micronaut's, buffering every upload twice. Such a route is marked
 * {@link UploadCsrf}; it binds the {@code _csrf} part like its other parts, and
 * {@link UploadCsrfInterceptor} checks it, with the same rules, before the route's code runs. A
 * multipart console request to a route without that mark is refused here unless it sends the
 * header. The token is not put in the form's URL (access logs, history and the Referer would
 * carry it). Any other body must send the header.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(CsrfFilter.ORDER)
public class CsrfFilter {
    /** After micronaut-security's filter (the SECURITY phase), which identifies the caller; before the password-change gate. */
    static final int ORDER = AccessRefusals.SECURITY_FILTER_ORDER + 10;
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String REASON = "csrf";

    private final FilterBodyParser bodies;

    public CsrfFilter(FilterBodyParser bodies) {
        this.bodies = bodies;
    }

    @RequestFilter
    public CompletableFuture<@Nullable HttpResponse<?>> check(HttpRequest<?> request) {
        if (!WebRoutes.unsafe(request.getMethod())) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<Caller> caller = Caller.of(request);
        if (WebRoutes.api(request) && RouteAttributes.getRouteMatch(request).isPresent()) {
            return CompletableFuture.completedFuture(apiCheck(request, caller.orElse(null)));
        }
        if (!WebRoutes.console(request)) {
            return CompletableFuture.completedFuture(null);
        }
        if (bearer(request)) {
            // a bearer token in the Authorization header: browsers never send one on their own
            return CompletableFuture.completedFuture(null);
        }
        List<String> expected = expected(request);
        String header = request.getHeaders().get(HEADER);
        if (header != null) {
            return CompletableFuture.completedFuture(matches(header, expected) ? null : refused());
        }
        if (multipart(request)) {
            // the route checks the form's own _csrf part (UploadCsrfInterceptor); a route that does not is refused
            boolean checkedByRoute = RouteAttributes.getRouteMatch(request).map(r -> r.getRouteInfo().getAnnotationMetadata().hasAnnotation(UploadCsrf.class)).orElse(false);
            return CompletableFuture.completedFuture(checkedByRoute ? null : refused());
        }
        return bodies.parseBody(request)
                .exceptionally(e -> Map.of())
                .thenApply(form -> {
                    Object sent = form.get(FIELD);
                    return sent instanceof String s && matches(s, expected) ? null : refused();
                });
    }

    /** An API call with the session cookie must send the session's token in the header; bearer tokens need none. */
    private static @Nullable HttpResponse<?> apiCheck(HttpRequest<?> request, @Nullable Caller caller) {
        if (caller == null || caller.csrfToken() == null) {
            return null;
        }
        String sent = request.getHeaders().get(HEADER);
        if (sent != null && matches(sent, List.of(caller.csrfToken()))) {
            return null;
        }
        return ApiErrors.error(403, "missing or wrong " + HEADER + " header").header(AccessRefusals.REFUSAL_HEADER, REASON);
    }

    static boolean multipart(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false);
    }

    /**
     * The tokens a state-changing console request may carry: the session's, or — only while there
     * is no session — the visitor's pre-session cookie. Empty for a bearer-token caller, who needs none
     * (see {@link #bearer}).
     */
    static List<String> expected(HttpRequest<?> request) {
        Optional<Caller> caller = Caller.of(request);
        List<String> expected = new ArrayList<>(1);
        if (caller.isPresent()) {
            if (caller.get().csrfToken() != null) {
                expected.add(caller.get().csrfToken());
            }
        } else {
            WebCookies.read(request, WebCookies.PRE_SESSION).ifPresent(expected::add);
        }
        return expected;
    }

    /** A caller with a bearer token in the Authorization header: browsers never send one on their own. */
    static boolean bearer(HttpRequest<?> request) {
        return Caller.of(request).map(c -> c.csrfToken() == null).orElse(false);
    }

    static boolean matches(String sent, List<String> expected) {
        boolean ok = false;
        byte[] s = sent.getBytes(StandardCharsets.UTF_8);
        for (String e : expected) {
            ok |= !e.isEmpty() && MessageDigest.isEqual(s, e.getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    static HttpResponse<?> refused() {
        return HttpResponse.status(HttpStatus.FORBIDDEN).header(AccessRefusals.REFUSAL_HEADER, REASON)
                .body(Map.of("error", "missing or wrong CSRF token", "status", 403, "reason", REASON));
    }
}
