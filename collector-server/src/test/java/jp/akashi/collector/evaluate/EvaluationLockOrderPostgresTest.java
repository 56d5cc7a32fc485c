package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TwoCollectorsOnPostgres;

/**
 * Two collector instances on one real PostgreSQL judging the same assets at the same moment,
 * handed the assets in opposite orders (as two instances' queues or full passes may hold them):
 * their writes of check_results must not deadlock ("UPDATE check_results … deadlock detected"
 * failed whole batches before results were written in one order).
 */
class EvaluationLockOrderPostgresTest {
    static final int ASSETS = 150;
    static TwoCollectorsOnPostgres two;
    static TestCollector a;
    static TestCollector b;

    @BeforeAll
    static void start() throws Exception {
        // the workers wait long before a batch: only the test's own calls judge the reports it posts
        Map<String, Object> props = Map.of("akashi.evaluation.batch-delay", "PT10M");
        two = TwoCollectorsOnPostgres.start(props);
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
    void twoInstancesJudgingTheSameAssetsInOppositeOrdersNeitherDeadlockNorFail() throws Exception {
        List<String[]> agents = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) {
            agents.add(a.enrollAgent());
        }
        List<String> assets = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) {
            String[] ag = agents.get(i);
            TestCollector.Response r = a.postJson("/api/v1/reports", ag[1], Reports.host(ag[0], "lock-" + i, ag[0],
                    Reports.linuxPolicyFacts("lock-" + i, true)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assets.add(r.json().get("assetId").asText());
        }
        List<String> ascending = assets.stream().sorted().toList();
        List<String> descending = assets.stream().sorted(Comparator.reverseOrder()).toList();
        EvaluationService onA = a.bean(EvaluationService.class);
        EvaluationService onB = b.bean(EvaluationService.class);
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(EvaluationService.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        log.addAppender(seen);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // round 0: both judge the new assets at once (no results stored yet: both would insert the same rows)
            for (int round = 0; round <= 4; round++) {
                // anti-malware flips every round: every asset's results change, so both instances update the same rows
                boolean av = round % 2 == 0;
                for (int i = 0; i < ASSETS && round > 0; i++) {
                    String[] ag = agents.get(i);
                    assertThat(b.postJson("/api/v1/reports", ag[1], Reports.host(ag[0], "lock-" + i, ag[0],
                            Reports.linuxPolicyFacts("lock-" + i, av))).status()).isEqualTo(201);
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> viaA = pool.submit(() -> {
                    together.await();
                    onA.evaluateAssets(ascending);
                    return null;
                });
                Future<?> viaB = pool.submit(() -> {
                    together.await();
                    onB.evaluateAssets(descending);
                    return null;
                });
                viaA.get();
                viaB.get();
                String status = av ? "PASS" : "FAIL";
                long judged = a.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                                "SELECT COUNT(*) FROM check_results WHERE check_id = 'av.installed' AND status = :s")
                        .bind("s", status).mapTo(Long.class).one());
                assertThat(judged).as("round " + round + ": every asset judged on its newest report").isEqualTo(ASSETS);
            }
        } finally {
            pool.shutdownNow();
            log.detachAppender(seen);
        }
        // neither lost a race: the one that got the assets' locks second saw that their results had been
        // written meanwhile and did not insert them again (SQLSTATE 23505) nor overwrite them
        assertThat(seen.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("lost a race")).toList()).isEmpty();
        // and every status change is recorded once: each asset's transitions of the flipped check chain up
        // (a second writer from the same read would add PASS -> FAIL after PASS -> FAIL)
        List<String[]> rows = a.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                        "SELECT asset_id, from_status, to_status FROM check_transitions WHERE check_id = 'av.installed' ORDER BY asset_id, at, id")
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list());
        Map<String, List<String[]>> byAsset = new java.util.TreeMap<>();
        rows.forEach(r -> byAsset.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r));
        assertThat(byAsset).hasSize(ASSETS);
        List<String> broken = new ArrayList<>();
        byAsset.forEach((asset, ts) -> {
            for (int i = 1; i < ts.size(); i++) {
                if (!java.util.Objects.equals(ts.get(i)[1], ts.get(i - 1)[2])) {
                    broken.add(asset + ": " + ts.get(i - 1)[1] + "->" + ts.get(i - 1)[2] + " then " + ts.get(i)[1] + "->" + ts.get(i)[2]);
                }
            }
            if (ts.size() > 5) {
                broken.add(asset + ": " + ts.size() + " transitions for 4 changes and the first verdict");
            }
        });
        assertThat(broken).as("transitions written twice").isEmpty();
    }
}
