package jp.akashi.collector.snapshot;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.probes.snapshot.SnapshotManifest;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.snapshot.ZipMemberAppender;
import jp.akashi.probes.util.Hashes;

/**
 * RFC 3161 time stamps of snapshots. At creation the manifest is stamped before the archive is
 * committed, and the token joins the archive as {@code manifest.tsr} (an unlisted member, like
 * the signature). When the authority does not answer, the snapshot is committed anyway and marked
 * pending; {@link #retryPending} (every {@code akashi.snapshots.tsa-retry}) stamps it later and
 * joins the token by re-assembling the stored archive: the original bytes up to its central
 * directory, then the new member and directory ({@link ZipMemberAppender}), so every listed file,
 * the manifest and its signature stay byte for byte as signed and the manifest hash (the chain)
 * is unchanged. The new archive is verified before it replaces the old one in one atomic move.
 */
@Singleton
public class SnapshotTimeStamps {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTimeStamps.class);
    private final TimeStampClient client;
    private final SnapshotFiles files;
    private final SnapshotStore store;
    private final SigningKey key;
    private final Database db;
    private final AuditLog audit;
    private final jp.akashi.collector.store.Leases leases;
    private final java.time.Duration retryEvery;

    public SnapshotTimeStamps(TimeStampClient client, SnapshotFiles files, SnapshotStore store, SigningKey key, Database db, AuditLog audit,
                              jp.akashi.collector.store.Leases leases,
                              SnapshotsProperties settings) {
        java.time.Duration retryEvery = settings.tsaRetry();
        this.leases = leases;
        this.retryEvery = retryEvery.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : retryEvery;
        this.client = client;
        this.files = files;
        this.store = store;
        this.key = key;
        this.db = db;
        this.audit = audit;
    }

    public boolean configured() {
        return client.configured();
    }

    public String authority() {
        return client.url();
    }

    /** What stamping a new snapshot gave: the file to commit and its time-stamp state. */
    public record Outcome(Path file, String status, Long time, String error) {
    }

    /** Stamps a freshly written snapshot (not committed yet); on any failure the unstamped file is kept, pending. */
    public Outcome stampNew(String id, Path written, byte[] manifest, String manifestSha256, Instant createdAt) {
        if (!client.configured()) {
            return new Outcome(written, SnapshotStore.TSA_NONE, null, null);
        }
        Path joined = null;
        try {
            TimeStampClient.Stamp s = client.stamp(manifest);
            joined = files.temporary(id);
            join(written, joined, s, manifestSha256, createdAt);
            return new Outcome(joined, SnapshotStore.TSA_STAMPED, s.time().toEpochMilli(), null);
        } catch (IOException | RuntimeException e) {
            files.discard(joined);
            LOG.warn("snapshot {}: time stamp pending ({}); retried every interval", id, e.getMessage());
            return new Outcome(written, SnapshotStore.TSA_PENDING, null, message(e));
        }
    }

    /** The periodic retry: on one collector instance per interval (lease {@code snapshot.tsa-retry}, see Leases). */
    @Scheduled(fixedDelay = "${akashi.snapshots.tsa-retry:" + SnapshotsProperties.TSA_RETRY + "}",
            initialDelay = "${akashi.snapshots.tsa-retry:" + SnapshotsProperties.TSA_RETRY + "}")
    void retryOnOneInstance() {
        leases.runIfHolder("snapshot.tsa-retry", retryEvery, this::retryPending);
    }

    /** Stamps the pending snapshots, oldest first; returns how many were stamped. */
    public synchronized int retryPending() {
        if (!client.configured()) {
            return 0;
        }
        int stamped = 0;
        for (SnapshotStore.SnapshotRecord s : db.read(h -> store.pendingTimeStamps(h, 100))) {
            if (!stampStored(s)) {
                break; // the authority is still down: the others wait for the next round
            }
            stamped++;
        }
        return stamped;
    }

    private boolean stampStored(SnapshotStore.SnapshotRecord s) {
        Path stored = files.path(s.id());
        Path joined = null;
        try {
            byte[] manifest;
            try (ZipFile z = new ZipFile(stored.toFile())) {
                var e = z.getEntry(SnapshotManifest.FILE_NAME);
                manifest = e == null ? null : z.getInputStream(e).readNBytes(1 << 20);
            }
            if (manifest == null || !Hashes.sha256Hex(manifest).equals(s.manifestSha256())) {
                throw new IOException("the stored archive's manifest.txt is not the one recorded");
            }
            TimeStampClient.Stamp stamp = client.stamp(manifest);
            joined = files.temporary(s.id());
            join(stored, joined, stamp, s.manifestSha256(), Instant.ofEpochMilli(s.createdAt()));
            files.replace(joined, s.id());
            long size = Files.size(stored);
            db.write(h -> {
                store.stamped(h, s.id(), stamp.time().toEpochMilli(), size);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("manifestSha256", s.manifestSha256());
                d.put("stampedAt", stamp.time().toString());
                d.put("authority", client.url());
                d.put("attempts", s.tsaAttempts() + 1);
                d.put("size", size);
                audit.append(h, "system:timestamp", "snapshot.timestamp", s.id(), d);
                return null;
            });
            LOG.info("snapshot {}: time stamp {} joined after {} attempt(s)", s.id(), stamp.time(), s.tsaAttempts() + 1);
            return true;
        } catch (IOException | RuntimeException e) {
            files.discard(joined);
            db.write(h -> {
                store.stampFailed(h, s.id(), message(e));
                return null;
            });
            LOG.warn("snapshot {}: time stamp still pending: {}", s.id(), e.getMessage());
            return false;
        }
    }

    /** Writes {@code from} with manifest.tsr joined to {@code to}, and verifies the result before anyone may use it. */
    private void join(Path from, Path to, TimeStampClient.Stamp stamp, String manifestSha256, Instant createdAt) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(to), 1 << 16)) {
            ZipMemberAppender.append(from, out, SnapshotManifest.TIME_STAMP_NAME, stamp.response(), createdAt);
        }
        SnapshotVerifier.Result r = SnapshotVerifier.verify(to, key.publicKey(), null);
        // what the audit log inside says is content, not the archive's integrity
        List<String> archive = r.problems().stream().filter(p -> !p.startsWith("audit log:") && !p.startsWith("data/audit-log.jsonl")).toList();
        if (!archive.isEmpty() || !manifestSha256.equals(r.manifestSha256())) {
            throw new IOException("the archive with the time stamp joined does not verify: " + String.join("; ", archive));
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
