package jp.akashi.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.snapshot.SnapshotFiles;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;

/**
 * Snapshots taken before the collector recorded which reports they refer to (before migration V9)
 * are read from their files once; while one cannot be read, no raw report is pruned.
 */
class SnapshotsBeforeRetentionTest {
    static final long DAY = 86_400_000L;

    @Test
    void anOlderSnapshotIsReadFromItsFileAndAnUnreadableOneStopsReportPruning() throws Exception {
        try (TestCollector c = new TestCollector()) {
            String admin = c.adminToken();
            Database db = c.bean(Database.class);
            String[] a = c.enrollAgent();
            String r1 = RetentionPrunerTest.post(c, a, RetentionPrunerTest.report(a[0], "old-snap", 1));
            c.awaitEvaluation();
            String snapId = c.postJson("/api/v1/snapshots", admin, Map.of()).json().get("id").asText();
            String r2 = RetentionPrunerTest.post(c, a, RetentionPrunerTest.report(a[0], "old-snap", 2));
            String r3 = RetentionPrunerTest.post(c, a, RetentionPrunerTest.report(a[0], "old-snap", 3));
            c.awaitEvaluation();
            // as a snapshot taken before V9: no rows of its own, and marked for reading from its file
            db.write(h -> {
                h.execute("DELETE FROM snapshot_reports");
                h.execute("UPDATE retention_state SET value = (SELECT MAX(seq) FROM snapshots) WHERE name = 'snapshots_to_index_through'");
                return null;
            });
            SnapshotFiles files = c.bean(SnapshotFiles.class);
            byte[] zip = Files.readAllBytes(files.path(snapId));
            Files.delete(files.path(snapId));
            long later = System.currentTimeMillis() + 100 * DAY;
            PruneResult blocked = c.bean(RetentionPruner.class).prune(later);
            assertThat(blocked.skippedReason()).contains(snapId);
            assertThat(blocked.reports()).as("no raw report pruned while a snapshot cannot be read").isZero();
            assertThat(RetentionPrunerTest.reports(db)).containsExactlyInAnyOrder(r1, r2, r3);

            Files.write(files.path(snapId), zip);
            PruneResult r = c.bean(RetentionPruner.class).prune(later);
            assertThat(r.skippedReason()).isNull();
            // r1 is what the snapshot froze, r3 is current; r2 is old and unreferenced
            assertThat(RetentionPrunerTest.reports(db)).containsExactlyInAnyOrder(r1, r3);
            assertThat(RetentionPrunerTest.strings(db, "SELECT report_id FROM snapshot_reports")).containsExactly(r1);
            assertThat(Integrity.problems(db)).isEmpty();
        }
    }
}
