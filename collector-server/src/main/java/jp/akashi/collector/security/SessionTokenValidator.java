package jp.akashi.collector.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.reactivestreams.Publisher;

/**
 * A person's session token, from the Authorization header (API sessions, and console sessions used
 * as bearer tokens) or the console's session cookie: checked against the session table on every
 * request by {@link AuthService#authenticate}, so nothing outlives a session's expiry, its logout
 * on another instance or the account's disabling. A cookie must hold a console session (one with
 * a CSRF token); only a cookie-borne session carries its CSRF token into the {@link Caller}, since
 * browsers never send an Authorization header on their own.
 */
@Singleton
public class SessionTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final AuthService auth;
    private final ExecutorService blocking;

    public SessionTokenValidator(AuthService auth, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.auth = auth;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!token.startsWith(Secrets.SESSION_PREFIX)) {
            return Publishers.empty();
        }
        boolean bearer = request != null && SessionCookieReader.bearer(request).filter(token::equals).isPresent();
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> caller(token, bearer).map(Caller::authentication).orElse(null), blocking));
    }

    private Optional<Caller> caller(String token, boolean bearer) {
        Optional<Caller> c = auth.authenticate(token);
        if (bearer) {
            return c.map(s -> new Caller(s.kind(), s.id(), s.name(), s.role(), s.sessionHash(), null));
        }
        return c.filter(s -> s.csrfToken() != null);
    }
}
