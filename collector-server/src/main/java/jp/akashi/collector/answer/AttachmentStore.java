package jp.akashi.collector.answer;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.probes.util.Hashes;

/**
 * Evidence files, stored once per content (SHA-256) under {@code <data-dir>/attachments/ab/<hash>}.
 * Files are written before the database row that names them, so a crash leaves at most an
 * orphan file, never a row without its file.
 */
@Singleton
public class AttachmentStore {
    private final Path dir;

    public AttachmentStore(@Value("${akashi.data-dir:data}") String dataDir) {
        this.dir = Path.of(dataDir).resolve("attachments");
    }

    /** Stores the bytes (if new) and returns their hash. */
    public String put(byte[] content) {
        String sha = Hashes.sha256Hex(content);
        Path target = path(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment", e);
        }
        return sha;
    }

    public void register(Handle h, String sha256, long size, String contentType, long now) {
        boolean present = h.createQuery("SELECT 1 FROM attachments WHERE sha256 = :s").bind("s", sha256)
                .mapTo(Integer.class).findFirst().isPresent();
        if (!present) {
            h.createUpdate("INSERT INTO attachments (sha256, size, content_type, created_at) VALUES (:s, :n, :t, :now)")
                    .bind("s", sha256).bind("n", size).bind("t", contentType).bind("now", now).execute();
        }
    }

    public Optional<String> contentType(Handle h, String sha256) {
        return h.createQuery("SELECT content_type FROM attachments WHERE sha256 = :s").bind("s", sha256).mapTo(String.class).findFirst();
    }

    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }
}
