package jp.akashi.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Operators' metrics over HTTP from a real collector: who may scrape, and counters that move
 * with real reports posted to it (accepted, refused by reason, spool drops), the evaluation
 * queue, snapshot builds and database errors.
 */
class MetricsHttpTest {
    static final String TOKEN = "scrape-token-0123456789abcdef0123456789";
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.metrics.token", TOKEN, "akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static String scrape() {
        Response r = c.get("/metrics", TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The value of one series (name and labels exactly as written), or null when absent. */
    static Double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    static double valueOr0(String text, String series) {
        Double v = value(text, series);
        return v == null ? 0 : v;
    }

    static Response post(String credential, byte[] body, Map<String, String> headers) {
        return c.send("POST", "/api/v1/reports", credential, body, headers);
    }

    static byte[] json(Object o) throws Exception {
        return Json.mapper().writeValueAsBytes(o);
    }

    @Test
    void onlyTheScrapeTokenOrAnAdministratorMayScrape() {
        assertThat(c.get("/metrics", null).status()).isEqualTo(401);
        Response wrong = c.get("/metrics", "not-the-token-0123456789abcdef0123456789");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).contains("akashi.metrics.token");
        String auditor = c.userToken("metrics-auditor", "auditor");
        assertThat(c.get("/metrics", auditor).status()).as("a user who is not an administrator").isEqualTo(403);
        String[] agent = c.enrollAgent();
        assertThat(c.get("/metrics", agent[1]).status()).as("an agent").isEqualTo(403);

        Response byToken = c.get("/metrics", TOKEN);
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(byToken.body()).contains("# TYPE akashi_reports_accepted_total counter");
        assertThat(byToken.body()).as("the JVM's and the HTTP server's own meters").contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count");
        assertThat(c.get("/metrics", c.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void acceptedAndRefusedReportsMoveTheirCounters() throws Exception {
        String[] agent = c.enrollAgent();
        String before = scrape();
        Report r = Reports.linuxHost(agent[0], "metrics-web01");
        assertThat(post(agent[1], json(r), Map.of()).status()).isEqualTo(201);
        assertThat(post(agent[1], json(r), Map.of()).status()).as("the same report again").isEqualTo(200);
        assertThat(post(agent[1], "not gzip".getBytes(StandardCharsets.US_ASCII), Map.of("Content-Encoding", "gzip")).status())
                .isEqualTo(400);
        ObjectNode badFact = Json.mapper().valueToTree(Reports.linuxHost(agent[0], "metrics-web01"));
        ((ObjectNode) badFact.get("facts").get(4)).put("value", -8);
        assertThat(post(agent[1], json(badFact), Map.of()).status()).isEqualTo(400);
        ObjectNode strange = Json.mapper().valueToTree(Reports.linuxHost(agent[0], "metrics-web01"));
        strange.put("schemaVersion", "1");
        assertThat(post(agent[1], json(strange), Map.of()).status()).isEqualTo(400);
        Report other = Reports.linuxHost("someone-else", "metrics-web02");
        assertThat(post(agent[1], json(other), Map.of()).status()).isEqualTo(403);

        String after = scrape();
        assertThat(valueOr0(after, "akashi_reports_accepted_total{status=\"stored\"}")
                - valueOr0(before, "akashi_reports_accepted_total{status=\"stored\"}")).isEqualTo(1);
        assertThat(valueOr0(after, "akashi_reports_accepted_total{status=\"duplicate\"}")
                - valueOr0(before, "akashi_reports_accepted_total{status=\"duplicate\"}")).isEqualTo(1);
        for (String reason : List.of("Content-Encoding", "facts", "schemaVersion")) {
            String series = "akashi_reports_refused_total{reason=\"" + reason + "\",status=\"400\"}";
            assertThat(valueOr0(after, series) - valueOr0(before, series)).as(series + "\n" + after).isEqualTo(1);
        }
        String forbidden = "akashi_reports_refused_total{reason=\"other_agent\",status=\"403\"}";
        assertThat(valueOr0(after, forbidden) - valueOr0(before, forbidden)).isEqualTo(1);
    }

    @Test
    void dropsAgentsReportAreCountedOnceEach() throws Exception {
        String[] agent = c.enrollAgent();
        String series = "akashi_agent_spool_drops_total";
        double start = valueOr0(scrape(), series);
        ObjectNode first = Json.mapper().valueToTree(Reports.linuxHost(agent[0], "metrics-drops"));
        first.putObject("spoolDrops").put("total", 3).put("oldestCollectedAt", "2026-11-19T00:00:00Z")
                .put("newestCollectedAt", "2026-11-19T01:00:00Z");
        assertThat(post(agent[1], json(first), Map.of()).status()).isEqualTo(201);
        assertThat(post(agent[1], json(first), Map.of()).status()).as("a duplicate tells nothing new").isEqualTo(200);
        ObjectNode second = Json.mapper().valueToTree(Reports.linuxHost(agent[0], "metrics-drops"));
        second.putObject("spoolDrops").put("total", 5);
        assertThat(post(agent[1], json(second), Map.of()).status()).isEqualTo(201);
        assertThat(valueOr0(scrape(), series) - start).isEqualTo(5);
    }

    @Test
    void theEvaluationQueueIsShownWithItsDepthAndAge() {
        String text = scrape();
        assertThat(value(text, "akashi_evaluation_queue_depth")).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(value(text, "akashi_evaluation_queue_oldest_age_seconds")).isNotNull().isGreaterThanOrEqualTo(0);
    }

    @Test
    void theEvaluationQueueGaugesReadTheDurableQueue() {
        var db = c.bean(jp.akashi.collector.store.Database.class);
        long queuedAt = System.currentTimeMillis() - 90_000;
        // an asset waiting since 90 s (next attempt far away, so the evaluator leaves it)
        db.write(h -> h.execute("INSERT INTO evaluation_pending (asset_id, report_id, queued_at, attempts, next_attempt_at) "
                + "VALUES ('metrics-waiting-asset', NULL, ?, 1, ?)", queuedAt, Long.MAX_VALUE / 2));
        try {
            String text = scrape();
            assertThat(value(text, "akashi_evaluation_queue_depth")).isGreaterThanOrEqualTo(1);
            assertThat(value(text, "akashi_evaluation_queue_oldest_age_seconds")).isBetween(89.0, 600.0);
        } finally {
            db.write(h -> h.execute("DELETE FROM evaluation_pending WHERE asset_id = 'metrics-waiting-asset'"));
        }
    }

    @Test
    void snapshotBuildsAreTimed() {
        String series = "akashi_snapshot_build_seconds_count{outcome=\"ok\",trigger=\"manual\"}";
        double before = valueOr0(scrape(), series);
        Response s = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of("note", "metrics"));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        String after = scrape();
        assertThat(valueOr0(after, series) - before).isEqualTo(1);
        assertThat(value(after, "akashi_snapshot_build_seconds_sum{outcome=\"ok\",trigger=\"manual\"}")).isPositive();
    }

    @Test
    void databaseErrorsAreCountedByKind() {
        String series = "akashi_database_errors_total{kind=\"constraint\"}";
        double before = valueOr0(scrape(), series);
        var db = c.bean(jp.akashi.collector.store.Database.class);
        // a real failed write: the same primary key twice (the transaction is rolled back)
        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO evaluation_pending (asset_id, queued_at) VALUES ('dup', 1), ('dup', 1)")))
                .hasStackTraceContaining("UNIQUE");
        assertThat(valueOr0(scrape(), series) - before).isEqualTo(1);
        assertThat(value(scrape(), "akashi_database_errors_total{kind=\"disk_full\"}")).as("present before the first one").isEqualTo(0);
    }

    @Test
    void withoutATokenOnlyAdministratorsMayScrapeAndAShortTokenIsRefused() throws Exception {
        try (TestCollector plain = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false))) {
            Response anonymous = plain.get("/metrics", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().get("error").asText()).contains("no scrape token is configured");
            assertThat(plain.get("/metrics", TOKEN).status()).isEqualTo(401);
            assertThat(plain.get("/metrics", plain.adminToken()).status()).isEqualTo(200);
        }
        assertThatThrownBy(() -> new TestCollector(Map.of(), Map.of("akashi.metrics.token", "short")).close())
                .hasStackTraceContaining("akashi.metrics.token");
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
