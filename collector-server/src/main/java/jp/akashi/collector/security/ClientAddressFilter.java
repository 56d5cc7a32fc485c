package jp.akashi.collector.security;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import jp.akashi.collector.api.Remote;

/** Resolves the client's address once per request ({@link ClientAddresses}) for {@link Remote#address}. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(AccessRefusals.SECURITY_FILTER_ORDER - 10)
public class ClientAddressFilter {
    private final ClientAddresses addresses;

    public ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @RequestFilter
    public void resolve(HttpRequest<?> request) {
        String a = addresses.of(request);
        if (a != null) {
            request.setAttribute(Remote.ATTRIBUTE, a);
        }
    }
}
