package jp.akashi.collector.answer;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.Refusal;
import jp.akashi.probes.util.Hashes;

/**
 * Evidence files, stored once per content (SHA-256) under {@code <data-dir>/attachments/ab/<hash>}.
 * Files are written before the database row that names them, so a crash leaves at most an
 * orphan file, never a row without its file; {@link AttachmentSweeper} removes orphans. Each
 * name a file was accepted under is kept with the content type it was accepted as.
 */
@Singleton
public class AttachmentStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AttachmentStore.class);
    private final Path dir;

    @jakarta.inject.Inject
    public AttachmentStore(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.dataDir());
    }

    public AttachmentStore(String dataDir) {
        this.dir = Path.of(dataDir).resolve("attachments");
    }

    /** Name prefix of the temporary file an upload is written to before it takes its hash's name. */
    public static final String TEMP_PREFIX = ".upload-";

    /**
     * Stores the bytes (if new) and returns their hash. A stored file whose bytes no longer match
     * its hash (damaged on disk) is replaced by these bytes, which do: uploading the original
     * again repairs it. A write that fails leaves no temporary file behind.
     */
    public String put(byte[] content) {
        return store(content).sha256();
    }

    /** What {@link #store} did: the file's hash, and whether it replaced a damaged copy. */
    public record Stored(String sha256, boolean repaired) {
    }

    /** As {@link #put}, saying whether a damaged stored copy was repaired (for the audit log). */
    public Stored store(byte[] content) {
        String sha = Hashes.sha256Hex(content);
        boolean repaired = false;
        Path target = path(sha);
        try {
            if (Files.exists(target)) {
                if (intact(sha)) {
                    // fresh again: the sweeper leaves files alone for a grace period after their last upload
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
                    return new Stored(sha, false);
                }
                repaired = true;
                LOG.warn("evidence file {} was damaged on disk (its bytes did not match its SHA-256); repaired from a new upload", target);
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment", e);
        }
        return new Stored(sha, repaired);
    }

    /** Whether the stored file exists and its bytes still have its name's SHA-256. */
    public boolean intact(String sha256) throws IOException {
        Path p = path(sha256);
        if (!Files.exists(p)) {
            return false;
        }
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest()).equals(sha256);
    }

    /**
     * Opens a stored file to be served, after checking that its bytes still match its hash: a
     * damaged file is never served as if it were the evidence (409, with what to do).
     */
    public InputStream openIntact(String sha256) throws IOException {
        if (!intact(sha256)) {
            throw damaged(sha256);
        }
        return open(sha256);
    }

    static Refusal damaged(String sha256) {
        return Refusal.conflict("evidence file " + sha256 + " is damaged on the collector: its stored bytes no "
                        + "longer match its SHA-256, so it is not served; upload the original file again to repair it",
                "証跡ファイル " + sha256 + " は収集サーバー上で破損しています（保存された内容が SHA-256 と一致しないため提供しません）。"
                        + "元のファイルをもう一度アップロードすると修復されます");
    }

    public void register(Handle h, String sha256, long size, String contentType, long now) {
        boolean present = h.createQuery("SELECT 1 FROM attachments WHERE sha256 = :s").bind("s", sha256)
                .mapTo(Integer.class).findFirst().isPresent();
        if (!present) {
            h.createUpdate("INSERT INTO attachments (sha256, size, content_type, created_at) VALUES (:s, :n, :t, :now)")
                    .bind("s", sha256).bind("n", size).bind("t", contentType).bind("now", now).execute();
        }
    }

    /** A name a file was accepted under, with the content type that name and content gave. */
    public record AcceptedName(String filename, String contentType, long acceptedAt) {
    }

    /** Records that the file was accepted under {@code filename} (again: the newer time counts). */
    public void registerName(Handle h, String sha256, String filename, String contentType, String by, long now) {
        int n = h.createUpdate("UPDATE attachment_names SET accepted_at = :now, accepted_by = :by WHERE sha256 = :s AND filename = :f")
                .bind("now", now).bind("by", by).bind("s", sha256).bind("f", filename).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO attachment_names (sha256, filename, content_type, accepted_by, accepted_at) "
                            + "VALUES (:s, :f, :t, :by, :now)")
                    .bind("s", sha256).bind("f", filename).bind("t", contentType).bind("by", by).bind("now", now).execute();
        }
    }

    /** The names the file was accepted under, newest first. */
    public List<AcceptedName> names(Handle h, String sha256) {
        return h.createQuery("SELECT filename, content_type, accepted_at FROM attachment_names WHERE sha256 = :s "
                        + "ORDER BY accepted_at DESC, filename")
                .bind("s", sha256).map((rs, ctx) -> new AcceptedName(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** The size the collector measured when the file was first stored. */
    public Optional<Long> size(Handle h, String sha256) {
        return h.createQuery("SELECT size FROM attachments WHERE sha256 = :s").bind("s", sha256).mapTo(Long.class).findFirst();
    }

    /**
     * Registered files that no answer references and that were neither registered nor accepted
     * under a name since {@code before}.
     */
    public List<String> unreferencedBefore(Handle h, long before) {
        return h.createQuery("SELECT t.sha256 FROM attachments t WHERE t.created_at < :b "
                        + "AND NOT EXISTS (SELECT 1 FROM answer_attachments aa WHERE aa.sha256 = t.sha256) "
                        + "AND NOT EXISTS (SELECT 1 FROM attachment_names n WHERE n.sha256 = t.sha256 AND n.accepted_at >= :b)")
                .bind("b", before).mapTo(String.class).list();
    }

    /** Whether any answer references the file. */
    public boolean referenced(Handle h, String sha256) {
        return h.createQuery("SELECT 1 FROM answer_attachments WHERE sha256 = :s").bind("s", sha256)
                .mapTo(Integer.class).findFirst().isPresent();
    }

    public boolean registered(Handle h, String sha256) {
        return contentType(h, sha256).isPresent();
    }

    /** Removes the rows of a file no answer references. */
    public void unregister(Handle h, String sha256) {
        h.createUpdate("DELETE FROM attachment_names WHERE sha256 = :s").bind("s", sha256).execute();
        h.createUpdate("DELETE FROM attachments WHERE sha256 = :s").bind("s", sha256).execute();
    }

    /** The directory the files are kept in. */
    public Path dir() {
        return dir;
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
