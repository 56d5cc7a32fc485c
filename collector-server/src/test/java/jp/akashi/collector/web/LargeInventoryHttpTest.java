package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;

/**
 * 10,000 assets: list pages are paginated in the database (one page of rows is rendered, the
 * totals are right), and "stopped reporting" follows each asset's own interval. Response times
 * are printed for a look, not asserted (the benchmark measures p95).
 */
class LargeInventoryHttpTest {
    static final int ASSETS = 10_000;
    static TestCollector c;

    /** Per block of 4 assets: interval 300 s seen 20 min ago (stale), interval 3600 s seen 20 min ago,
     *  no interval seen 2 days ago (stale), no interval seen 1 h ago. */
    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        long now = System.currentTimeMillis();
        long min = 60_000;
        AssetStore store = c.bean(AssetStore.class);
        c.bean(Database.class).write(h -> {
            for (int i = 0; i < ASSETS; i++) {
                int kind = i % 4;
                Integer interval = kind == 0 ? Integer.valueOf(300) : kind == 1 ? Integer.valueOf(3600) : null;
                long seen = now - (kind <= 1 ? 20 * min : kind == 2 ? 2 * 24 * 60 * min : 60 * min);
                String os = i % 10 == 0 ? "windows" : "linux";
                store.insert(h, new AssetStore.Asset(String.format("asset-%05d", i), "host", null, String.format("pc-%05d", i),
                        "mid-" + i, null, null, null, os, os.equals("linux") ? "Ubuntu" : "Windows 11", "1", null,
                        i % 7 == 0 ? "営業部" : null, null, List.of(), "agent", null, now - 90 * 24 * 60 * min, seen, null,
                        interval, null));
            }
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void theAssetListShowsOnePageOfTenThousand() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String first = timed(w, "/assets");
        assertThat(first).contains("10,000 件中 1–50 件");
        assertThat(rows(first)).isEqualTo(50);
        String last = timed(w, "/assets?page=200");
        assertThat(last).contains("10,000 件中 9,951–10,000 件");
        assertThat(rows(last)).isEqualTo(50);
        assertThat(rows(w.get("/assets?page=201").body())).isZero();

        String windows = timed(w, "/assets?os=windows");
        assertThat(windows).contains("1,000 件中 1–50 件");
        String sales = timed(w, "/assets?q=営業");
        assertThat(sales).contains("1,429 件中");
    }

    @Test
    void stoppedReportingFollowsEachAssetsInterval() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String stale = timed(w, "/assets?stale=true");
        assertThat(stale).contains("5,000 件中 1–50 件");
        String dashboard = timed(w, "/");
        assertThat(dashboard).contains("<span class=\"stat-value\">10,000</span>")
                .as("stopped reporting").contains("<span class=\"stat-value\">5,000</span>")
                .as("reported in the last day").contains("<span class=\"stat-value\">7,500</span>");
        assertThat(dashboard).contains("すべて表示（5,000 件）");
        assertThat(c.get("/api/v1/assets?stale=true&limit=1", c.adminToken()).json().get("total").asLong())
                .as("the API filter agrees with each asset's stale flag").isEqualTo(5000);
    }

    static String timed(WebClient w, String path) {
        long t0 = System.nanoTime();
        WebClient.Page p = w.get(path);
        System.out.printf("GET %s with %,d assets: %d ms%n", path, ASSETS, (System.nanoTime() - t0) / 1_000_000);
        assertThat(p.status()).as(path).isEqualTo(200);
        return p.body();
    }

    static int rows(String page) {
        Matcher m = Pattern.compile("<a href=\"/assets/asset-\\d{5}\">").matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
