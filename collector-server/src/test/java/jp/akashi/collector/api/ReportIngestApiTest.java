package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/** POST /api/v1/reports on a real collector with a real SQLite file: auth, limits, bad input, idempotency. */
class ReportIngestApiTest {
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static byte[] json(Object o) throws Exception {
        return Json.mapper().writeValueAsBytes(o);
    }

    Response post(String credential, byte[] body) {
        return c.send("POST", "/api/v1/reports", credential, body, Map.of());
    }

    long assetCount() {
        return c.get("/api/v1/assets?limit=500", admin).json().get("total").asLong();
    }

    @Test
    void storesAReportOnceAndShowsItsFactsWithEvidence() throws Exception {
        String[] agent = c.enrollAgent();
        Report r = Reports.linuxHost(agent[0], "ingest-host-1");
        Response first = post(agent[1], json(r));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("stored");
        String assetId = first.json().get("assetId").asText();

        Response again = post(agent[1], json(r));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(again.json().get("assetId").asText()).isEqualTo(assetId);

        JsonNode asset = c.get("/api/v1/assets/" + assetId, admin).json();
        assertThat(asset.get("hostname").asText()).isEqualTo("ingest-host-1");
        assertThat(asset.get("osName").asText()).isEqualTo("Ubuntu");
        assertThat(asset.get("reports")).hasSize(1);
        JsonNode minLen = find(asset.get("facts"), "auth.password.min_length");
        assertThat(minLen.get("value").asLong()).isEqualTo(8);
        assertThat(minLen.get("evidence").get("source").asText()).isEqualTo("file:/etc/test");
        JsonNode lockout = find(asset.get("facts"), "auth.lockout.threshold");
        assertThat(lockout.get("status").asText()).isEqualTo("error");
        assertThat(lockout.has("value")).isFalse();
    }

    @Test
    void valuesThatChangeEveryCollectionAreNotAChangeOfContent() throws Exception {
        String[] agent = c.enrollAgent();
        List<Fact> first = new ArrayList<>(Reports.linuxHost(agent[0], "volatile-host").facts());
        first.add(Reports.ok("os.uptime_seconds", 1000L));
        List<Fact> second = new ArrayList<>(Reports.linuxHost(agent[0], "volatile-host").facts());
        second.add(Reports.ok("os.uptime_seconds", 4600L));
        List<Fact> third = new ArrayList<>(Reports.linuxHost(agent[0], "volatile-host").facts());
        third.add(Reports.ok("os.uptime_seconds", 8200L));
        third.set(4, Reports.ok("auth.password.min_length", 12L));
        String asset = post(agent[1], json(Reports.host(agent[0], "volatile-host", "mid-volatile-host", first))).json().get("assetId").asText();
        Thread.sleep(5); // distinct receive times keep the history's order unambiguous
        post(agent[1], json(Reports.host(agent[0], "volatile-host", "mid-volatile-host", second)));
        Thread.sleep(5);
        post(agent[1], json(Reports.host(agent[0], "volatile-host", "mid-volatile-host", third)));
        JsonNode reports = c.get("/api/v1/assets/" + asset, admin).json().get("reports");
        assertThat(reports).hasSize(3);
        // newest first: a real change, then two reports that differ only in uptime
        assertThat(reports.get(1).get("contentSha256").asText()).isEqualTo(reports.get(2).get("contentSha256").asText());
        assertThat(reports.get(0).get("contentSha256").asText()).isNotEqualTo(reports.get(1).get("contentSha256").asText());
        // the current facts carry the latest uptime all the same
        assertThat(find(c.get("/api/v1/assets/" + asset, admin).json().get("facts"), "os.uptime_seconds").get("value").asLong()).isEqualTo(8200);
    }

    @Test
    void acceptsGzipBodies() throws Exception {
        String[] agent = c.enrollAgent();
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(json(Reports.linuxHost(agent[0], "gzip-host")));
        }
        Response r = c.send("POST", "/api/v1/reports", agent[1], bos.toByteArray(), Map.of("Content-Encoding", "gzip"));
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void refusesCallersThatAreNotTheAgent() throws Exception {
        String[] agent = c.enrollAgent();
        byte[] body = json(Reports.linuxHost(agent[0], "who-host"));
        assertThat(post(null, body).status()).isEqualTo(401);
        assertThat(post("aka_not-a-real-credential", body).status()).isEqualTo(401);
        assertThat(post(admin, body).status()).as("people cannot post reports").isEqualTo(403);

        String[] other = c.enrollAgent();
        Response forged = post(other[1], body);
        assertThat(forged.status()).as("an agent posts only for itself").isEqualTo(403);
    }

