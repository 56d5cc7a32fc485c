package jp.akashi.collector.snapshot;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot ZIPs under {@code <data-dir>/snapshots/<id>.zip}. A snapshot is written to a hidden
 * temporary file, forced to disk, then moved into place in one step and made read-only; an
 * existing snapshot file is never replaced, except by {@link #replace}: the same archive with a
 * late time stamp joined.
 */
@Singleton
public class SnapshotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
    /**
     * A temporary file older than this is left over from a crash (a build, a download's private
     * copy): no build or download takes that long, and another instance on a shared volume may
     * still be using a younger one.
     */
    static final Duration STALE_TEMPORARY = Duration.ofHours(6);

    private final Path dir;

    @jakarta.inject.Inject
    public SnapshotFiles(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.dataDir());
    }

    public SnapshotFiles(String dataDir) {
        this.dir = Path.of(dataDir).resolve("snapshots");
    }

    public Path dir() {
        return dir;
    }

    /** A fresh temporary file in the snapshot directory (same file system, so the final move is atomic). */
    public Path temporary(String id) throws IOException {
        Files.createDirectories(dir);
        jp.akashi.collector.config.FirstFile.restrict(dir, "rwx------");
        return Files.createTempFile(dir, "." + id + "-", ".tmp");
    }

    /** Moves a finished temporary file into place as {@code <id>.zip}; refuses to replace anything. */
    public Path commit(Path tmp, String id) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = path(id);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        jp.akashi.collector.config.FirstFile.restrict(target, "r--------");
        return target;
    }

    /**
     * Puts a re-assembled archive in place of {@code <id>.zip} in one step (the only replacement
     * there is: a time stamp that arrived late joins the archive; every byte the manifest covers is
     * kept, see {@link SnapshotTimeStamps}). The caller has verified {@code tmp} first.
     */
    public Path replace(Path tmp, String id) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = path(id);
        if (!Files.exists(target)) {
            throw new java.nio.file.NoSuchFileException(target.toString());
        }
        jp.akashi.collector.config.FirstFile.restrict(tmp, "r--------");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    public Path path(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
        return dir.resolve(id + ".zip");
    }

    /**
     * A private copy of a stored snapshot (0600, hidden, in the snapshot directory) to verify and
     * then serve: what is served cannot change between the check and the last byte sent.
     */
    public Path privateCopy(String id) throws IOException {
        Path tmp = temporary(id);
        jp.akashi.collector.config.FirstFile.restrict(tmp, "rw-------");
        try {
            Files.copy(path(id), tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    public InputStream open(String id) throws IOException {
        return Files.newInputStream(path(id));
    }

    @EventListener
    public void onStartup(StartupEvent e) {
        int n = sweepTemporaries(STALE_TEMPORARY);
        if (n > 0) {
            LOG.info("removed {} temporary file(s) left in {} by an earlier run", n, dir);
        }
    }

    /** Removes hidden {@code .<id>-….tmp} files older than {@code age}; never a committed {@code <id>.zip}. */
    public int sweepTemporaries(Duration age) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - age.toMillis();
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).toMillis() < cutoff && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not sweep temporary files in {}: {}", dir, e.toString());
        }
        return removed;
    }

    /** Removes a temporary file after a failed build (never a committed snapshot). */
    public void discard(Path tmp) {
        try {
            if (tmp != null && tmp.getFileName().toString().endsWith(".tmp")) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // left behind as a hidden .tmp file; it is never read
        }
    }
}
