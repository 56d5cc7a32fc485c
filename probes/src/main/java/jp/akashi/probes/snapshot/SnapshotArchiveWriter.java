package jp.akashi.probes.snapshot;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a snapshot ZIP as a stream: each member is hashed while it is written, so nothing has
 * to be held in memory, and {@link #finish} appends the manifest of everything written, its
 * Ed25519 signature and the public key. The collector writes snapshots with it; tests use it
 * to make snapshots to tamper with.
 */
public final class SnapshotArchiveWriter implements AutoCloseable {
    /** Signs the manifest bytes (the collector's key never leaves the collector). */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(byte[] data) throws GeneralSecurityException;
    }

    private final ZipOutputStream zip;
    private final FileTime time;
    private final List<SnapshotManifest.Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean open;

    /** @param time the modification time given to every member (the snapshot's instant) */
    public SnapshotArchiveWriter(OutputStream out, Instant time) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.time = FileTime.from(time);
    }

    /** Starts a compressed member; write to the stream and close it before starting the next. */
    public OutputStream begin(String path) throws IOException {
        checkNew(path);
        ZipEntry e = new ZipEntry(path);
        e.setLastModifiedTime(time);
        zip.putNextEntry(e);
        open = true;
        MessageDigest md = sha256();
        return new FilterOutputStream(zip) {
            long size;
            boolean closed;

            @Override
            public void write(int b) throws IOException {
                zip.write(b);
                md.update((byte) b);
                size++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
                md.update(b, off, len);
                size += len;
            }

            @Override
            public void flush() {
                // the member ends on close; flushing the deflater early would only cost space
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    zip.closeEntry();
                    open = false;
                    entries.add(new SnapshotManifest.Entry(path, size, HexFormat.of().formatHex(md.digest())));
                }
            }
        };
    }

    /** A whole member from bytes, compressed. */
    public void put(String path, byte[] content) throws IOException {
        try (OutputStream out = begin(path)) {
            out.write(content);
        }
    }

    /** A whole member stored without compression (for content that is compressed already, such as gzip). */
    public void putStored(String path, byte[] content) throws IOException {
        checkNew(path);
        ZipEntry e = new ZipEntry(path);
        e.setLastModifiedTime(time);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
        entries.add(new SnapshotManifest.Entry(path, content.length, HexFormat.of().formatHex(sha256().digest(content))));
    }

    public boolean contains(String path) {
        return names.contains(path);
    }

    /** The members written so far. */
    public List<SnapshotManifest.Entry> entries() {
        return List.copyOf(entries);
    }

    /** The manifest as written, its bytes and its SHA-256 (the snapshot's hash). */
    public record Finished(SnapshotManifest manifest, byte[] manifestBytes, String manifestSha256) {
    }

    /** Writes manifest.txt, manifest.sig and the public key, and ends the archive. */
    public Finished finish(String snapshotId, Instant createdAt, String previousSha256, PublicKey key, Signer signer)
            throws IOException, GeneralSecurityException {
        return finish(snapshotId, createdAt, previousSha256, null, key, signer);
    }

    /** As {@link #finish(String, Instant, String, PublicKey, Signer)}, the manifest recording the collector's display zone (or null). */
    public Finished finish(String snapshotId, Instant createdAt, String previousSha256, java.time.ZoneId displayZone, PublicKey key,
                           Signer signer) throws IOException, GeneralSecurityException {
        if (open) {
            throw new IllegalStateException("a member is still open");
        }
        SnapshotManifest m = SnapshotManifest.of(snapshotId, createdAt, SnapshotKeys.fingerprint(key), previousSha256, displayZone,
                entries);
        byte[] bytes = m.render();
        byte[] signature = signer.sign(bytes);
        writeUnlisted(SnapshotManifest.FILE_NAME, bytes);
        writeUnlisted(SnapshotManifest.SIGNATURE_NAME, signature);
        writeUnlisted(SnapshotManifest.PUBLIC_KEY_NAME, SnapshotKeys.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        return new Finished(m, bytes, HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    private void writeUnlisted(String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(time);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    private void checkNew(String path) {
        if (open) {
            throw new IllegalStateException("close the previous member before starting " + path);
        }
        String problem = SnapshotManifest.pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException(path + ": " + problem);
        }
        if (!names.add(path)) {
            throw new IllegalArgumentException(path + ": written twice");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
