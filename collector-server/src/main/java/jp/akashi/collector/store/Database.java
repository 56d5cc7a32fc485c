package jp.akashi.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.annotation.PreDestroy;

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
 * <p>The SQLite file is checked before it is opened (an empty or unreadable file is refused, not
 * taken for a fresh install: {@link DatabaseFile}) and, by default, with {@code PRAGMA quick_check}
 * before the migration. A write returns only once its commit is on disk (group commit,
 * {@link WalSync}, or SQLite's synchronous=FULL; {@code akashi.db.synchronous}), so an
 * acknowledged report survives a power loss.
 *
 * <p>SQLite allows one writer at a time; writes take a process-wide lock so that they queue here
 * instead of failing with SQLITE_BUSY. PostgreSQL needs no such lock.
 */
public class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final StorageOutcomes outcomes;
    /** GROUP durability: the shared WAL fsync before a write returns; null otherwise. */
    private final WalSync walSync;

    /** A database outside the application (tests): quick check on, durable commits (GROUP). */
    public Database(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, "GROUP", true, null);
    }

    /**
     * @param synchronous how SQLite commits reach the disk before a write returns (and a report is
     *                    acknowledged): GROUP (default: synchronous=NORMAL and one shared fsync of
     *                    the WAL per group of commits, {@link WalSync}), FULL (SQLite's own: an fsync
     *                    inside every commit) or NORMAL (no fsync: in WAL mode the last commits
     *                    before a power loss can be lost after they were acknowledged)
     * @param quickCheck  run {@code PRAGMA quick_check} before the schema migration (SQLite)
     */
    public Database(String url, String user, String password, int poolSize, String synchronous, boolean quickCheck,
                    @io.micronaut.core.annotation.Nullable StorageOutcomes outcomes) {
        this.sqlite = url.startsWith("jdbc:sqlite:");
        java.nio.file.Path file = sqlite ? sqliteFile(url.substring("jdbc:sqlite:".length())) : null;
        this.outcomes = outcomes != null ? outcomes : StorageOutcomes.UNWATCHED;
        String sync = synchronous.strip().toUpperCase(java.util.Locale.ROOT);
        if (!sync.equals("GROUP") && !sync.equals("FULL") && !sync.equals("NORMAL")) {
            throw new IllegalArgumentException("akashi.db.synchronous must be GROUP, FULL or NORMAL, not " + synchronous);
        }
        this.walSync = file != null && sync.equals("GROUP") ? new WalSync(file) : null;
        if (file != null) {
            DataFilePermissions.directory(file.getParent());
            DatabaseFile.refuseDamaged(file);
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
            cfg.addDataSourceProperty("synchronous", sync.equals("GROUP") ? "NORMAL" : sync);
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("busy_timeout", "30000");
            cfg.addDataSourceProperty("cache_size", "-32000");
        }
        this.dataSource = new HikariDataSource(cfg);
        if (file != null && quickCheck) {
            try {
                DatabaseFile.refuseCorrupt(file, dataSource);
            } catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
        }
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

    @PreDestroy
    @Override
    public void close() {
        dataSource.close();
    }
}
