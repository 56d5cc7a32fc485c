package jp.akashi.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.PostgresServer;
import jp.akashi.collector.testing.TestCollector;

/**
 * Pruning while agents report: every report is acknowledged, nothing in use loses its report or
 * body, and exactly the old unreferenced reports go. The new reports repeat the contents of the old
 * ones, so ingest keeps re-using bodies that the pruner is deleting (the race to lose).
 */
class PruneDuringIngestTest {
    static final int AGENTS = 4;
    static final int OLD = 12;
    static final int NEW = 30;
    static final int CONTENTS = 4;

    @Test
    void sqlite() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.retention.batch-size", 3))) {
            run(c);
        }
    }

    @Test
    void postgres() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
             TestCollector c = new TestCollector(Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user()),
                     Map.of("akashi.retention.batch-size", 3))) {
            run(c);
        }
    }

    private static void run(TestCollector c) throws Exception {
        Database db = c.bean(Database.class);
        RetentionPruner pruner = c.bean(RetentionPruner.class);
        String[][] agents = new String[AGENTS][];
        for (int i = 0; i < AGENTS; i++) {
            agents[i] = c.enrollAgent();
            for (int k = 0; k < OLD; k++) {
                RetentionPrunerTest.post(c, agents[i], RetentionPrunerTest.report(agents[i][0], "busy-" + i, k % CONTENTS));
            }
        }
        c.awaitEvaluation();
        // everything so far was received 100 days ago
        long shift = Duration.ofDays(100).toMillis();
        db.write(h -> {
            h.createUpdate("UPDATE reports SET received_at = received_at - :s").bind("s", shift).execute();
            h.createUpdate("UPDATE report_bodies SET created_at = created_at - :s").bind("s", shift).execute();
            return null;
        });
        long start = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        AtomicBoolean done = new AtomicBoolean();
        // agents keep reporting until the pruner has made two passes beside them (a fast machine
        // might otherwise finish ingest within the first pass, and nothing would race)
        java.util.concurrent.atomic.AtomicInteger passesSoFar = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong posted = new java.util.concurrent.atomic.AtomicLong();
        try {
            List<Future<List<Integer>>> posts = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                String[] a = agents[i];
                String host = "busy-" + i;
                posts.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int k = 0; k < NEW || passesSoFar.get() < 2; k++) {
                        statuses.add(c.postJson("/api/v1/reports", a[1], RetentionPrunerTest.report(a[0], host, k % CONTENTS)).status());
                        posted.incrementAndGet();
                    }
                    return statuses;
                }));
            }
            long deleted = 0;
            int passes = 0;
            while (!posts.stream().allMatch(Future::isDone)) {
                deleted += pruner.pruneOnce().reports();
                passes++;
                passesSoFar.set(passes);
            }
            for (Future<List<Integer>> f : posts) {
                assertThat(f.get()).as("every report acknowledged while pruning").containsOnly(201);
            }
            c.awaitEvaluation();
            deleted += pruner.pruneOnce().reports();
            assertThat(passes).as("pruning ran while reports came in").isGreaterThan(1);
            assertThat(Integrity.problems(db)).isEmpty();
            long recent = db.read(h -> h.createQuery("SELECT COUNT(*) FROM reports WHERE received_at >= :t").bind("t", start)
                    .mapTo(Long.class).one());
            assertThat(recent).as("no recent report pruned").isEqualTo(posted.get());
            long old = db.read(h -> h.createQuery("SELECT COUNT(*) FROM reports WHERE received_at < :t").bind("t", start)
                    .mapTo(Long.class).one());
            assertThat(old).as("every old report is gone: each asset's current one is new").isZero();
            assertThat(deleted).isEqualTo((long) AGENTS * OLD);
            // the bodies the new reports use again are all there
            long bodies = db.read(h -> h.createQuery("SELECT COUNT(*) FROM report_bodies").mapTo(Long.class).one());
            assertThat(bodies).isEqualTo((long) AGENTS * CONTENTS);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
