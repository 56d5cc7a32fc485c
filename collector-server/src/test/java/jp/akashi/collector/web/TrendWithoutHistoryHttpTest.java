package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * A new installation has one day of score history: a chart of one point is empty axes. The cards say
 * that there is no trend yet instead, in the user's language.
 */
class TrendWithoutHistoryHttpTest {
    @Test
    void aSingleDayOfHistoryIsNoTrendYet() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"))) {
            Seed.complianceHost(c, "first-host", true);
            c.awaitEvaluation();
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String ja = w.get("/").body();
            assertThat(ja).as("no chart of a single day").doesNotContain("data-chart=");
            assertThat(ja).contains("まだデータがありません");
            w.setCookie(WebCookies.LANG, "en");
            assertThat(w.get("/").body()).doesNotContain("data-chart=").contains("No data yet");
        }
    }
}
