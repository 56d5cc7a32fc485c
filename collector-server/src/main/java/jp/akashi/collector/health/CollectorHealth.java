package jp.akashi.collector.health;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.store.DatabaseFile;
import jp.akashi.collector.store.StorageFailure;
import jp.akashi.collector.store.StorageOutcomes;
import jp.akashi.collector.store.StorageUnavailable;

/**
 * What the collector knows about its own state, kept cheap enough to be asked on every /health
 * call and every report: the outcome of the last commit and of the evaluator's last batches (set
 * by {@code Database} and {@code EvaluationService} as they work, no extra database round trip),
 * damaged pages seen by any statement (sticky until a restart: the start runs
 * {@code PRAGMA quick_check}), and the free space of the data volume (one statvfs call).
 */
@Singleton
public class CollectorHealth implements StorageOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorHealth.class);

    /** One reason the collector is not healthy: which part, and why (no secrets, no SQL). */
    public record Problem(String component, String reason) {
    }

    private final Set<Path> volumes = new LinkedHashSet<>();
    private final long minFreeBytes;
    private final int evaluationFailuresDown;
    private final Duration retryAfter;
    private final Clock clock;

    private volatile long lastCommitAt;
    private volatile long lastFailureAt;
    private volatile StorageFailure lastFailure;
    private volatile StorageFailure damaged;
    private volatile long damagedAt;
    private volatile int evaluationFailures;
    private volatile long evaluationFailingSince;
    private volatile String evaluationError;
    /** Trouble that does not make the collector unhealthy (mail delivery), by component. */
    private final java.util.Map<String, String> warnings = new java.util.concurrent.ConcurrentSkipListMap<>();

    @Inject
    public CollectorHealth(jp.akashi.collector.config.CollectorProperties collector, jp.akashi.collector.store.DatabaseProperties db,
                           HealthProperties props, Clock clock) {
        this(collector.dataDir(), db.url(collector), props.minFreeBytes(), props.evaluationFailures(), props.retryAfter(), clock);
    }

    public CollectorHealth(String dataDir, String dbUrl, long minFreeBytes, int evaluationFailuresDown, Duration retryAfter,
                           Clock clock) {
        this.minFreeBytes = minFreeBytes;
        this.evaluationFailuresDown = evaluationFailuresDown;
        this.retryAfter = retryAfter;
        this.clock = clock;
        volumes.add(Path.of(dataDir).toAbsolutePath());
        Path sqlite = DatabaseFile.of(dbUrl);
        if (sqlite != null) {
            volumes.add(sqlite.getParent());
        }
    }

    /** A transaction committed. */
    @Override
    public void committed() {
        lastCommitAt = clock.millis();
    }

    /**
     * A statement or commit failed with {@code e}; returns what the caller should throw: a
     * {@link StorageUnavailable} for a storage failure (recorded here), {@code e} itself otherwise.
     *
     * @param commit whether it was a write (a failed read does not make commits fail)
     */
    @Override
    public RuntimeException failed(RuntimeException e, boolean commit) {
        StorageFailure f = StorageFailure.of(e);
        if (f == null) {
            return e;
        }
        long now = clock.millis();
        if (f.kind() == StorageFailure.Kind.CORRUPT && damaged == null) {
            damaged = f;
            damagedAt = now;
            LOG.error("the database is damaged ({}): reports are refused until it is restored; stop the collector and run "
                    + "'akashi-collector check-db'", f.code(), e);
        }
        if (commit) {
            lastFailure = f;
            lastFailureAt = Math.max(now, lastCommitAt + 1);
        }
        return e instanceof StorageUnavailable ? e : new StorageUnavailable(f, e);
    }

    /** The evaluator finished a batch. */
    public void evaluationSucceeded() {
        evaluationFailures = 0;
        evaluationError = null;
    }

    /** The evaluator's batch failed with {@code e} (it retries with backoff). */
    public void evaluationFailed(Throwable e) {
        if (evaluationFailures == 0) {
            evaluationFailingSince = clock.millis();
        }
        evaluationFailures++;
        StorageFailure f = StorageFailure.of(e);
        evaluationError = f != null ? f.summary() : e.getClass().getSimpleName();
        if (f != null && e instanceof RuntimeException re) {
            failed(re, false);
        }
    }

    /**
     * Sets ({@code reason} not null) or clears a warning of {@code component}: shown by the health
     * endpoint without changing its status (mail that cannot be sent does not stop ingest).
     */
    public void warning(String component, String reason) {
        if (reason == null) {
            warnings.remove(component);
        } else {
            warnings.put(component, reason);
        }
    }

    /** The warnings now, as problems of their component (no secrets, no host names). */
    public List<Problem> warnings() {
        return warnings.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue())).toList();
    }

    /** Whether the last commit failed and none has succeeded since (the probe retries it). */
    public boolean commitsFailing() {
        return lastFailureAt > lastCommitAt;
    }

    /** Why the collector is not healthy; empty when it is. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        StorageFailure d = damaged;
        if (d != null) {
            out.add(new Problem("database", "the database is damaged (" + d.code() + ", seen " + Instant.ofEpochMilli(damagedAt)
                    + "): stop the collector, run akashi-collector check-db and restore the database from a backup"));
        }
        if (commitsFailing()) {
            out.add(new Problem("database", "commits fail since " + Instant.ofEpochMilli(lastFailureAt) + ": " + lastFailure.summary()));
        }
        for (Path v : volumes) {
            long free = freeBytes(v);
            if (free < 0) {
                out.add(new Problem("disk", "the free space of the data volume cannot be read"));
            } else if (free < Math.max(1, minFreeBytes)) {
                out.add(new Problem("disk", "disk full: " + mb(free) + " free on the data volume"
                        + (minFreeBytes > 0 ? ", below the floor of " + mb(minFreeBytes) + " (akashi.health.min-free-space)" : "")));
            }
        }
        int n = evaluationFailures;
        if (n >= evaluationFailuresDown) {
            out.add(new Problem("evaluator", n + " evaluation batches failed in a row since "
                    + Instant.ofEpochMilli(evaluationFailingSince) + " (" + evaluationError + ")"));
        }
        return out;
    }

    /**
     * Why reports must not be acknowledged now, or empty: the database is damaged, or the data
     * volume is below its free-space floor. (A failed commit alone does not refuse the next one:
     * it is tried, and answers 503 itself if it fails too.)
     */
    public Optional<StorageUnavailable> refusal() {
        StorageFailure d = damaged;
        if (d != null) {
            return Optional.of(new StorageUnavailable(d, null));
        }
        for (Path v : volumes) {
            long free = freeBytes(v);
            if (free >= 0 && free < minFreeBytes) {
                return Optional.of(new StorageUnavailable(new StorageFailure(StorageFailure.Kind.FULL, "free space below "
                        + mb(minFreeBytes)), null));
            }
        }
        return Optional.empty();
    }

    /** How long agents are asked to wait before they send again (Retry-After). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the damaged-database state is set (the console's banner). */
    public boolean damaged() {
        return damaged != null;
    }

    /** Whether the data volume is full or below its floor (the console's banner). */
    public boolean diskFull() {
        for (Path v : volumes) {
            long free = freeBytes(v);
            if (free >= 0 && free < Math.max(1, minFreeBytes)) {
                return true;
            }
        }
        StorageFailure f = lastFailure;
        return commitsFailing() && f != null && f.kind() == StorageFailure.Kind.FULL;
    }

    private final java.util.concurrent.ConcurrentHashMap<Path, java.nio.file.FileStore> stores = new java.util.concurrent.ConcurrentHashMap<>();

    /** Free bytes for this process on the volume of {@code dir} (one statvfs call), or -1 when unknown. */
    private long freeBytes(Path dir) {
        try {
            java.nio.file.FileStore store = stores.get(dir);
            if (store == null) {
                Path p = dir;
                while (p != null && !Files.exists(p)) {
                    p = p.getParent();
                }
                if (p == null) {
                    return -1;
                }
                store = Files.getFileStore(p);
                if (p.equals(dir)) {
                    stores.put(dir, store);
                }
            }
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String mb(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }
}
