package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TwoCollectorsOnPostgres;

/** Scale-out mode: two collector instances on one real PostgreSQL server share everything. */
class ScaleOutPostgresTest {
    static TwoCollectorsOnPostgres two;
    static TestCollector a;
    static TestCollector b;

    @BeforeAll
    static void start() throws Exception {
        // the second instance on the first one's data directory: the shared volume of docs/SCALE.md (one signing key)
        two = TwoCollectorsOnPostgres.start(Map.of());
        a = two.a;
        b = two.b;
    }

    @AfterAll
    static void stop() throws Exception {
        if (two != null) {
            two.close();
        }
    }

    @Test
    void bothInstancesServeTheSameDataAndVerdicts() throws Exception {
        assertThat(a.bean(Database.class).sqlite()).isFalse();
        // enrolled through one instance, reporting through the other
        String[] agent = a.enrollAgent();
        TestCollector.Response r = b.postJson("/api/v1/reports", agent[1], Reports.linuxHost(agent[0], "pg-host-1"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String assetId = r.json().get("assetId").asText();
        JsonNode seenByA = a.get("/api/v1/assets/" + assetId, a.adminToken()).json();
        assertThat(seenByA.get("hostname").asText()).isEqualTo("pg-host-1");
        // the same report again through the first instance is a duplicate
        TestCollector.Response again = a.postJson("/api/v1/reports", agent[1], Reports.linuxHost(agent[0], "pg-host-1"));
        assertThat(again.status()).isIn(200, 201);
        b.awaitEvaluation();
        JsonNode checks = a.get("/api/v1/assets/" + assetId + "/checks", a.adminToken()).json();
        assertThat(checks.get("results")).isNotEmpty();
        JsonNode meti = a.get("/api/v1/compliance/meti-scs", a.adminToken()).json();
        assertThat(meti.get("criteria")).isNotEmpty();
    }

    @Test
    void concurrentWritesOnBothInstancesKeepTheAuditChainIntact() throws Exception {
        String tokenA = a.adminToken();
        String tokenB = b.adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestCollector c = i % 2 == 0 ? a : b;
            String t = i % 2 == 0 ? tokenA : tokenB;
            int n = i;
            results.add(pool.submit(() -> c.postJson("/api/v1/enrollment-tokens", t, Map.of("note", "concurrent " + n)).status()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(201);
        }
        pool.shutdown();
        Database db = a.bean(Database.class);
        assertThat(db.read(a.bean(AuditLog.class)::verify)).as("no gap or fork in the hash chain").isEmpty();
        long tokens = db.read(h -> h.createQuery("SELECT COUNT(*) FROM enrollment_tokens WHERE note LIKE 'concurrent %'")
                .mapTo(Long.class).one());
        assertThat(tokens).isEqualTo(20);
    }

    @Test
    void theSameUserCreatedOnBothInstancesAtOnceIsOne201AndOne409NeverA500() throws Exception {
        String tokenA = a.adminToken();
        String tokenB = b.adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                String name = "race-user-" + round;
                Map<String, Object> body = Map.of("username", name, "role", "auditor", "password", "Kq7#vLp2!xR9-" + round + "-mZ4w");
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                Future<TestCollector.Response> viaA = pool.submit(() -> {
                    together.await();
                    return a.postJson("/api/v1/users", tokenA, body);
                });
                Future<TestCollector.Response> viaB = pool.submit(() -> {
                    together.await();
                    return b.postJson("/api/v1/users", tokenB, body);
                });
                List<TestCollector.Response> both = List.of(viaA.get(), viaB.get());
                assertThat(both).as(round + ": " + both.get(0).body() + " / " + both.get(1).body())
                        .extracting(TestCollector.Response::status).containsExactlyInAnyOrder(201, 409);
                TestCollector.Response refused = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertThat(refused.json().get("error").asText()).contains("already exists");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChainBreakSeenByBothInstancesAtOnceIsRecordedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (long round = 1; round <= 8; round++) {
                // a break as the monitor reports it; both instances find it at the same moment
                jp.akashi.collector.store.AuditChainStatus.Status broken = new jp.akashi.collector.store.AuditChainStatus.Status(
                        false, "hash_mismatch", 900_000 + round, null, "entry does not follow", "連鎖が切れています", 0, null, null);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<Future<?>> both = new ArrayList<>();
                for (TestCollector c : List.of(a, b)) {
                    both.add(pool.submit(() -> {
                        together.await();
                        c.bean(jp.akashi.collector.store.AuditChainMonitor.class).record(broken);
                        return null;
                    }));
                }
                for (Future<?> f : both) {
                    f.get();
                }
                long seq = 900_000 + round;
                long recorded = a.bean(Database.class).read(h -> h.createQuery(
                                "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target = :t")
                        .bind("a", jp.akashi.collector.store.AuditChainStatus.BROKEN_ACTION).bind("t", "seq:" + seq).mapTo(Long.class).one());
                assertThat(recorded).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
