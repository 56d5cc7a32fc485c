package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Reports the real agent's spool bound dropped reach the real collector (issue 16 §2): the asset
 * page says how many were lost on the host and when, the count survives a garbled state file on
 * the agent, and the operators' metrics count them.
 */
class SpoolNewsOnCollectorTest {

    @Test
    void reportsLostOnTheHostAreShownOnTheAssetPageAndCounted() throws Exception {
        Path dir = Jars.tempDir("spool-news-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = SpoolHealingTest.startAndEnroll(collector, dir);
            collector.stop();
            for (int i = 0; i < 3; i++) {
                assertThat(agent.run("run-once", "--spool-max-files", "1").exit()).isEqualTo(5);
            }
            // the state file is garbled on the agent: its counter comes from the backup, the collector's stays
            Files.writeString(dir.resolve("agent").resolve("state").resolve("state.json"), "{\"droppedReports\": ");
            collector.start();
            AgentProcess.Result back = agent.run("run-once", "--spool-max-files", "1");
            assertThat(back.exit()).as(back.out()).isZero();

            String admin = collector.adminToken();
            String assetId = collector.json(collector.get("/api/v1/assets", admin)).get("items").get(0).get("id").asText();
            String page = collector.get("/assets/" + assetId, admin).body();
            assertThat(page).as(page).containsPattern("ホスト上で 2 件の報告が失われました（\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 〜 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d）");
            assertThat(collector.get("/agents", admin).body()).contains("2 件消失");
            assertThat(collector.get("/metrics", admin).body()).containsPattern("(?m)^akashi_agent_spool_drops_total 2\\.0$");

            // the next round tells the same total again: nothing is counted twice
            assertThat(agent.run("run-once", "--spool-max-files", "1").exit()).isZero();
            assertThat(collector.get("/assets/" + assetId, admin).body()).contains("ホスト上で 2 件の報告が失われました");
        }
    }
}
