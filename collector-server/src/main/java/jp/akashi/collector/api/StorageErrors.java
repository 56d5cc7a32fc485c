package jp.akashi.collector.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.store.StorageUnavailable;

/**
 * A storage failure as the API says it: 503, {@code Retry-After} in seconds and
 * {@code {"error": "disk full on the collector's data volume", "errorJa": …, "reason": "disk-full", …}},
 * so agents keep their reports and come back later instead of retrying at once.
 */
@Produces
@Singleton
@Requires(classes = {StorageUnavailable.class, ExceptionHandler.class})
public class StorageErrors implements ExceptionHandler<StorageUnavailable, HttpResponse<?>> {
    private final CollectorHealth health;

    public StorageErrors(CollectorHealth health) {
        this.health = health;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, StorageUnavailable e) {
        long seconds = Math.max(1, health.retryAfter().toSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("errorJa", e.ja());
        body.put("status", 503);
        body.put("reason", e.reason());
        body.put("retryAfterSeconds", seconds);
        return HttpResponse.<Map<String, Object>>status(RefusalStatus.of(e)).header("Retry-After", String.valueOf(seconds)).body(body);
    }
}
