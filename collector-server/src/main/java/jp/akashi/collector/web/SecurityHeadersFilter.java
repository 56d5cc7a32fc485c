package jp.akashi.collector.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every response (the Content-Security-Policy is micronaut-views' CSP filter,
 * configured in application.yml under {@code micronaut.views.csp}). Nothing but the static
 * files is cached — console pages and every API response (bearer-authenticated data must not
 * stay in a browser's or proxy's cache), so after logout the back button shows no one's data.
 * Referrers stay on this origin, except from share links, which send none.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-200) // outermost: also responses that the auth and CSRF filters cut short get the headers
public class SecurityHeadersFilter {
    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var h = response.getHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", noReferrer(request.getPath(), h.get("Referrer-Policy")) ? "no-referrer" : "same-origin");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!isStatic(request.getPath())) {
            h.set("Cache-Control", "no-store");
        }
    }

    /**
     * A share link's routes (their path is a secret) never send a referrer, not even to this
     * origin, and nor does a response whose route asked for that: the stricter policy stays.
     */
    static boolean noReferrer(String path, String routePolicy) {
        return path.startsWith("/share/") || "no-referrer".equals(routePolicy);
    }

    static boolean isStatic(String path) {
        return path.startsWith("/webjars/") || path.startsWith("/static/");
    }
}
