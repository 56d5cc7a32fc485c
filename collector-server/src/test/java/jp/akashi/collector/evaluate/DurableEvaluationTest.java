package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Report;

/**
 * "This asset needs evaluation" is durable: a failed batch is retried rather than dropped, a
 * re-sent report queues its asset again when it is not judged on it, and a snapshot taken while
 * assets wait names them.
 */
class DurableEvaluationTest {

    /** A real failure of the write (SQLite aborts every insert into check_results), as disk full or a deadlock would. */
    private static final String FAIL = "CREATE TRIGGER inject_failure BEFORE INSERT ON check_results "
            + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END";

    @Test
    void aFailedBatchIsRetriedAndASnapshotMeanwhileNamesTheWaitingAsset() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.await-evaluation", "PT1S"))) {
            String admin = c.adminToken();
            String[] agent = c.enrollAgent();
            Database db = c.bean(Database.class);
            db.write(h -> h.execute(FAIL));
            assertThat(c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "retry-1", "retry-1",
                    Reports.linuxPolicyFacts("retry-1", true))).status()).isEqualTo(201);
            Thread.sleep(2500); // the batch (0.5 s delay) has failed at least once
            String assetId = c.get("/api/v1/assets", admin).json().get("items").get(0).get("id").asText();
            assertThat(results(c, admin, assetId)).as("nothing could be written yet").isEmpty();
            assertThat(c.bean(EvaluationService.class).waiting().count()).isEqualTo(1);

            SnapshotStore.SnapshotRecord snap = c.bean(SnapshotService.class).createSnapshot("admin", "manual", null);
            assertThat(snapshotText(c.dataDir(), snap.fileName())).contains("評価待ちの資産が 1 件").contains("retry-1");

            db.write(h -> h.execute("DROP TRIGGER inject_failure"));
            // the retry comes after the backoff, without a new report and without a full pass
            long end = System.currentTimeMillis() + 20_000;
            while (results(c, admin, assetId).isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(200);
            }
            assertThat(results(c, admin, assetId)).as("the failed batch was retried").isNotEmpty();
            c.awaitEvaluation();
            assertThat(c.bean(EvaluationService.class).waiting().count()).isZero();
        }
    }

    @Test
    void aDuplicateReportReQueuesAnAssetNotJudgedOnIt() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            String admin = c.adminToken();
            String[] agent = c.enrollAgent();
            Report r = Reports.host(agent[0], "dup-1", "dup-1", Reports.linuxPolicyFacts("dup-1", true));
            assertThat(c.postJson("/api/v1/reports", agent[1], r).status()).isEqualTo(201);
            c.awaitEvaluation();
            String assetId = c.get("/api/v1/assets", admin).json().get("items").get(0).get("id").asText();
            assertThat(results(c, admin, assetId)).isNotEmpty();

            // as after a crash between storing and judging: the stored report has no results and no mark
            Database db = c.bean(Database.class);
            db.write(h -> {
                h.createUpdate("DELETE FROM check_results WHERE asset_id = :a").bind("a", assetId).execute();
                h.execute("DELETE FROM evaluation_pending");
                return null;
            });
            assertThat(results(c, admin, assetId)).isEmpty();

            // the agent, never acknowledged, sends the same report again
            TestCollector.Response again = c.postJson("/api/v1/reports", agent[1], r);
            assertThat(again.status()).isEqualTo(200);
            c.awaitEvaluation();
            JsonNode res = results(c, admin, assetId);
            assertThat(res).as("the duplicate queued the asset again").isNotEmpty();
            assertThat(res.get(0).get("reportId").asText()).isEqualTo(r.reportId().toString());
        }
    }

    private static JsonNode results(TestCollector c, String admin, String assetId) {
        return c.get("/api/v1/assets/" + assetId + "/checks", admin).json().get("results");
    }

    private static String snapshotText(Path dataDir, String file) throws Exception {
        Path zip;
        try (var s = Files.walk(dataDir)) {
            zip = s.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
        }
        StringBuilder sb = new StringBuilder();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                z.transferTo(b);
                sb.append(b.toString(StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }
}
