package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/** The dashboard says how many assets have waited for evaluation for more than a minute. */
class EvaluationWaitingBannerTest {

    @Test
    void theDashboardShowsAssetsWaitingForMoreThanAMinute() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            assertThat(w.get("/").body()).doesNotContain("評価待ちの資産");
            Database db = c.bean(Database.class);
            // the evaluator cannot write (a real SQLite abort), so the asset keeps waiting
            db.write(h -> h.execute("CREATE TRIGGER inject_failure BEFORE INSERT ON check_results "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
            String[] agent = c.enrollAgent();
            assertThat(c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "wait-1", "wait-1",
                    Reports.linuxPolicyFacts("wait-1", true))).status()).isEqualTo(201);
            assertThat(w.get("/").body()).as("a fresh wait is normal and not shown").doesNotContain("評価待ちの資産");
            db.write(h -> h.execute("UPDATE evaluation_pending SET queued_at = queued_at - 120000"));
            assertThat(w.get("/").body()).contains("評価待ちの資産 1 件");
            db.write(h -> h.execute("DROP TRIGGER inject_failure"));
        }
    }
}
