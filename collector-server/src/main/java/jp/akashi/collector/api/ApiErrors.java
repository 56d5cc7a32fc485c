package jp.akashi.collector.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

import jp.akashi.collector.Refusal;

/**
 * Turns every {@link Refusal} (the domain's, and the {@link ApiException}s of the HTTP layers) into
 * {@code {"error": "…", "errorJa": "…", "status": 400}} with the status of its kind ({@link RefusalStatus}).
 */
@Produces
@Singleton
@Requires(classes = {Refusal.class, ExceptionHandler.class})
public class ApiErrors implements ExceptionHandler<Refusal, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, Refusal e) {
        io.micronaut.http.HttpStatus status = RefusalStatus.of(e);
        if (e.ja() != null) {
            return HttpResponse.<Map<String, Object>>status(status)
                    .body(Map.of("error", e.getMessage(), "errorJa", e.ja(), "status", status.getCode()));
        }
        return error(status.getCode(), e.getMessage());
    }

    public static MutableHttpResponse<Map<String, Object>> error(int status, String message) {
        return HttpResponse.<Map<String, Object>>status(io.micronaut.http.HttpStatus.valueOf(status))
                .body(Map.of("error", message, "status", status));
    }
}
