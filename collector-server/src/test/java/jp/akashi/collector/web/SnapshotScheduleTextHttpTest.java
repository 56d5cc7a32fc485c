package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** The snapshot schedule on the snapshots page in words, with the raw expression beside it. */
class SnapshotScheduleTextHttpTest {
    @Test
    void theScheduleIsShownInWordsInTheUsersLanguage() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "0 0 3 * * MON"))) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String ja = w.get("/snapshots").body();
            assertThat(ja).contains("毎週月曜 03:00").contains("0 0 3 * * MON");
            w.setCookie(WebCookies.LANG, "en");
            assertThat(w.get("/snapshots").body()).contains("every Monday at 03:00");
        }
    }
}
