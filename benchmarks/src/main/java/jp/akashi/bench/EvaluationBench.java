package jp.akashi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.store.Database;

/**
 * Full re-evaluation of N synthetic assets against every check and criterion (goal: 10,000 in
 * under 5 s) and the cost of one incremental re-evaluation after a report.
 *
 * <pre>java -cp akashi-bench.jar jp.akashi.bench.EvaluationBench [assets]</pre>
 */
public final class EvaluationBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("akashi-eval-bench-");
        Random rnd = new Random(7);
        try (Fleet empty = Fleet.start(dir, freePort())) {
            System.out.printf("seeding %d assets through the ingest path...%n", n);
            Fleet fleet = empty.seed(n, 0, rnd);
            EvaluationService eval = fleet.ctx.getBean(EvaluationService.class);
            eval.awaitIdle(Duration.ofMinutes(10));
            Database db = fleet.ctx.getBean(Database.class);
            long results = db.read(h -> h.createQuery("SELECT COUNT(*) FROM check_results").mapTo(Long.class).one());
            System.out.printf("check results stored: %d (%d checks × %d assets)%n", results, results / n, n);

            // 1. from scratch: every result written
            db.write(h -> h.createUpdate("DELETE FROM check_results").execute());
            long t0 = System.nanoTime();
            eval.evaluateAll();
            eval.recomputeCriteria();
            double fresh = (System.nanoTime() - t0) / 1e9;
            System.out.printf("full evaluation from scratch: %d assets in %.2f s (%.0f assets/s), criteria included%n", n, fresh, n / fresh);

            // 2. re-evaluation with nothing changed (a catalog or check change re-evaluates like this)
            for (int i = 0; i < 2; i++) {
                t0 = System.nanoTime();
                eval.evaluateAll();
                eval.recomputeCriteria();
                double again = (System.nanoTime() - t0) / 1e9;
                System.out.printf("full re-evaluation (results unchanged), run %d: %.2f s%n", i + 1, again);
            }

            // 3. incremental: one report changes, only that asset and the criteria are re-derived
            eval.awaitIdle(Duration.ofMinutes(1));
            int rounds = 20;
            long total = 0;
            for (int i = 0; i < rounds; i++) {
                long s = System.nanoTime();
                fleet.report(i, 1 + i, rnd);
                eval.awaitIdle(Duration.ofMinutes(1));
                total += System.nanoTime() - s;
            }
            System.out.printf("incremental: report → verdicts and scores updated in %.1f ms on average (%d rounds)%n",
                    total / 1e6 / rounds, rounds);
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
