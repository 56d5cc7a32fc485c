package jp.akashi.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import jp.akashi.collector.config.CollectorProperties;

/**
 * The collector's database: embedded SQLite (WAL) by default, PostgreSQL for several collector
 * instances. Plain parameterised SQL through Jdbi, schema by Flyway, the same SQL on both.
 *
 * <p>The pool is micronaut-jdbc-hikari's {@code DataSource} bean, set up from {@code akashi.db.*} by
 * {@link DataSourceSettings}, which also checks the SQLite file before it is opened (an empty or
 * unreadable file is refused, not taken for a fresh install: {@link DatabaseFile}) and, by default,
 * with {@code PRAGMA quick_check} before the migration; micronaut-flyway migrates it
 * ({@link Migrations}) and {@link JdbiFactory} makes the one {@link Jdbi} this class works through.
 * Micronaut closes the pool when the application stops.
 *
 * <p>A write returns only once its commit is on disk (group commit, {@link WalSync}, or SQLite's
 * synchronous=FULL; {@code akashi.db.synchronous}), so an acknowledged report survives a power loss.
 *
 * <p>SQLite allows one writer at a time; writes take a process-wide lock so that they queue here
 * instead of failing with SQLITE_BUSY. PostgreSQL needs no such lock.
 */
@Context
public class Database implements AutoCloseable {
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final StorageOutcomes outcomes;
    /** GROUP durability: the shared WAL fsync before a write returns; null otherwise. */
    private final WalSync walSync;
    /** The pool of a database outside the application, closed with it; null for the application's (Micronaut closes that one). */
    private final AutoCloseable owned;

    /**
     * The application's database, on the migrated pool behind {@code jdbi}.
     *
     * @param outcomes where each commit's outcome and each storage failure go (the collector's health)
     */
    @Inject
    public Database(Jdbi jdbi, DatabaseProperties db, CollectorProperties collector, StorageOutcomes outcomes) {
        this(jdbi, db.url(collector), db.synchronous(), outcomes, null);
    }

    /**
     * @param synchronous how SQLite commits reach the disk before a write returns (and a report is
     *                    acknowledged): GROUP (synchronous=NORMAL and one shared fsync of the WAL per
     *                    group of commits, {@link WalSync}), FULL (SQLite's own: an fsync inside every
     *                    commit) or NORMAL (no fsync: in WAL mode the last commits before a power loss
     *                    can be lost after they were acknowledged); as {@link DatabaseProperties} checked it
     */
    private Database(Jdbi jdbi, String url, String synchronous, @Nullable StorageOutcomes outcomes, @Nullable AutoCloseable owned) {
        this.jdbi = jdbi;
        this.sqlite = url.startsWith("jdbc:sqlite:");
        this.outcomes = outcomes != null ? outcomes : StorageOutcomes.UNWATCHED;
        this.owned = owned;
        Path file = DatabaseFile.of(url);
        this.walSync = file != null && synchronous.equals("GROUP") ? new WalSync(file) : null;
        if (file != null) {
            // the pool and Flyway's connection have created -wal and -shm by now
            DataFilePermissions.afterOpen(file);
        }
    }

    /**
     * A database outside the application (tests): quick check on, durable commits (GROUP), made the
     * way the application makes its own ({@link DataSourceSettings#prepare}, {@link Migrations#configure},
     * {@link JdbiFactory#create}); {@link #close()} closes its pool.
     */
    public static Database outsideApplication(String url, String user, String password, int poolSize) {
        DatabaseProperties db = new DatabaseProperties(url, user, password, poolSize, "GROUP", true);
        HikariConfig cfg = new HikariConfig();
        DataSourceSettings.prepare(db, db.url(), cfg);
        HikariDataSource dataSource = new HikariDataSource(cfg);
        try {
            Migrations.configure(Flyway.configure().dataSource(dataSource), db.url().startsWith("jdbc:sqlite:")).load().migrate();
            return new Database(JdbiFactory.create(dataSource), db.url(), db.synchronous(), null, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public boolean sqlite() {
        return sqlite;
    }

    /** Runs {@code cb} on a handle outside a transaction (reads). Damaged pages it meets are recorded ({@link StorageOutcomes}). */
    public <T> T read(HandleCallback<T, RuntimeException> cb) {
        try {
            return jdbi.withHandle(cb);
        } catch (RuntimeException e) {
            throw outcomes.failed(e, false);
        }
    }

    /**
     * Runs {@code cb} in one transaction; everything or nothing is stored. Its outcome feeds
     * /health; a storage failure (disk full, damaged pages, I/O) is thrown as
     * {@link StorageUnavailable} (503 with Retry-After).
     */
    public <T> T write(HandleCallback<T, RuntimeException> cb) {
        try {
            T result = sqlite ? locked(cb) : jdbi.inTransaction(cb);
            if (walSync != null && !writeLock.isHeldByCurrentThread()) {
                // outside the write lock (a nested write waits for the outer one's sync)
                walSync.await();
            }
            outcomes.committed();
            return result;
        } catch (java.io.IOException e) {
            // committed but not known to be on disk: not acknowledged (a re-sent report is then a duplicate)
            StorageFailure f = StorageFailure.of(e);
            throw outcomes.failed(new StorageUnavailable(f != null ? f : new StorageFailure(StorageFailure.Kind.UNAVAILABLE, "WAL fsync"), e), true);
        } catch (RuntimeException e) {
            throw outcomes.failed(e, true);
        }
    }

    /** How many times the WAL was forced to disk by group commit (0 unless akashi.db.synchronous is GROUP). */
    public long walForces() {
        return walSync == null ? 0 : walSync.forces();
    }

    private <T> T locked(HandleCallback<T, RuntimeException> cb) {
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
        return raceState(e) != null;
    }

    /** The SQLSTATE of the lost race in {@code e}'s causes (40001 serialization, 40P01 deadlock, 23505 unique key), or null. */
    public static String raceState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && java.util.Set.of("40001", "40P01", "23505").contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** For work that needs its own transaction control (batch jobs). */
    public Jdbi jdbi() {
        return jdbi;
    }

    public Handle open() {
        return jdbi.open();
    }

    /** Closes the pool of a database {@linkplain #outsideApplication outside the application}; nothing for the application's. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database: " + e.getMessage(), e);
            }
        }
    }
}
