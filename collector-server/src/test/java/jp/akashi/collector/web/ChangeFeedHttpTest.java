package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * "What changed since yesterday": a check that regresses on a host (適合 → 不適合) shows on the
 * dashboard and on /changes with links to the asset's result and the facts the check read, the
 * criterion whose verdict it flipped, the exception requested and approved for it; the same lines
 * come out as CSV; a window that cannot be read is refused with a reason.
 */
class ChangeFeedHttpTest {
    static TestCollector c;
    static String assetId;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        String[] agent = c.enrollAgent();
        TestCollector.Response first = c.postJson("/api/v1/reports", agent[1],
                Reports.host(agent[0], "feed-host", "mid-feed-host", Reports.linuxPolicyFacts("feed-host", true)));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assetId = first.json().get("assetId").asText();
        c.awaitEvaluation();
        TestCollector.Response snap = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of("note", "before the regression"));
        assertThat(snap.status()).as(snap.body()).isIn(200, 201, 202);
        Thread.sleep(5); // the regression is later than the snapshot
        TestCollector.Response second = c.postJson("/api/v1/reports", agent[1],
                Reports.host(agent[0], "feed-host", "mid-feed-host", Reports.linuxPolicyFacts("feed-host", false)));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        c.awaitEvaluation();
        String admin = c.adminToken();
        TestCollector.Response ex = c.approvedException(admin, Map.of("targetType", "check", "targetId", "av.realtime",
                "assetIds", java.util.List.of(assetId), "justification", "移行期間中", "expiresAt", LocalDate.now().plusDays(20).toString()));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    @Test
    void aRegressionShowsOnTheDashboardAndTheFeedWithLinksToItsFacts() {
        WebClient w = admin();
        String dashboard = w.get("/").body();
        String card = dashboard.substring(dashboard.indexOf("id=\"changes-heading\""), dashboard.indexOf("id=\"failing-checks\""));
        assertThat(card).contains("新たに不適合").contains("href=\"/assets/" + assetId + "#check-av.installed\"").contains("feed-host");

        String day = w.get("/changes").body();
        String dayRow = day.substring(day.indexOf("#check-av.installed\"") - 400, day.indexOf("#check-av.installed\""));
        assertThat(dayRow).as("a new asset's regression: from nothing to 不適合").contains("（なし）").contains("status-FAIL");
        assertThat(day).as("the first results of a new asset are not changes").doesNotContain("#check-auth.password_strength\"")
                .contains("新しい資産");

        String feed = w.get("/changes?since=snapshot").body();
        String checks = feed.substring(feed.indexOf("id=\"check-changes\""));
        assertThat(checks).contains("href=\"/assets/" + assetId + "#check-av.installed\"")
                .contains("href=\"/assets/" + assetId + "#fact-av.installed\"")
                .contains("href=\"/checks/av.installed\"");
        String row = checks.substring(checks.indexOf("#check-av.installed\"") - 400, checks.indexOf("#check-av.installed\""));
        assertThat(row).as("from 適合 to 不適合").contains("status-PASS").contains("status-FAIL").contains("新たに不適合");
        assertThat(feed.substring(feed.indexOf("id=\"criterion-changes\""))).contains("meti-scs:4-4-5-1").contains("未達成");
        assertThat(feed.substring(feed.indexOf("id=\"exception-changes\""))).contains("申請").contains("承認");

        String asset = w.get("/assets/" + assetId).body();
        assertThat(asset).as("the links land on rows").contains("id=\"check-av.installed\"").contains("id=\"fact-av.installed\"");

        WebClient en = admin();
        en.setCookie(WebCookies.LANG, "en");
        String enFeed = en.get("/changes?since=snapshot").body();
        assertThat(enFeed).contains("What changed").contains("Newly failing").doesNotContain("新たに不適合");
        // one language per screen: the change's reason too (it used to be the Japanese one on every screen)
        assertThat(checks).contains("マルウェア対策ソフトが検出されません");
        assertThat(enFeed).contains("No anti-malware product was found").doesNotContain("マルウェア対策ソフトが検出されません");
        assertThat(en.get("/assets/" + assetId).body().split("id=\"changes\"")[1])
                .contains("No anti-malware product was found").doesNotContain("マルウェア対策ソフトが検出されません");
    }

    @Test
    void aChangeRecordedAfterTheFeedWasShownAppearsOnTheNextViewAtOnce() throws Exception {
        // the dashboard and the page reuse a computed feed, but only while nothing new was recorded
        try (TestCollector own = new TestCollector()) {
            WebClient w = WebClient.loggedIn(own, "admin", TestCollector.ADMIN_PASSWORD);
            String[] agent = own.enrollAgent();
            assertThat(w.get("/").body()).doesNotContain("late-host");
            assertThat(w.get("/changes").body()).doesNotContain("late-host");
            TestCollector.Response r = own.postJson("/api/v1/reports", agent[1],
                    Reports.host(agent[0], "late-host", "mid-late-host", Reports.linuxPolicyFacts("late-host", false)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            own.awaitEvaluation();
            assertThat(w.get("/changes").body()).as("the page").contains("late-host");
            assertThat(w.get("/").body()).as("the dashboard").contains("late-host");
        }
    }

    @Test
    void theFeedExportsAsCsvWithTheSameLines() {
        WebClient w = admin();
        WebClient.Page csv = w.get("/changes/export.csv?since=day");
        assertThat(csv.status()).isEqualTo(200);
        String text = csv.body();
        assertThat(text).startsWith("\uFEFF種類,kind,日時,資産ID,資産名");
        assertThat(text).contains("新たに不適合,check.regression").contains(assetId).contains("av.installed,")
                .contains("/assets/" + assetId + "#check-av.installed").contains("例外: 承認,exception.approved");
        assertThat(text.lines().filter(l -> l.startsWith("新しい資産")).count()).isEqualTo(1);
    }

    @Test
    void aWindowThatCannotBeReadIsRefusedWithAReason() {
        WebClient w = admin();
        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        WebClient.Page dates = w.get("/changes?since=dates&from=" + today + "&to=" + today);
        assertThat(dates.status()).isEqualTo(200);
        assertThat(dates.body()).as("today's changes by date").contains("#check-av.installed\"");
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(2).toString();
        WebClient.Page future = w.get("/changes?since=dates&from=" + today + "&to=" + tomorrow);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("終了日は今日以前");
        WebClient.Page bad = w.get("/changes?since=dates&from=昨日&to=" + today);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("2026-12-01 の形");
        assertThat(w.get("/changes/export.csv?since=dates&from=x&to=y").status()).isEqualTo(400);
        String yesterday = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(3).toString();
        String before = w.get("/changes?since=dates&from=" + yesterday + "&to=" + yesterday).body();
        assertThat(before).as("nothing happened three days ago").contains("この期間に変化はありません");
    }
}
