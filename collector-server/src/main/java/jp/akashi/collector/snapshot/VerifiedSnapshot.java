package jp.akashi.collector.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.snapshot.SnapshotArchive;
import jp.akashi.probes.snapshot.SnapshotManifest;

/**
 * A private copy of a stored snapshot that has just been verified, to serve from: the download
 * streams exactly the copy's bytes and the exports read members from it through the strict
 * reader, each member hashed again against the verified manifest as it is read. The stored
 * file can change or be replaced meanwhile without changing what is served ("hash what you
 * serve, serve what you hashed"). Closing removes the copy, unless it was handed on by
 * {@link #takeContent()}.
 */
public final class VerifiedSnapshot implements AutoCloseable {
    private final SnapshotStore.SnapshotRecord record;
    private final SnapshotService.Verification verification;
    private final SnapshotManifest manifest;
    private final Path copy;
    private SnapshotArchive archive;
    private Map<String, SnapshotManifest.Entry> byPath;
    private boolean handedOn;

    VerifiedSnapshot(SnapshotStore.SnapshotRecord record, SnapshotService.Verification verification, SnapshotManifest manifest, Path copy) {
        this.record = record;
        this.verification = verification;
        this.manifest = manifest;
        this.copy = copy;
    }

    public SnapshotStore.SnapshotRecord record() {
        return record;
    }

    public SnapshotService.Verification verification() {
        return verification;
    }

    public boolean ok() {
        return verification.ok();
    }

    /** The names of the listed files (what exports may read), in manifest order. */
    public List<String> listed() {
        return manifest.files().stream().map(SnapshotManifest.Entry::path).toList();
    }

    /**
     * A listed member's content from the verified copy, hashed again as it is read: a member
     * whose bytes are not the signed ones ends in an {@link SnapshotArchive.ArchiveException}.
     *
     * @return null when the snapshot does not list that member
     */
    public InputStream member(String name) throws IOException {
        requireOk();
        if (byPath == null) {
            byPath = new HashMap<>();
            manifest.files().forEach(e -> byPath.put(e.path(), e));
        }
        SnapshotManifest.Entry listed = byPath.get(name);
        if (listed == null) {
            return null;
        }
        if (archive == null) {
            archive = SnapshotArchive.open(copy);
        }
        SnapshotArchive.Entry entry = archive.entry(name)
                .orElseThrow(() -> new SnapshotArchive.ArchiveException(name + ": listed but not in the verified copy"));
        return archive.openExpecting(entry, listed.sha256());
    }

    /** Size of the verified copy (what a download sends). */
    public long size() throws IOException {
        return Files.size(copy);
    }

    /** The whole verified copy as a stream that removes the copy when closed; this object no longer owns it. */
    public InputStream takeContent() throws IOException {
        requireOk();
        InputStream in = new FilterInputStream(Files.newInputStream(copy)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
        };
        handedOn = true;
        return in;
    }

    private void requireOk() {
        if (!verification.ok()) {
            throw new IllegalStateException("snapshot " + record.id() + " did not verify; nothing is served from it");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (archive != null) {
                archive.close();
            }
        } finally {
            if (!handedOn) {
                Files.deleteIfExists(copy);
            }
        }
    }
}
