package jp.akashi.collector.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.reactivestreams.Publisher;

import jp.akashi.collector.enroll.EnrollmentService;

/**
 * An enrolled agent's credential, only from the Authorization header: checked against the agents
 * table on every request, so a revoked agent is refused at once. The agent gets the single role
 * {@link Roles#AGENT}.
 */
@Singleton
public class AgentTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final EnrollmentService enrollment;
    private final ExecutorService blocking;

    public AgentTokenValidator(EnrollmentService enrollment, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.enrollment = enrollment;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!token.startsWith(Secrets.AGENT_PREFIX) || request == null
                || SessionCookieReader.bearer(request).filter(token::equals).isEmpty()) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> enrollment.authenticateAgent(token).map(Caller::agent).map(Caller::authentication).orElse(null),
                blocking));
    }
}
