package jp.akashi.collector.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * micronaut-security's token authentication, with only Akashi's own validators: sessions
 * ({@link SessionTokenValidator}) and agent credentials ({@link AgentTokenValidator}). The OpenID
 * module brings request validators of its own — one sends every bearer token to the provider's
 * userinfo endpoint and accepts what the provider accepts, the JWT one accepts tokens the provider
 * signed — which would let a provider's access or ID token past the session table and send Akashi's
 * session tokens to the provider. They stay out of the chain whatever beans the libraries add.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public class RequestTokenValidators extends TokenAuthenticationFetcher {
    public RequestTokenValidators(SessionTokenValidator sessions, AgentTokenValidator agents,
                                  TokenResolver<HttpRequest<?>> tokenResolver,
                                  ApplicationEventPublisher<TokenValidatedEvent> events,
                                  HttpHostResolver hosts, HttpLocaleResolver locales) {
        super(List.of(sessions, agents), tokenResolver, events, hosts, locales);
    }
}
