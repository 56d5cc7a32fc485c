package jp.akashi.collector.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;

import java.util.Map;

import org.reactivestreams.Publisher;

/**
 * Hands the validated ID token's claims to {@link OidcAccounts} untouched, instead of the
 * library's mapping to a micronaut-security {@code Authentication} with roles: that one is never
 * used to authorise anything here. Access always goes through an Akashi session
 * (SessionTokenValidator), whose role comes from the account row.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
public class OidcClaimsMapper implements OpenIdAuthenticationMapper {
    /** The attribute that carries the claims to {@code web.SsoPages}. */
    public static final String CLAIMS = "akashi.oidc.claims";

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName, OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims claims, @Nullable State state) {
        if (claims.getIssuer() == null || claims.getSubject() == null) {
            return Publishers.just(AuthenticationResponse.failure("the ID token has no issuer or subject"));
        }
        return Publishers.just(AuthenticationResponse.success(claims.getSubject(), Map.of(CLAIMS, claims.getClaims())));
    }
}
