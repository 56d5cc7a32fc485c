package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/**
 * The collector killed with kill -9 while reports pour in: after a restart on the same data,
 * every asset's results sit on its newest stored report within 30 s, without a full pass (the
 * periodic pass is 10 minutes away and the check library is unchanged).
 */
class EvaluationAfterKillTest {
    private static final int AGENTS = 40;

    @Test
    void afterKillMinus9EveryAssetIsJudgedOnItsNewestReport() throws Exception {
        Path dir = Jars.tempDir("kill-eval-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            Files.createDirectories(collector.dataDir);
            collector.start();
            String token = collector.enrollmentToken(AGENTS);
            List<String[]> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                JsonNode e = collector.json(collector.post("/api/v1/enroll", null, Map.of("token", token, "name", "kill-" + i)));
                agents.add(new String[]{e.get("agentId").asText(), e.get("credential").asText()});
            }
            AtomicBoolean go = new AtomicBoolean(true);
            AtomicInteger acknowledged = new AtomicInteger();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                Thread th = new Thread(() -> {
                    for (int n = 0; go.get(); n++) {
                        String[] a = agents.get((first + 4 * n) % AGENTS);
                        try {
                            HttpResponse<String> r = collector.post("/api/v1/reports", a[1], report(a[0], n));
                            if (r.statusCode() / 100 == 2) {
                                acknowledged.incrementAndGet();
                            }
                        } catch (RuntimeException down) {
                            return; // the collector is gone
                        }
                    }
                });
                th.start();
                load.add(th);
            }
            long end = System.currentTimeMillis() + 60_000;
            while (acknowledged.get() < 400 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            collector.kill(); // mid-load
            go.set(false);
            for (Thread th : load) {
                th.join(30_000);
            }
            assertThat(acknowledged.get()).isGreaterThanOrEqualTo(400);

            collector.start();
            long restarted = System.currentTimeMillis();
            String admin = collector.adminToken();
            List<String> behind = behind(collector, admin);
            while (!behind.isEmpty() && System.currentTimeMillis() - restarted < 30_000) {
                Thread.sleep(500);
                behind = behind(collector, admin);
            }
            assertThat(behind).as("assets not judged on their newest report 30 s after restart").isEmpty();
            System.out.println("killed after " + acknowledged.get() + " acknowledged reports; healed "
                    + (System.currentTimeMillis() - restarted) + " ms after the restart");
        }
    }

    /** Assets whose check results are missing or not on the asset's newest stored report. */
    private static List<String> behind(CollectorProcess c, String admin) {
        List<String> out = new ArrayList<>();
        JsonNode assets = c.json(c.get("/api/v1/assets?limit=100", admin));
        assertThat(assets.get("total").asInt()).isEqualTo(AGENTS);
        for (JsonNode a : assets.get("items")) {
            String id = a.get("id").asText();
            JsonNode detail = c.json(c.get("/api/v1/assets/" + id, admin));
            String newest = detail.get("reports").get(0).get("id").asText();
            JsonNode results = c.json(c.get("/api/v1/assets/" + id + "/checks", admin)).get("results");
            boolean ok = results.size() > 0;
            for (JsonNode r : results) {
                ok &= newest.equals(r.get("reportId").asText());
            }
            if (!ok) {
                out.add(id + " (newest " + newest + ", results " + results.size() + ")");
            }
        }
        return out;
    }

    /** A report whose facts change with n, so every report is new content to judge. */
    private static Report report(String agentId, int n) {
        Instant at = Instant.parse("2026-11-20T00:00:00Z");
        List<Fact> f = new ArrayList<>();
        f.add(fact("os.family", "linux", at));
        f.add(fact("os.hostname", "kill-" + agentId, at));
        f.add(fact("av.installed", n % 2 == 0, at));
        f.add(fact("av.realtime_enabled", n % 3 == 0, at));
        f.add(fact("account.admin_count", (long) (n % 5), at));
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agentId, "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, "kill-" + agentId, agentId, null, null, null, "linux"), at, at.plusSeconds(1), f);
    }

    private static Fact fact(String key, Object value, Instant at) {
        return new Fact(key, FactStatus.OK, value, null, at, "test", Evidence.of("file:/etc/test", key + "=" + value));
    }
}
