package jp.akashi.collector.answer;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * Removes evidence files that no answer references: uploads never attached to an answer, and
 * files a crash or a refused answer left on disk without a row. Only files older than the grace
 * period go (an upload waits that long for the answer that names it), at start and then
 * periodically; each removal of a registered file is audit-logged.
 */
@io.micronaut.context.annotation.Context // made at start, as when it listened for StartupEvent (what it needs is checked then)
public class AttachmentSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentSweeper.class);

    private final Database db;
    private final AttachmentStore files;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration grace;
    private final Duration interval;
    private final Duration tempGrace;
    private volatile boolean stopped;

    private final jp.akashi.collector.store.Leases leases;

    public AttachmentSweeper(Database db, AttachmentStore files, AuditLog audit, Clock clock, jp.akashi.collector.store.Leases leases,
                             AttachmentProperties settings) {
        Duration grace = settings.orphanGrace();
        Duration interval = settings.sweepInterval();
        Duration tempGrace = settings.tempGrace();
        if (grace.isNegative() || interval.isNegative() || interval.isZero() || tempGrace.isNegative()) {
            throw new IllegalArgumentException("akashi.attachments.orphan-grace and temp-grace must be >= 0 and sweep-interval > 0");
        }
        this.tempGrace = tempGrace;
        this.db = db;
        this.leases = leases;
        this.files = files;
        this.audit = audit;
        this.clock = clock;
        this.grace = grace;
        this.interval = interval;
    }

    /** At start and every {@code akashi.attachments.sweep-interval}, on Micronaut's scheduler. */
    @Scheduled(fixedDelay = "${akashi.attachments.sweep-interval:" + AttachmentProperties.SWEEP_INTERVAL + "}")
    void sweepSafely() {
        if (stopped) {
            return;
        }
        try {
            // one instance per interval sweeps the shared volume (lease attachments.sweep, see Leases)
            leases.runIfHolder("attachments.sweep", interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval, () -> {
                int n = sweep();
                if (n > 0) {
                    LOG.info("removed {} orphaned evidence file(s)", n);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("sweeping orphaned evidence files failed: {}", e.toString());
        }
    }

    /** One pass; returns how many files were removed. */
    public synchronized int sweep() {
        long cutoff = clock.millis() - grace.toMillis();
        // file times are the file system's, not the collector's clock (which tests may set)
        long fileCutoff = System.currentTimeMillis() - grace.toMillis();
        int removed = 0;
        for (String sha : db.read(h -> files.unreferencedBefore(h, cutoff))) {
            boolean gone = db.write(h -> {
                // checked again inside the write: an answer may have taken the file meanwhile
                if (files.referenced(h, sha) || !old(files.path(sha), fileCutoff)) {
                    return false;
                }
                files.unregister(h, sha);
                delete(files.path(sha));
                audit.append(h, "collector", "attachment.orphan_removed", sha, Map.of("reason", "no answer references it"));
                return true;
            });
            removed += gone ? 1 : 0;
        }
        removed += sweepUnregistered(fileCutoff, System.currentTimeMillis() - tempGrace.toMillis());
        return removed;
    }

    /**
     * Files without a row older than the grace period, and temporary files of uploads that never
     * finished (a crash, a full disk) older than {@code akashi.attachments.temp-grace}: an upload
     * writes its temporary file in seconds, so an older one is an orphan.
     */
    private int sweepUnregistered(long cutoff, long tempCutoff) {
        if (!Files.isDirectory(files.dir())) {
            return 0;
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.walk(files.dir(), 2)) {
            candidates = s.filter(Files::isRegularFile)
                    .filter(p -> old(p, p.getFileName().toString().startsWith(AttachmentStore.TEMP_PREFIX) ? tempCutoff : cutoff)).toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", files.dir(), e.toString());
            return 0;
        }
        int removed = 0;
        for (Path p : candidates) {
            String name = p.getFileName().toString();
            boolean temp = name.startsWith(AttachmentStore.TEMP_PREFIX);
            if (!temp && !name.matches("[0-9a-f]{64}")) {
                continue; // not ours
            }
            boolean gone = db.write(h -> {
                if (!temp && files.registered(h, name)) {
                    return false;
                }
                return old(p, temp ? tempCutoff : cutoff) && delete(p);
            });
            removed += gone ? 1 : 0;
        }
        return removed;
    }

    private static boolean old(Path p, long cutoff) {
        try {
            return !Files.exists(p) || Files.getLastModifiedTime(p).toMillis() < cutoff;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", p, e.toString());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
