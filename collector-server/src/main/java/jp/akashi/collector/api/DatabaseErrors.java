package jp.akashi.collector.api;

import java.sql.SQLException;
import java.util.Map;

import org.jdbi.v3.core.JdbiException;

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
 * A statement that failed and that no service turned into a refusal: a unique key another request
 * inserted first (two collectors, or two tabs, creating the same thing at once) is a 409, a storage
 * failure the 503 with Retry-After, anything else the plain 500 of {@link UnexpectedErrors}. The
 * statement, its values and the driver's message never reach the answer.
 */
@Produces
@Singleton
@Requires(classes = {JdbiException.class, ExceptionHandler.class})
public class DatabaseErrors implements ExceptionHandler<JdbiException, HttpResponse<?>> {
    private final CollectorHealth health;
    private final StorageErrors storage;

    public DatabaseErrors(CollectorHealth health, StorageErrors storage) {
        this.health = health;
        this.storage = storage;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JdbiException e) {
        if (uniqueViolation(e)) {
            return HttpResponse.<Map<String, Object>>status(HttpStatus.CONFLICT).body(Map.of(
                    "error", "it already exists: another request created it at the same moment; reload and check",
                    "errorJa", "同時に別の操作で作成されたため、すでに存在します。再読み込みして確認してください",
                    "status", 409));
        }
        if (StorageFailure.of(e) != null) {
            return storage.handle(request, (StorageUnavailable) health.failed(e, true));
        }
        return UnexpectedErrors.internalError(request, e);
    }

    /** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY. */
    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s) {
                String name = s.getResultCode().name();
                if (name.equals("SQLITE_CONSTRAINT_UNIQUE") || name.equals("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            } else if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
