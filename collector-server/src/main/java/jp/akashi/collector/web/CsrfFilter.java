package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.filter.FilterBodyParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jp.akashi.collector.security.AuthFilter;
import jp.akashi.collector.security.Caller;

/**
 * CSRF protection for every state-changing console request, in one place: the request must carry
 * the session's CSRF token in the {@code _csrf} form field or the {@code X-CSRF-Token} header.
 * Visitors without a session (the login form, the language switch on it) must echo the token of
 * their login-CSRF cookie instead, so another site cannot log a browser into its own account.
 * Tokens are compared in constant time. Runs after {@link AuthFilter}, which identified the caller.
 *
 * <p>Only url-encoded (and JSON) bodies are parsed for the field; other bodies (multipart uploads)
 * must send the header, otherwise they are refused.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(CsrfFilter.ORDER)
public class CsrfFilter {
    /** After AuthFilter, which identifies the caller; before the password-change gate. */
    static final int ORDER = AuthFilter.ORDER + 10;
    public static final String FIELD = "_csrf";
    static final String REASON = "csrf";

    private final FilterBodyParser bodies;

    public CsrfFilter(FilterBodyParser bodies) {
        this.bodies = bodies;
    }

    @RequestFilter
    public CompletableFuture<@Nullable HttpResponse<?>> check(HttpRequest<?> request) {
        if (!WebRoutes.console(request) || !WebRoutes.unsafe(request.getMethod())) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<Caller> caller = AuthFilter.caller(request);
        if (caller.isPresent() && caller.get().csrfToken() == null) {
            // a bearer token in the Authorization header: browsers never send one on their own
            return CompletableFuture.completedFuture(null);
        }
        List<String> expected = new ArrayList<>(2);
        caller.map(Caller::csrfToken).ifPresent(expected::add);
        WebCookies.read(request, WebCookies.PRE_SESSION).ifPresent(expected::add);
        String header = request.getHeaders().get(AuthFilter.CSRF_HEADER);
        if (header != null) {
            return CompletableFuture.completedFuture(matches(header, expected) ? null : refused());
        }
        return bodies.parseBody(request)
                .exceptionally(e -> Map.of())
                .thenApply(form -> {
                    Object sent = form.get(FIELD);
                    return sent instanceof String s && matches(s, expected) ? null : refused();
                });
    }

    static boolean matches(String sent, List<String> expected) {
        boolean ok = false;
        byte[] s = sent.getBytes(StandardCharsets.UTF_8);
        for (String e : expected) {
            ok |= !e.isEmpty() && MessageDigest.isEqual(s, e.getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    private static HttpResponse<?> refused() {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .body(Map.of("error", "missing or wrong CSRF token", "status", 403, "reason", REASON));
    }
}
