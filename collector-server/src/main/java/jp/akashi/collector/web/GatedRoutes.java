package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Arrays;
import java.util.Set;

/**
 * Which requests a gate that holds a person on one page (a password change, two-factor
 * enrolment) closes: routed, non-public requests, except the API's own auth routes and the
 * console pages the person needs to get through the gate.
 */
final class GatedRoutes {
    static final String API_AUTH = "/api/v1/auth/";

    private GatedRoutes() {
    }

    static boolean closes(HttpRequest<?> request, boolean api, Set<String> openPages) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null || Arrays.asList(route.getAnnotationMetadata().stringValues(Secured.class)).contains(SecurityRule.IS_ANONYMOUS)) {
            return false;
        }
        String path = request.getPath();
        return api ? !path.startsWith(API_AUTH) : !openPages.contains(path);
    }
}
