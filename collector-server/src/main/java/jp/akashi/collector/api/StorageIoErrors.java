package jp.akashi.collector.api;

import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.store.StorageFailure;
import jp.akashi.collector.store.StorageUnavailable;

/**
 * A file the collector writes on its data volume (evidence files, snapshots, spooled exports)
 * that fails: a full disk is the same 503 with Retry-After as a full database (and marks the
 * collector's health), never a 500; any other I/O failure is the plain 500 of {@link UnexpectedErrors}.
 */
@Produces
@Singleton
@Requires(classes = {UncheckedIOException.class, ExceptionHandler.class})
public class StorageIoErrors implements ExceptionHandler<UncheckedIOException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(StorageIoErrors.class);
    private final CollectorHealth health;
    private final StorageErrors storage;

    public StorageIoErrors(CollectorHealth health, StorageErrors storage) {
        this.health = health;
        this.storage = storage;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UncheckedIOException e) {
        if (StorageFailure.of(e) != null) {
            LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage() + ": " + e.getCause().getMessage());
            return storage.handle(request, (StorageUnavailable) health.failed(e, true));
        }
        return UnexpectedErrors.internalError(request, e);
    }
}
