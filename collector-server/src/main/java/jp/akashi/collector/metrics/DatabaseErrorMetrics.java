package jp.akashi.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;

import jp.akashi.collector.store.Database;

/**
 * Counts the database's errors by kind ({@link DatabaseErrorKinds}): every read or write whose
 * work failed because of the database (a statement, or the commit of the transaction), once,
 * whichever code ran it. Installed on the database's Jdbi at start as a callback decorator, so
 * the store classes need not know about it.
 */
@Context
public class DatabaseErrorMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public DatabaseErrorMetrics(Database db, MeterRegistry registry) {
        this.registry = registry;
        for (String kind : new String[] {"disk_full", "corrupt", "busy", "io", "other"}) {
            counter(kind); // present at 0, so an alert rule sees the series before the first error
        }
        Jdbi jdbi = db.jdbi();
        HandleCallbackDecorator previous = jdbi.getHandleCallbackDecorator();
        jdbi.setHandleCallbackDecorator(new HandleCallbackDecorator() {
            @Override
            public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
                HandleCallback<R, X> inner = previous.decorate(callback);
                return h -> {
                    try {
                        return inner.withHandle(h);
                    } catch (Exception e) {
                        SQLException sql = DatabaseErrorKinds.sqlCause(e);
                        if (sql != null) {
                            counter(DatabaseErrorKinds.of(sql)).increment();
                        }
                        throw e;
                    }
                };
            }
        });
    }

    private Counter counter(String kind) {
        return counters.computeIfAbsent(kind, k -> Counter.builder("akashi.database.errors")
                .description("Failed database reads and writes, by kind (disk_full, corrupt, busy, deadlock, serialization, constraint, …)")
                .tag("kind", k).register(registry));
    }
}
