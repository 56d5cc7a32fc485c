package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

import static jp.akashi.collector.testing.Reports.ok;

/**
 * Who may write which asset, through POST /api/v1/reports on a real collector: a scanned asset
 * belongs to the agent that scans it (or to the collector for its own targets); another agent's
 * scan of the same device is kept apart, an agent never claims the collector's vantage point, a
 * self-reporting agent never takes over a scanned asset, and each agent feeds a limited number
 * of scanned assets.
 */
class ScanOwnershipTest {
    static final int LIMIT = 4;
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false,
                "akashi.ingest.max-scanned-assets-per-agent", LIMIT));
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static Report scan(String source, AssetIdentity id, List<Fact> facts) {
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, "test", source, id,
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T00:00:01Z"), facts);
    }

    static AssetIdentity router(String engineId, String address) {
        return new AssetIdentity(AssetIdentity.KIND_NETWORK_DEVICE, "rtr01", null, null, engineId, address, null);
    }

    static AssetIdentity portsOnly(String address) {
        return new AssetIdentity(AssetIdentity.KIND_HOST, null, null, null, null, address, null);
    }

    static List<Fact> ports(String from, int... open) {
        List<Fact> f = new ArrayList<>();
        List<Integer> list = new ArrayList<>();
        for (int p : open) {
            list.add(p);
        }
        f.add(ok("exposure.open_ports", list));
        f.add(ok("exposure.scanned_from", from));
        return f;
    }

    static Response post(String credential, Report r) throws Exception {
        return c.send("POST", "/api/v1/reports", credential, Json.mapper().writeValueAsBytes(r), Map.of());
    }

    static Map<String, JsonNode> facts(String assetId) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        c.get("/api/v1/assets/" + assetId, admin).json().get("facts").forEach(f -> m.put(f.get("key").asText(), f));
        return m;
    }

    static int assetCount() {
        return c.get("/api/v1/assets?limit=1", admin).json().get("total").asInt();
    }

    @Test
    void anotherAgentsScanOfTheSameRouterIsKeptApart() throws Exception {
        String[] a = c.enrollAgent();
        String[] b = c.enrollAgent();
        Response ra = post(a[1], scan(Report.SOURCE_SCAN, router("80000a4c01aabbccdd01", "192.0.2.1"),
                List.of(ok("net.device.vendor", "Juniper"), ok("net.device.firmware_version", "21.2R3"))));
        assertThat(ra.status()).isEqualTo(201);
        String assetA = ra.json().get("assetId").asText();

        Response rb = post(b[1], scan(Report.SOURCE_SCAN, router("80000a4c01aabbccdd01", "192.0.2.1"),
                List.of(ok("net.device.vendor", "Forged"), ok("net.device.firmware_version", "99.9"))));
        assertThat(rb.status()).isEqualTo(201);
        assertThat(rb.json().get("assetId").asText()).as("B's scan is B's own asset").isNotEqualTo(assetA);
        assertThat(facts(assetA).get("net.device.vendor").get("value").asText()).as("A's facts stay A's").isEqualTo("Juniper");
        assertThat(c.get("/api/v1/assets/" + assetA, admin).json().get("fedBy").asText()).isEqualTo("agent:" + a[0]);
        assertThat(c.get("/api/v1/assets/" + rb.json().get("assetId").asText(), admin).json().get("fedBy").asText()).isEqualTo("agent:" + b[0]);
        assertThat(facts(assetA).get("net.device.firmware_version").get("value").asText()).isEqualTo("21.2R3");

        // A scanning again still updates its own asset
        Response again = post(a[1], scan(Report.SOURCE_SCAN, router("80000a4c01aabbccdd01", "192.0.2.1"),
                List.of(ok("net.device.vendor", "Juniper"), ok("net.device.firmware_version", "22.1R1"))));
        assertThat(again.json().get("assetId").asText()).isEqualTo(assetA);
        assertThat(facts(assetA).get("net.device.firmware_version").get("value").asText()).isEqualTo("22.1R1");
    }

    @Test
    void anAgentNeverWritesIntoTheCollectorsTargetAsset() throws Exception {
        IngestService ingest = c.bean(IngestService.class);
        String target = ingest.ingestCollected(scan(Report.SOURCE_COLLECTOR, portsOnly("192.0.2.20"), ports("collector", 443)), 3600).assetId();
        String[] a = c.enrollAgent();

        Response r = post(a[1], scan(Report.SOURCE_SCAN, portsOnly("192.0.2.20"), ports("agent:dmz", 23)));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("assetId").asText()).isNotEqualTo(target);
        Map<String, JsonNode> f = facts(target);
        assertThat(f.get("exposure.open_ports").get("value").get(0).asInt()).isEqualTo(443);
        assertThat(f.get("exposure.open_ports").get("value")).hasSize(1);
        assertThat(f.get("exposure.scanned_from").get("value").asText()).isEqualTo("collector");
        assertThat(c.get("/api/v1/assets/" + target, admin).json().get("fedBy").asText()).isEqualTo("collector");

        // the same with a strong identity the collector's target asset has
        String ssh = ingest.ingestCollected(scan(Report.SOURCE_COLLECTOR, new AssetIdentity(AssetIdentity.KIND_HOST, "web01",
                "mid-web01-collected", null, null, "192.0.2.21", "linux"), List.of(ok("os.family", "linux"), ok("os.version", "24.04"))), 3600).assetId();
        Response r2 = post(a[1], scan(Report.SOURCE_SCAN, new AssetIdentity(AssetIdentity.KIND_HOST, "web01", "mid-web01-collected",
                null, null, "192.0.2.21", "linux"), List.of(ok("os.family", "linux"), ok("os.version", "8.04"))));
        assertThat(r2.status()).isEqualTo(201);
        assertThat(r2.json().get("assetId").asText()).isNotEqualTo(ssh);
        assertThat(facts(ssh).get("os.version").get("value").asText()).isEqualTo("24.04");
    }

    @Test
    void anAgentCannotClaimTheCollectorsVantagePoint() throws Exception {
        String[] a = c.enrollAgent();
        int before = assetCount();
        for (String claim : List.of("collector", "Collector ", "collector:main")) {
            Response r = post(a[1], scan(Report.SOURCE_SCAN, portsOnly("192.0.2.30"), ports(claim, 23)));
            assertThat(r.status()).as(claim).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("exposure.scanned_from");
            assertThat(r.json().get("status").asInt()).isEqualTo(400);
        }
        assertThat(assetCount()).as("nothing stored").isEqualTo(before);
        assertThat(post(a[1], scan(Report.SOURCE_SCAN, portsOnly("192.0.2.30"), ports("agent:dmz", 23))).status()).isEqualTo(201);
    }

    @Test
    void aSelfReportingAgentJoinsTheCollectorsHostAsASourceOfItsOwn() throws Exception {
        IngestService ingest = c.bean(IngestService.class);
        String target = ingest.ingestCollected(scan(Report.SOURCE_COLLECTOR, new AssetIdentity(AssetIdentity.KIND_HOST, "db01",
                "mid-db01", null, null, "192.0.2.40", "linux"), List.of(ok("os.family", "linux"), ok("os.version", "24.04"))), 3600).assetId();
        String[] a = c.enrollAgent();
        Report self = new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, "db01", "mid-db01", null, null, null, "linux"),
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T00:00:01Z"),
                List.of(ok("os.family", "linux"), ok("os.version", "6.06")));
        Response r = post(a[1], self);
        assertThat(r.status()).isEqualTo(201);
        // one host, one asset (issue 14): the agent on the machine the collector collects is a second source of the same asset
        assertThat(r.json().get("assetId").asText()).as("the same machine id is the same host").isEqualTo(target);
        JsonNode asset = c.get("/api/v1/assets/" + target, admin).json();
        assertThat(asset.get("sources")).hasSize(2);
        // the agent never overwrites what the collector read: the collector's own value is kept, shown beside the newer one
        JsonNode version = facts(target).get("os.version");
        assertThat(version.get("source").asText()).isEqualTo("collector");
        assertThat(version.get("value").asText()).isEqualTo("24.04");
        assertThat(version.get("others").get(0).get("source").asText()).startsWith("agent:");
        assertThat(version.get("others").get(0).get("value").asText()).isEqualTo("6.06");
        List<String> audit = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT details FROM audit_log WHERE action = 'asset.source_added' AND target = :t").bind("t", target)
                .mapTo(String.class).list());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("machine_id").contains("agent:" + a[0]);
    }

    @Test
    void eachAgentFeedsALimitedNumberOfScannedAssets() throws Exception {
        String[] a = c.enrollAgent();
        String[] other = c.enrollAgent();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Response r = post(a[1], scan(Report.SOURCE_SCAN, portsOnly("198.51.100." + i), ports("agent:a", 22)));
            assertThat(r.status()).isEqualTo(201);
            mine.add(r.json().get("assetId").asText());
        }
        int before = assetCount();
        Response refused = post(a[1], scan(Report.SOURCE_SCAN, portsOnly("198.51.100.99"), ports("agent:a", 22)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("status").asInt()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).contains(String.valueOf(LIMIT)).contains("max-scanned-assets-per-agent");
        assertThat(refused.json().get("errorJa").asText()).contains("上限");
        assertThat(assetCount()).as("nothing stored").isEqualTo(before);

        JsonNode entries = c.get("/api/v1/audit-log?limit=20", admin).json().get("entries");
        boolean audited = false;
        for (JsonNode e : entries) {
            audited |= e.get("action").asText().equals("asset.scan_limit") && e.get("actor").asText().equals("agent:" + a[0]);
        }
        assertThat(audited).as("the refusal is audit-logged").isTrue();

        // the agent's own assets still update at the limit, and other agents are not affected
        Response update = post(a[1], scan(Report.SOURCE_SCAN, portsOnly("198.51.100.0"), ports("agent:a", 22, 80)));
        assertThat(update.status()).isEqualTo(201);
        assertThat(update.json().get("assetId").asText()).isEqualTo(mine.get(0));
        assertThat(post(other[1], scan(Report.SOURCE_SCAN, portsOnly("198.51.100.99"), ports("agent:b", 22))).status()).isEqualTo(201);
    }
}
