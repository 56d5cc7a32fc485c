package jp.akashi.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The collector's database: embedded SQLite (WAL) by default, PostgreSQL for several collector
 * instances. Plain parameterised SQL through Jdbi, schema by Flyway, the same SQL on both.
 *
 * <p>SQLite allows one writer at a time; writes take a process-wide lock so that they queue here
 * instead of failing with SQLITE_BUSY. PostgreSQL needs no such lock.
 */
@Singleton
public class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();

    public Database(@Value("${akashi.db.url}") String url,
                    @Value("${akashi.db.user:}") String user,
                    @Value("${akashi.db.password:}") String password,
                    @Value("${akashi.db.pool-size:8}") int poolSize) {
        this.sqlite = url.startsWith("jdbc:sqlite:");
        java.nio.file.Path file = sqlite ? sqliteFile(url.substring("jdbc:sqlite:".length())) : null;
        if (file != null) {
            DataFilePermissions.directory(file.getParent());
            DataFilePermissions.beforeOpen(file);
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("akashi-db");
        cfg.setMaximumPoolSize(poolSize);
        if (!user.isEmpty()) {
            cfg.setUsername(user);
        }
        if (!password.isEmpty()) {
            cfg.setPassword(password);
        }
        if (sqlite) {
            cfg.addDataSourceProperty("journal_mode", "WAL");
            cfg.addDataSourceProperty("synchronous", "NORMAL");
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("busy_timeout", "30000");
            cfg.addDataSourceProperty("cache_size", "-32000");
        }
        this.dataSource = new HikariDataSource(cfg);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "blob", sqlite ? "BLOB" : "BYTEA",
                        "text", "TEXT"))
                .load()
                .migrate();
        this.jdbi = Jdbi.create(dataSource);
        if (file != null) {
            // Flyway's connection has created -wal and -shm by now
            DataFilePermissions.afterOpen(file);
        }
    }

    /** The database file of a SQLite URL, or null for in-memory and URI forms. */
    private static java.nio.file.Path sqliteFile(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return null;
        }
        String plain = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
        return java.nio.file.Path.of(plain).toAbsolutePath();
    }

    public boolean sqlite() {
        return sqlite;
    }

    /** Runs {@code cb} on a handle outside a transaction (reads). */
    public <T> T read(HandleCallback<T, RuntimeException> cb) {
        return jdbi.withHandle(cb);
    }

    /** Runs {@code cb} in one transaction; everything or nothing is stored. */
    public <T> T write(HandleCallback<T, RuntimeException> cb) {
        if (!sqlite) {
            return jdbi.inTransaction(cb);
        }
        // lock first, connection second: threads queued for the lock hold no connection, so a
        // write that also reads (or nests a write) never waits for a pool emptied by other writers
        writeLock.lock();
        try {
            return jdbi.inTransaction(cb);
        } finally {
            writeLock.unlock();
        }
    }

    /** How often {@link #writeRetrying} tries a transaction that lost a race. */
    static final int ATTEMPTS = 5;

    /**
     * As {@link #write}, retried (up to {@value #ATTEMPTS} attempts, with a short random pause)
     * when the transaction lost a race with another instance on PostgreSQL: a serialization
     * failure, a deadlock, or a unique key another transaction inserted first. {@code cb} must be
     * safe to run again (it re-reads what it decides on, e.g. "is this report stored already").
     */
    public <T> T writeRetrying(HandleCallback<T, RuntimeException> cb) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write(cb);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether {@code e} is PostgreSQL's answer to a race between transactions (SQLSTATE 40001
     * serialization failure, 40P01 deadlock detected, 23505 unique violation): trying again decides it.
     */
    public static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && java.util.Set.of("40001", "40P01", "23505").contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** For work that needs its own transaction control (batch jobs). */
    public Jdbi jdbi() {
        return jdbi;
    }

    public Handle open() {
        return jdbi.open();
    }

    @PreDestroy
    @Override
    public void close() {
        dataSource.close();
    }
}
