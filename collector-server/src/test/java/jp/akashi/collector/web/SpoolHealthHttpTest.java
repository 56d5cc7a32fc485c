package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.probes.util.Json;

/**
 * What agents tell about their spools reaches the console (issue 16 §2): reports lost on the
 * host, counted cumulatively and durably by the collector even when the agent's own counter
 * restarts, and a spool the agent cannot write, shown while the agent's latest report says so.
 * Real reports over HTTP to a real collector; the pages as the console serves them.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class SpoolHealthHttpTest {
    TestCollector c;

    TestCollector startCollector() throws Exception {
        return new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
    }

    @BeforeAll
    void start() throws Exception {
        c = startCollector();
    }

    @AfterAll
    void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static ObjectNode report(String agentId, String host) {
        return Json.mapper().valueToTree(Reports.linuxHost(agentId, host));
    }

    Response post(String credential, ObjectNode body) throws Exception {
        return c.send("POST", "/api/v1/reports", credential, Json.mapper().writeValueAsBytes(body), Map.of());
    }

    static ObjectNode drops(ObjectNode r, long total, String oldest, String newest) {
        ObjectNode d = r.putObject("spoolDrops").put("total", total);
        if (oldest != null) {
            d.put("oldestCollectedAt", oldest).put("newestCollectedAt", newest);
        }
        return r;
    }

    @Test
    void lostReportsAreShownOnTheAssetPageCumulativelyAndDurably() throws Exception {
        String[] agent = c.enrollAgent();
        Response first = post(agent[1], drops(report(agent[0], "lost01"), 3, "2026-11-19T00:00:00Z", "2026-11-19T02:00:00Z"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String asset = first.json().get("assetId").asText();
        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        web.get("/assets");
        web.submit("/lang", Map.of("lang", "ja", "next", "/")); // the language is saved per person
        assertThat(web.get("/assets/" + asset).body()).contains("ホスト上で 3 件の報告が失われました（2026-11-19 09:00 〜 2026-11-19 11:00）");

        // the agent's state files were lost: its counter starts again at 1; the collector adds, never forgets
        assertThat(post(agent[1], drops(report(agent[0], "lost01"), 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z")).status())
                .isEqualTo(201);
        // later reports without spoolDrops (a fresh state) change nothing
        assertThat(post(agent[1], report(agent[0], "lost01")).status()).isEqualTo(201);
        String page = web.get("/assets/" + asset).body();
        assertThat(page).contains("ホスト上で 4 件の報告が失われました（2026-11-19 09:00 〜 2026-11-20 09:00）");

        c.stop();
        c.start();
        WebClient again = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        assertThat(again.get("/assets/" + asset).body()).as("kept across a restart").contains("ホスト上で 4 件の報告が失われました");
        assertThat(again.get("/agents").body()).contains("4 件消失");
        again.submit("/lang", Map.of("lang", "en", "next", "/assets/" + asset));
        assertThat(again.get("/assets/" + asset).body()).contains("4 reports lost on the host between 2026-11-19 09:00 and 2026-11-20 09:00");

        // the same in the asset's JSON API
        var spool = c.get("/api/v1/assets/" + asset, c.adminToken()).json().get("spool");
        assertThat(spool.get("lostTotal").asLong()).isEqualTo(4);
        assertThat(spool.get("firstLostAt").asText()).isEqualTo("2026-11-19T00:00:00Z");
        assertThat(spool.get("lastLostAt").asText()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(spool.get("problem").isNull()).isTrue();
    }

    @Test
    void aSpoolDropsKeySpeltWithAnEscapeIsReadAsWell() throws Exception {
        // the quick search for the keys must not miss a key spelt with a backslash-u escape, which JSON reads as spoolDrops
        String[] agent = c.enrollAgent();
        String json = new String(Json.mapper().writeValueAsBytes(drops(report(agent[0], "escaped01"), 2, null, null)),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"spoolDrops\"", "\"spool\\u0044rops\"");
        assertThat(json).contains("spool\\u0044rops").doesNotContain("spoolDrops");
        Response sent = c.send("POST", "/api/v1/reports", agent[1], json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var spool = c.get("/api/v1/assets/" + sent.json().get("assetId").asText(), c.adminToken()).json().get("spool");
        assertThat(spool.get("lostTotal").asLong()).isEqualTo(2);
    }

    @Test
    void anAgentThatNeverToldAboutItsSpoolHasNoSpoolInTheApi() throws Exception {
        String[] agent = c.enrollAgent();
        Response sent = post(agent[1], report(agent[0], "quiet01"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var json = c.get("/api/v1/assets/" + sent.json().get("assetId").asText(), c.adminToken()).json();
        assertThat(json.has("spool")).isTrue();
        assertThat(json.get("spool").isNull()).isTrue();
        // the wire shape of an asset: an agent's own host has no feeder and no reason to be unconfirmed (both null,
        // not left out); a fact leaves out what it has not (no message on a read value, no others with one source)
        assertThat(json.get("fedBy").isNull()).isTrue();
        assertThat(json.get("unconfirmedReason").isNull()).isTrue();
        assertThat(json.get("facts")).anySatisfy(f -> assertThat(f.has("message")).isFalse());
        assertThat(json.get("facts").findValues("others")).isEmpty();
    }

    @Test
    void anAgentThatCannotWriteItsSpoolIsShownUntilItsNextReportSaysOtherwise() throws Exception {
        String[] agent = c.enrollAgent();
        ObjectNode r = report(agent[0], "fulldisk01");
        r.putObject("spoolProblem").put("error", "cannot write to /var/lib/akashi/spool (No space left on device)");
        Response sent = post(agent[1], r);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String asset = sent.json().get("assetId").asText();
        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        web.get("/assets");
        web.submit("/lang", Map.of("lang", "ja", "next", "/")); // the language is saved per person
        assertThat(web.get("/assets/" + asset).body()).contains("このホストのエージェントはスプールに書き込めません")
                .contains("No space left on device");
        assertThat(web.get("/agents").body()).contains("スプール書込不可");
        var spool = c.get("/api/v1/assets/" + asset, c.adminToken()).json().get("spool");
        assertThat(spool.get("problem").asText()).isEqualTo("cannot write to /var/lib/akashi/spool (No space left on device)");
        assertThat(spool.get("problemAt").asText()).isNotEmpty();
        assertThat(spool.get("lostTotal").asLong()).isZero();

        Thread.sleep(5); // the next report is later
        assertThat(post(agent[1], report(agent[0], "fulldisk01")).status()).isEqualTo(201);
        assertThat(web.get("/assets/" + asset).body()).doesNotContain("スプールに書き込めません");
        assertThat(c.get("/api/v1/assets/" + asset, c.adminToken()).json().get("spool").get("problem").isNull())
                .as("the latest report no longer says so").isTrue();
    }

    @Test
    void aBadSpoolDropsFieldIsRefusedNamingItAndStoresNothing() throws Exception {
        String[] agent = c.enrollAgent();
        String admin = c.adminToken();
        int before = c.get("/api/v1/assets", admin).json().get("total").asInt();
        for (ObjectNode bad : new ObjectNode[] {drops(report(agent[0], "bad01"), -2, null, null),
                drops(report(agent[0], "bad01"), 2, "yesterday", "today"),
                drops(report(agent[0], "bad01"), 2, "2026-11-20T00:00:00Z", "2026-11-19T00:00:00Z")}) {
            Response r = post(agent[1], bad);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).startsWith("spoolDrops.");
            assertThat(r.json().get("errorJa").asText()).startsWith("spoolDrops.");
        }
        ObjectNode text = report(agent[0], "bad01");
        text.put("spoolDrops", "3");
        assertThat(post(agent[1], text).json().get("error").asText()).startsWith("spoolDrops:");
        ObjectNode control = report(agent[0], "bad01");
        control.putObject("spoolProblem").put("error", "disk\u001b[31mfull");
        assertThat(post(agent[1], control).json().get("error").asText()).startsWith("spoolProblem.error:");
        assertThat(c.get("/api/v1/assets", admin).json().get("total").asInt()).as("nothing stored").isEqualTo(before);
    }
}
