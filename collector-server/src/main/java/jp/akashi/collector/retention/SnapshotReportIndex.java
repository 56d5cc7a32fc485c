package jp.akashi.collector.retention;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.snapshot.SnapshotFiles;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.MultiRowInsert;
import jp.akashi.probes.util.Json;

/**
 * Which reports the snapshots refer to (table snapshot_reports). A snapshot taken by this version
 * writes its rows itself; snapshots taken before it are read once from their files (the report
 * ids in {@code data/assets.jsonl} and {@code data/check-results.jsonl}). Until every older
 * snapshot is indexed, no raw report is pruned: a reference that cannot be read is not assumed absent.
 */
@Singleton
public class SnapshotReportIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReportIndex.class);
    static final String PENDING = "snapshots_to_index_through";

    private final Database db;
    private final SnapshotFiles files;

    public SnapshotReportIndex(Database db, SnapshotFiles files) {
        this.db = db;
        this.files = files;
    }

    /** Indexes the snapshots older than the table; returns null when done, else why not. */
    public String ensureIndexed() {
        long through = db.read(h -> h.createQuery("SELECT value FROM retention_state WHERE name = :n").bind("n", PENDING)
                .mapTo(Long.class).findFirst().orElse(0L));
        if (through <= 0) {
            return null;
        }
        List<Map<String, Object>> snaps = db.read(h -> h.createQuery("SELECT id, seq FROM snapshots WHERE seq <= :s ORDER BY seq")
                .bind("s", through).mapToMap().list());
        for (Map<String, Object> s : snaps) {
            String id = (String) s.get("id");
            Set<String> ids;
            try {
                ids = reportIds(files.path(id));
            } catch (IOException | RuntimeException e) {
                LOG.warn("raw reports are not pruned: snapshot {} cannot be read for the reports it refers to ({})", id, e.toString());
                return "snapshot " + id + " unreadable: " + e.getMessage();
            }
            db.write(h -> {
                h.createUpdate("DELETE FROM snapshot_reports WHERE snapshot_id = :s").bind("s", id).execute();
                MultiRowInsert.run(h, "snapshot_reports", List.of("snapshot_id", "report_id"),
                        ids.stream().map(r -> new Object[]{id, r}).toList());
                return null;
            });
        }
        db.write(h -> h.createUpdate("UPDATE retention_state SET value = 0 WHERE name = :n").bind("n", PENDING).execute());
        LOG.info("indexed the reports referred to by {} earlier snapshot(s)", snaps.size());
        return null;
    }

    static Set<String> reportIds(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IOException("missing file " + zip);
        }
        Set<String> ids = new TreeSet<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            read(z, "data/assets.jsonl", "factsReportId", ids);
            read(z, "data/check-results.jsonl", "reportId", ids);
        }
        return ids;
    }

    private static void read(ZipFile z, String name, String field, Set<String> into) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            throw new IOException(name + " not in the snapshot");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line).get(field);
                if (n != null && n.isTextual()) {
                    into.add(n.asText());
                }
            }
        }
    }
}
