package jp.akashi.collector.api;

import io.micronaut.http.HttpRequest;

/** The peer address of a request, for throttling and the audit log (proxies are not trusted). */
public final class Remote {
    private Remote() {
    }

    public static String address(HttpRequest<?> request) {
        try {
            return request.getRemoteAddress().getAddress().getHostAddress();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
