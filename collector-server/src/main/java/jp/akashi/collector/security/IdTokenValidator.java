package jp.akashi.collector.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Checks the signature of the OpenID provider's ID tokens (keys from its JWKS, as the library
 * configured them) for the library's token-response validator, which then checks issuer,
 * audience, expiry and nonce. It replaces the library's JWT validator
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator: false} in application.yml)
 * because that one is also a request authenticator: it would accept any token signed by the
 * provider (or an unsigned one, when no keys are configured) as a bearer credential with the
 * roles its claims name, around the session table. This one never authenticates a request.
 */
@Singleton
public class IdTokenValidator implements ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> {
    private final ReactiveJsonWebTokenSignatureValidator<SignedJWT> signatures;

    public IdTokenValidator(ReactiveJsonWebTokenSignatureValidator<SignedJWT> signatures) {
        this.signatures = signatures;
    }

    /** Requests are authenticated by Akashi sessions and agent credentials only. */
    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Publishers.empty();
    }

    @Override
    public Publisher<JWT> validate(String token, HttpRequest<?> request) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            // also an unsigned ("alg": "none") token: only a signed one can be the provider's
            return Publishers.empty();
        }
        if (JWSAlgorithm.NONE.equals(jwt.getHeader().getAlgorithm())) {
            return Publishers.empty();
        }
        return Mono.from(signatures.validateSignature(jwt)).filter(Boolean::booleanValue).map(ok -> (JWT) jwt);
    }
}
