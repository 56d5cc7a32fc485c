package jp.akashi.collector.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for SQLite in WAL mode: transactions commit with {@code synchronous=NORMAL} (their
 * frames are written to the WAL file, not yet forced to disk) and, before a write returns (and so
 * before a report is acknowledged), {@link #await()} forces the WAL to disk. Writers that
 * committed while a force was running share the next one, so the fsync happens outside the write
 * lock and once per group instead of once per transaction (SQLite's own {@code synchronous=FULL}
 * forces the WAL inside every commit, while the next writer waits).
 *
 * <p>Correctness: a caller counts its commit ({@link #await()} increments {@code committed})
 * after SQLite wrote its frames; a force that starts after reading a count at or above the
 * caller's covers them, because fsync of any descriptor of the file makes all its written data
 * durable. The WAL file is opened by path for each force, so a WAL that SQLite reset or recreated
 * is still the one forced; a missing WAL was checkpointed into the database file, which SQLite
 * syncs at every checkpoint.
 */
final class WalSync {
    private final Path wal;
    private final ReentrantLock forcing = new ReentrantLock();
    private final AtomicLong committed = new AtomicLong();
    private volatile long durable;
    private final AtomicLong forces = new AtomicLong();

    WalSync(Path databaseFile) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    }

    /** Returns once the caller's commit (made before this call) is on disk. */
    void await() throws IOException {
        long mine = committed.incrementAndGet();
        if (durable >= mine) {
            return;
        }
        forcing.lock();
        try {
            if (durable >= mine) {
                return; // the force that just ended started after this commit
            }
            long upTo = committed.get();
            try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
                ch.force(false);
            } catch (NoSuchFileException checkpointed) {
                // no WAL: everything is in the database file, synced by the checkpoint
            }
            forces.incrementAndGet();
            durable = upTo;
        } finally {
            forcing.unlock();
        }
    }

    /** How many times the WAL was forced (tests, benchmarks). */
    long forces() {
        return forces.get();
    }
}
