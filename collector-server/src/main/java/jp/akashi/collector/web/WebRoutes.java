package jp.akashi.collector.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;

/** Which requests belong to the web console (as opposed to the JSON API, static files and unknown paths). */
final class WebRoutes {
    static final String API_PREFIX = "/api/";

    private WebRoutes() {
    }

    static boolean api(HttpRequest<?> request) {
        return request.getPath().startsWith(API_PREFIX);
    }

    /** A request that matched a console route (not the API, not a static file). */
    static boolean console(HttpRequest<?> request) {
        return !api(request) && RouteAttributes.getRouteMatch(request).isPresent();
    }

    static boolean unsafe(HttpMethod m) {
        return m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS && m != HttpMethod.TRACE;
    }

    /**
     * A same-site path to send a browser to after login or a language switch; anything that could
     * leave the site ({@code //host}, {@code /\host}, absolute URLs, control characters) becomes "/".
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/")
                || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        if (next.equals("/login") || next.startsWith("/login?") || next.startsWith("/logout")) {
            return "/";
        }
        return next;
    }
}
