package jp.akashi.collector.api;

import io.micronaut.http.HttpRequest;

/**
 * The client address of a request, for throttling and the audit log: the peer, or the client a
 * configured proxy names in {@code X-Forwarded-For} (resolved by the security package's
 * ClientAddresses before any route runs).
 */
public final class Remote {
    public static final String ATTRIBUTE = "akashi.client-address";

    private Remote() {
    }

    public static String address(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            try {
                return request.getRemoteAddress().getAddress().getHostAddress();
            } catch (RuntimeException e) {
                return null;
            }
        });
    }
}