    @Test
    void revokedAgentsAreRefused() throws Exception {
        String[] agent = c.enrollAgent();
        assertThat(post(agent[1], json(Reports.linuxHost(agent[0], "revoke-host"))).status()).isEqualTo(201);
        assertThat(c.send("POST", "/api/v1/agents/" + agent[0] + "/revoke", admin, null, Map.of()).status()).isEqualTo(204);
        // the credential cache lives 15 s; a revoked agent must be refused after it
        byte[] next = json(Reports.linuxHost(agent[0], "revoke-host"));
        Response r = retryUntil(() -> post(agent[1], next), 401, 20_000);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void badReportsAreRefusedWithAReasonAndStoreNothing() throws Exception {
        String[] agent = c.enrollAgent();
        long before = assetCount();
        Report good = Reports.linuxHost(agent[0], "bad-input-host");

        ObjectNode wrongType = (ObjectNode) Json.mapper().valueToTree(good);
        ((ObjectNode) wrongType.get("facts").get(4)).put("value", "eight");
        Response r1 = post(agent[1], json(wrongType));
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.json().get("error").asText()).contains("auth.password.min_length").contains("integer");

        ObjectNode badKey = (ObjectNode) Json.mapper().valueToTree(good);
        ((ObjectNode) badKey.get("facts").get(0)).put("key", "Robert'); DROP TABLE assets;--");
        assertThat(post(agent[1], json(badKey)).status()).isEqualTo(400);

        ObjectNode wrongSchema = (ObjectNode) Json.mapper().valueToTree(good);
        wrongSchema.put("schemaVersion", 99);
        assertThat(post(agent[1], json(wrongSchema)).json().get("error").asText()).contains("schemaVersion");

        ObjectNode okWithoutValue = (ObjectNode) Json.mapper().valueToTree(good);
        ((ObjectNode) okWithoutValue.get("facts").get(0)).remove("value");
        assertThat(post(agent[1], json(okWithoutValue)).status()).isEqualTo(400);

        List<Fact> many = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            many.add(Reports.ok("custom.fact_" + i + ".x", (long) i));
        }
        Response tooMany = post(agent[1], json(Reports.host(agent[0], "many", "m", many)));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error").asText()).contains("too many facts");

        String longString = "x".repeat(70_000);
        Response tooLong = post(agent[1], json(Reports.host(agent[0], "long", "l", List.of(Reports.ok("os.name", longString)))));
        assertThat(tooLong.status()).isEqualTo(400);

        assertThat(post(agent[1], "{\"schemaVersion\": 1, \"facts\": [".getBytes()).status()).isEqualTo(400);
        assertThat(post(agent[1], new byte[]{0x1f, (byte) 0x8b, 1, 2, 3}).status()).isEqualTo(400);
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(post(agent[1], huge).status()).isEqualTo(413);

        assertThat(assetCount()).as("nothing was stored for refused reports").isEqualTo(before);
    }

    @Test
    void aGzipBombIsRefused() throws Exception {
        String[] agent = c.enrollAgent();
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                gz.write(zeros);
            }
        }
        Response r = c.send("POST", "/api/v1/reports", agent[1], bos.toByteArray(), Map.of("Content-Encoding", "gzip"));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void reinstalledAgentKeepsTheSameAssetButALiveDuplicateDoesNotHijackIt() throws Exception {
        String[] first = c.enrollAgent();
        Report r1 = Reports.linuxHost(first[0], "identity-host");
        String asset = post(first[1], json(r1)).json().get("assetId").asText();

        // a second agent claiming the same machine id while the first is alive gets its own asset
        String[] second = c.enrollAgent();
        Report r2 = Reports.linuxHost(second[0], "identity-host");
        String asset2 = post(second[1], json(r2)).json().get("assetId").asText();
        assertThat(asset2).isNotEqualTo(asset);
    }

    static JsonNode find(JsonNode facts, String key) {
        for (JsonNode f : facts) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no fact " + key + " in " + facts);
    }

    static Response retryUntil(java.util.function.Supplier<Response> call, int status, long maxMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + maxMillis;
        Response r = call.get();
        while (r.status() != status && System.currentTimeMillis() < end) {
            Thread.sleep(500);
            r = call.get();
        }
        return r;
    }
}
