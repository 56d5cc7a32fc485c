package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import jp.akashi.collector.testing.PostgresServer;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/**
 * Two collector processes on one real PostgreSQL server with one shared data directory (the
 * shared volume of docs/SCALE.md, "Several collectors"), as a load balancer would use them: the
 * same report raced to both, run-now on both, evaluation load on both, scheduled snapshots on
 * both, the leader killed with kill -9, and a third instance with another signing key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralCollectorsOnPostgresTest {
    /** Scheduled snapshots every 20 s, so a test sees several periods. */
    static final long PERIOD_MS = 20_000;
    static PostgresServer pg;
    static Path shared;
    static CollectorProcess a;
    static CollectorProcess b;
    static Map<String, String> env;
    static List<String> jvm;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        Path dir = Jars.tempDir("two-collectors-");
        shared = dir.resolve("shared");
        Files.createDirectories(shared);
        env = Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user());
        jvm = List.of("-Dakashi.snapshots.schedule=*/20 * * * * *", "-Dakashi.snapshots.schedule-zone=UTC");
        a = new CollectorProcess(shared, env, jvm);
        a.start(); // first: it creates the TLS and signing keys on the shared volume
        b = new CollectorProcess(shared, env, jvm);
        b.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (CollectorProcess c : new CollectorProcess[]{a, b}) {
            if (c != null) {
                c.close();
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void theSameReportPostedToBothInstancesAtOnceIsStoredOnceAndAnsweredDuplicateNever500() throws Exception {
        JsonNode e = a.json(a.post("/api/v1/enroll", null, Map.of("token", a.enrollmentToken(1), "name", "race")));
        String agentId = e.get("agentId").asText();
        String credential = e.get("credential").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> wrong = new ArrayList<>();
        try {
            for (int round = 0; round < 60; round++) {
                // new content each round: the report row and its body are inserted by both at once
                Report r = report(agentId, "race-host", round);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<HttpResponse<String>> viaA = pool.submit(() -> {
                    together.await();
                    return a.post("/api/v1/reports", credential, r);
                });
                Future<HttpResponse<String>> viaB = pool.submit(() -> {
                    together.await();
                    return b.post("/api/v1/reports", credential, r);
                });
                List<Integer> codes = new ArrayList<>(List.of(viaA.get().statusCode(), viaB.get().statusCode()));
                codes.sort(null);
                if (!codes.equals(List.of(200, 201))) {
                    wrong.add("round " + round + ": " + codes + " " + (viaA.get().statusCode() >= 500 ? viaA.get().body() : viaB.get().body()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong).as("each raced report: one 201 created and one 200 duplicate").isEmpty();
    }

    @Test
    @Order(2)
    void runNowOnATargetIsExclusiveAcrossInstances() throws Exception {
        // a TLS port that accepts and never answers: the run waits for its handshake timeout
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException done) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String admin = a.adminToken();
            HttpResponse<String> created = a.post("/api/v1/targets", admin, Map.of("name", "slow-tls", "address", "127.0.0.1",
                    "probes", List.of("tls"), "enabled", false, "options", Map.of("tlsPorts", List.of(silent.getLocalPort()))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = a.json(created).get("id").asText();
            HttpResponse<String> first = a.post("/api/v1/targets/" + id + "/run", admin, Map.of());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            HttpResponse<String> second = b.post("/api/v1/targets/" + id + "/run", b.adminToken(), Map.of());
            assertThat(second.statusCode()).as("run-now on the other instance while the first run is under way: " + second.body())
                    .isEqualTo(409);
            assertThat(b.json(b.get("/api/v1/targets/" + id, admin)).get("running").asBoolean())
                    .as("the other instance shows the run as under way").isTrue();
            // once the run is over, either instance may start the next one
            long end = System.currentTimeMillis() + 120_000;
            while (a.json(a.get("/api/v1/targets/" + id, admin)).get("lastRunAt").isNull() && System.currentTimeMillis() < end) {
                Thread.sleep(250);
            }
            assertThat(a.json(a.get("/api/v1/targets/" + id, admin)).get("lastRunAt").isNull()).isFalse();
            HttpResponse<String> after = b.post("/api/v1/targets/" + id + "/run", admin, Map.of());
            assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    @Order(3)
    void evaluationUnderLoadOnBothInstancesNeitherDeadlocksNorFails() throws Exception {
        int agents = 60;
        String token = a.enrollmentToken(agents);
        List<String[]> enrolled = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            JsonNode e = a.json(a.post("/api/v1/enroll", null, Map.of("token", token, "name", "load-" + i)));
            enrolled.add(new String[]{e.get("agentId").asText(), e.get("credential").asText()});
        }
        String adminA = a.adminToken();
        String adminB = b.adminToken();
        AtomicBoolean go = new AtomicBoolean(true);
        List<String> refused = new CopyOnWriteArrayList<>();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            Thread th = new Thread(() -> {
                for (int n = 0; go.get(); n++) {
                    String[] ag = enrolled.get((first + 4 * n) % agents);
                    CollectorProcess via = n % 2 == 0 ? a : b; // every asset's reports go to both instances
                    HttpResponse<String> r = via.post("/api/v1/reports", ag[1], report(ag[0], "load-" + ag[0], n));
                    if (r.statusCode() / 100 != 2) {
                        refused.add(r.statusCode() + " " + r.body());
                    }
                }
            });
            th.start();
            load.add(th);
        }
        long end = System.currentTimeMillis() + 25_000;
        while (System.currentTimeMillis() < end) {
            // full passes on both instances meanwhile, as their periodic passes would
            a.post("/api/v1/evaluations", adminA, Map.of());
            b.post("/api/v1/evaluations", adminB, Map.of());
            Thread.sleep(2_000);
        }
        go.set(false);
        for (Thread th : load) {
            th.join(60_000);
        }
        assertThat(refused).isEmpty();
        List<String> behind = behind(a, adminA, enrolled);
        long settle = System.currentTimeMillis() + 60_000;
        while (!behind.isEmpty() && System.currentTimeMillis() < settle) {
            Thread.sleep(1000);
            behind = behind(a, adminA, enrolled);
        }
        assertThat(behind).as("assets not judged on their newest report").isEmpty();
        for (CollectorProcess c : List.of(a, b)) {
            String out = c.output();
            // no deadlock, no failed batch, and no batch that lost a race (unique key):
            assertThat(out).as("collector on port " + c.port + " log").doesNotContain("deadlock detected")
                    .doesNotContain("SQLSTATE 40P01").doesNotContain("assets failed").doesNotContain("evaluation failed")
                    // nor one that inserted results another instance had just written (CheckResultStore.rewrittenSince)
                    .doesNotContain("(SQLSTATE 23505)");
        }
    }

    @Test
    @Order(4)
    void aScheduledSnapshotIsTakenOncePerPeriodAndTheOtherInstanceTakesOverWhenTheLeaderIsKilled() throws Exception {
        String admin = a.adminToken();
        // two whole periods with both instances up
        long firstBoundary = (System.currentTimeMillis() / PERIOD_MS + 1) * PERIOD_MS;
        waitUntil(firstBoundary + 2 * PERIOD_MS + 8_000);
        Map<Long, List<String>> perPeriod = scheduledPerPeriod(a, admin, firstBoundary);
        assertThat(perPeriod).as("scheduled snapshots by period: " + perPeriod).hasSizeGreaterThanOrEqualTo(2);
        perPeriod.forEach((period, ids) -> assertThat(ids).as("scheduled snapshots in the period at " + Instant.ofEpochMilli(period))
                .hasSize(1));
        for (CollectorProcess c : List.of(a, b)) {
            assertThat(c.output()).as("collector on port " + c.port).doesNotContain("scheduled snapshot failed");
        }
        // the instance that took the latest one is the leader: kill -9 it
        String latest = perPeriod.get(((java.util.NavigableMap<Long, List<String>>) perPeriod).lastKey()).get(0);
        CollectorProcess leader = a.output().contains("scheduled snapshot " + latest + " created") ? a : b;
        CollectorProcess other = leader == a ? b : a;
        leader.kill();
        long killedAt = System.currentTimeMillis();
        long nextBoundary = (killedAt / PERIOD_MS + 1) * PERIOD_MS;
        waitUntil(nextBoundary + PERIOD_MS + 8_000);
        String otherAdmin = other.adminToken();
        Map<Long, List<String>> after = scheduledPerPeriod(other, otherAdmin, nextBoundary);
        assertThat(after.get(nextBoundary)).as("the survivor took the first scheduled snapshot after the kill (within one period): "
                + after).hasSize(1);
        after.forEach((period, ids) -> assertThat(ids).hasSize(1));
        assertThat(other.output()).contains("scheduled snapshot " + after.get(nextBoundary).get(0) + " created");
        // the killed instance comes back and does not take a second one
        leader.start();
        long back = (System.currentTimeMillis() / PERIOD_MS + 1) * PERIOD_MS;
        waitUntil(back + PERIOD_MS + 8_000);
        scheduledPerPeriod(other, otherAdmin, back).forEach((period, ids) -> assertThat(ids).hasSize(1));
    }

    @Test
    @Order(5)
    void anInstanceWithAnotherSigningKeyRefusesToStart() throws Exception {
        Path own = Jars.tempDir("other-key-");
        CollectorProcess c = new CollectorProcess(own, env, List.of());
        int code = c.startExpectingExit();
        String out = c.output();
        assertThat(code).as(out).isNotZero();
        assertThat(out).contains("signing key").contains(own.resolve("signing").toString());
        HttpResponse<String> key = a.get("/api/v1/snapshots/public-key", null);
        assertThat(out).as("names the fingerprint the database expects").contains(key.headers().firstValue("X-Key-Fingerprint").orElseThrow());
        // a clean refusal an operator reads: one line with the reason, not Micronaut's error log with a stack trace
        List<String> refusal = out.lines().filter(l -> l.contains("signing key")).toList();
        assertThat(refusal).as(out).hasSize(1);
        assertThat(refusal.get(0)).startsWith("akashi-collector: cannot start: the snapshot signing key in " + own.resolve("signing"));
        assertThat(out).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error starting");
    }

    /** Scheduled snapshots whose creation falls at or after {@code from}, by the period they belong to. */
    private static Map<Long, List<String>> scheduledPerPeriod(CollectorProcess c, String admin, long from) {
        TreeMap<Long, List<String>> out = new TreeMap<>();
        for (JsonNode s : c.json(c.get("/api/v1/snapshots?limit=500", admin)).get("items")) {
            long at = Instant.parse(s.get("createdAt").asText()).toEpochMilli();
            if (!"scheduled".equals(s.get("trigger").asText()) || at < from) {
                continue;
            }
            out.computeIfAbsent(at / PERIOD_MS * PERIOD_MS, k -> new ArrayList<>()).add(s.get("id").asText());
        }
        return out;
    }

    private static void waitUntil(long epochMs) throws InterruptedException {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Agents' assets whose check results are missing or not on the asset's newest stored report. */
    private static List<String> behind(CollectorProcess c, String admin, List<String[]> agents) {
        List<String> out = new ArrayList<>();
        JsonNode assets = c.json(c.get("/api/v1/assets?limit=500", admin));
        for (JsonNode asset : assets.get("items")) {
            if (!asset.get("hostname").asText().startsWith("load-")) {
                continue;
            }
            String id = asset.get("id").asText();
            String newest = c.json(c.get("/api/v1/assets/" + id, admin)).get("reports").get(0).get("id").asText();
            JsonNode results = c.json(c.get("/api/v1/assets/" + id + "/checks", admin)).get("results");
            boolean ok = results.size() > 0;
            for (JsonNode r : results) {
                ok &= newest.equals(r.get("reportId").asText());
            }
            if (!ok) {
                out.add(id);
            }
        }
        return out;
    }

    /** A report whose facts change with n, so every report is new content to judge. */
    private static Report report(String agentId, String hostname, int n) {
        Instant at = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(n);
        List<Fact> f = new ArrayList<>();
        f.add(fact("os.family", "linux", at));
        f.add(fact("os.hostname", hostname, at));
        f.add(fact("av.installed", n % 2 == 0, at));
        f.add(fact("av.realtime_enabled", n % 3 == 0, at));
        f.add(fact("account.admin_count", (long) (n % 5), at));
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agentId, "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, hostname, agentId, null, null, null, "linux"), at, at.plusSeconds(1), f);
    }

    private static Fact fact(String key, Object value, Instant at) {
        return new Fact(key, FactStatus.OK, value, null, at, "test", Evidence.of("file:/etc/test", key + "=" + value));
    }
}
