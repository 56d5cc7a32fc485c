package jp.akashi.collector.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** Turns {@link ApiException} into {@code {"error": "..."}} with its status. */
@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiErrors implements ExceptionHandler<ApiException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException e) {
        if (e.ja() != null) {
            return HttpResponse.<Map<String, Object>>status(e.status())
                    .body(Map.of("error", e.getMessage(), "errorJa", e.ja(), "status", e.status().getCode()));
        }
        return error(e.status().getCode(), e.getMessage());
    }

    public static MutableHttpResponse<Map<String, Object>> error(int status, String message) {
        return HttpResponse.<Map<String, Object>>status(io.micronaut.http.HttpStatus.valueOf(status))
                .body(Map.of("error", message, "status", status));
    }
}
