package jp.akashi.collector.api;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.store.StorageFailure;
import jp.akashi.collector.store.StorageUnavailable;

/**
 * A file the collector writes on its data volume (evidence files, snapshots, spooled exports)
 * that fails: a full disk is the same 503 with Retry-After as a full database (and marks the
 * collector's health), never a 500; any other I/O failure is an API-shaped 500 that names no
 * internal detail (the log has it).
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
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the collector could not read or write a file; its log says which");
        body.put("errorJa", "コレクターでファイルの読み書きに失敗しました（詳細はコレクターのログにあります）");
        body.put("status", 500);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }
}
