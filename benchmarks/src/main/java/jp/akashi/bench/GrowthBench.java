package jp.akashi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.retention.PruneResult;
import jp.akashi.collector.retention.RetentionPruner;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.store.Database;

/**
 * Database growth: simulated days of 15-minute reports from a fleet, written through the real
 * ingest path (validation, asset resolution, body storage, current facts, durable evaluation
 * queue, evaluation with transitions and scores) of two in-process collectors with SQLite: one
 * without pruning, one pruned once per simulated day. Prints the database size per asset over
 * the run and per month, and then the console's page times on the unpruned database.
 *
 * <p>Why in-process and how time is simulated: posting 2.88 million reports through HTTPS would
 * take hours on 2 cores; the store path is the same code and the same rows either way. Reports are
 * ingested as fast as the collector takes them, so a simulated day lasts seconds; the end of each
 * simulated day is marked with the collector's clock, and the daily prune runs with "now" set so
 * that its cutoff falls on the mark of the day {@code retention} days earlier. Every report
 * changes one setting, and the facts the checks read (pending updates, package versions, the kernel
 * now and then) change once a simulated day: each report has a new body, the upper bound of
 * growth (hosts whose facts stay the same share one body), while checks change status about daily.
 *
 * <pre>java -cp akashi-bench.jar jp.akashi.bench.GrowthBench [assets] [days] [retention days] [interval minutes]</pre>
 */
public final class GrowthBench {
    static final long DAY = Duration.ofDays(1).toMillis();

    public static void main(String[] args) throws Exception {
        int assets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int retention = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int interval = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int perDay = 24 * 60 / interval;
        Path root = Files.createTempDirectory("akashi-growth-bench-");
        System.out.printf("simulating %d days of reports every %d minutes from %,d assets (%,d reports per database),%n"
                        + "in-process through IngestService into two SQLite collectors: one never pruned, one pruned daily "
                        + "with raw reports kept %d days%n", days, interval, assets, (long) assets * perDay * days, retention);
        try (Fleet plainEmpty = Fleet.start(root.resolve("plain"), EvaluationBench.freePort(), settings(0));
             Fleet prunedEmpty = Fleet.start(root.resolve("pruned"), EvaluationBench.freePort(), settings(retention))) {
            Fleet plain = plainEmpty.seed(assets, 0, new Random(5));
            Fleet pruned = prunedEmpty.seed(assets, 0, new Random(5));
            ExecutorService two = Executors.newFixedThreadPool(2);
            long t0 = System.nanoTime();
            Future<List<Long>> a = two.submit(() -> simulate(plain, assets, days, perDay, -1));
            Future<List<Long>> b = two.submit(() -> simulate(pruned, assets, days, perDay, retention));
            List<Long> plainSizes = a.get();
            List<Long> prunedSizes = b.get();
            two.shutdown();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%nsimulated in %.0f s (%,.0f reports/s into each database; load average %s)%n", secs,
                    assets * (double) perDay * days / secs, WebBench.loadAverage());
            System.out.printf("%n%5s %16s %16s   (database bytes in use per asset: pages minus free pages)%n", "day", "not pruned", "pruned");
            for (int d = 0; d < days; d++) {
                if (d % 5 == 4 || d == days - 1 || d < 2) {
                    System.out.printf("%5d %13.2f MB %13.2f MB%n", d + 1, plainSizes.get(d) / 1e6 / assets, prunedSizes.get(d) / 1e6 / assets);
                }
            }
            double scale = 30.0 / days;
            long plainEnd = plainSizes.get(days - 1);
            long prunedEnd = prunedSizes.get(days - 1);
            System.out.printf("%nnot pruned: %.1f MB per asset per month (grows with every report: %.0f bytes per report)%n",
                    plainEnd / 1e6 / assets * scale, plainEnd / (double) (assets * (long) perDay * days));
            Map<String, Long> rows = rows(pruned);
            System.out.printf("pruned (%d days kept): %.1f MB per asset after %d days; %s%n", retention, prunedEnd / 1e6 / assets, days, rows);
            if (days > retention) {
                // what the pruned database grows by once it is in steady state (transitions, scores, snapshot references)
                long atRetention = prunedSizes.get(Math.min(days - 1, retention + 1));
                double perMonth = (prunedEnd - atRetention) / 1e6 / assets * 30.0 / (days - 1 - Math.min(days - 1, retention + 1));
                double perReportDay = (plainEnd / (double) days);
                System.out.printf("  steady state: grows %.2f MB per asset per month beyond the %d kept days (snapshot-held reports, "
                                + "transitions, scores)%n", perMonth, retention);
                System.out.printf("  with the default 90 days kept the same fleet would hold about %.0f MB per asset "
                                + "(90 days at %.1f MB per asset and day), then grow by the steady-state figure%n",
                        90 * perReportDay / 1e6 / assets, perReportDay / 1e6 / assets);
            }
            System.out.printf("%n1,000 assets: the per-asset figures above times 1,000 (the rows are per asset and report; "
                    + "only index depth grows with the fleet). At %d assets this run: not pruned %.1f GB per month%n",
                    assets, plainEnd / 1e9 * scale);
            pages(plain, assets);
        }
        WebBench.deleteTree(root);
        System.exit(0);
    }

    static Map<String, Object> settings(int retentionDays) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("akashi.snapshots.schedule", "off");
        // the bench calls the pruner itself, on simulated days
        m.put("akashi.retention.tick", "PT24H");
        m.put("akashi.retention.pause", "PT0S");
        if (retentionDays > 0) {
            m.put("akashi.retention.reports", "P" + retentionDays + "D");
        }
        return m;
    }

    /** Runs the days on one collector; returns its database size in use after each day. */
    static List<Long> simulate(Fleet f, int assets, int days, int perDay, int retention) throws Exception {
        Database db = f.ctx.getBean(Database.class);
        RetentionPruner pruner = f.ctx.getBean(RetentionPruner.class);
        EvaluationService eval = f.ctx.getBean(EvaluationService.class);
        List<Long> dayEnds = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < perDay; s++) {
                int run = 1 + d * perDay + s;
                for (int i = 0; i < assets; i++) {
                    f.ingest(i, report(f, i, d, run));
                }
            }
            eval.awaitIdle(Duration.ofMinutes(10));
            dayEnds.add(System.currentTimeMillis());
            if (d % 7 == 6) {
                f.ctx.getBean(SnapshotService.class).createSnapshot("system:bench", SnapshotService.MANUAL, "week " + (d / 7 + 1));
            }
            if (retention > 0 && d >= retention) {
                // the pass of simulated day d: its cutoff is the end of day d - retention
                PruneResult r = pruner.prune(dayEnds.get(d - retention) + retention * DAY);
                if (d == retention || d % 10 == 0) {
                    System.out.printf("  day %d prune: %,d reports, %,d bodies in %,d ms%n", d + 1, r.reports(), r.bodies(), r.millis());
                }
            }
            sizes.add(used(db));
        }
        return sizes;
    }

    /**
     * A host's report: what the host's probes find changes once a simulated day (pending updates,
     * package versions, the kernel now and then), and one setting changes with every report, so
     * each report has a new body while the checks see the day's facts.
     */
    static jp.akashi.probes.model.Report report(Fleet f, int host, int day, int run) {
        jp.akashi.probes.model.Report base = SyntheticReports.report(f.agents[host][0], host, day, new Random(host * 7919L + day), Instant.now());
        List<jp.akashi.probes.model.Fact> facts = new ArrayList<>(base.facts());
        jp.akashi.probes.model.Fact last = facts.get(facts.size() - 1);
        facts.set(facts.size() - 1, SyntheticReports.ok(last.key(), "run-" + run, last.collectedAt()));
        return new jp.akashi.probes.model.Report(base.schemaVersion(), base.reportId(), base.agentId(), base.agentVersion(),
                base.source(), base.asset(), base.startedAt(), base.finishedAt(), facts);
    }

    /** Bytes the SQLite database uses (pages minus free pages), after a checkpoint. */
    static long used(Database db) {
        return db.write(h -> {
            h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list();
            long pages = h.createQuery("PRAGMA page_count").mapTo(Long.class).one();
            long free = h.createQuery("PRAGMA freelist_count").mapTo(Long.class).one();
            long size = h.createQuery("PRAGMA page_size").mapTo(Long.class).one();
            return (pages - free) * size;
        });
    }

    static Map<String, Long> rows(Fleet f) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : new String[]{"reports", "report_bodies", "snapshot_reports", "check_transitions", "criterion_transitions"}) {
            m.put(t, f.ctx.getBean(Database.class).read(h -> h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one()));
        }
        return m;
    }

    /** The console's pages on the grown (unpruned) database, as scripts/bench-web.sh times them. */
    static void pages(Fleet f, int assets) throws Exception {
        int port = f.ctx.getProperty("micronaut.server.port", Integer.class).orElseThrow();
        WebBench.Client web = new WebBench.Client("http://127.0.0.1:" + port);
        web.login("admin", WebBench.PASSWORD);
        List<String> ids = f.ctx.getBean(Database.class).read(x -> x.createQuery("SELECT id FROM assets ORDER BY id LIMIT 50")
                .mapTo(String.class).list());
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("dashboard /", List.of("/"));
        pages.put("asset list, first page", List.of("/assets"));
        pages.put("asset list, search", List.of("/assets?q=host-0"));
        pages.put("asset page (its report history)", ids.stream().map(a -> "/assets/" + a).toList());
        pages.put("framework METI", List.of("/frameworks/meti-scs"));
        pages.put("checks", List.of("/checks"));
        pages.put("check results", List.of("/checks/av.installed"));
        System.out.printf("%nweb console on the unpruned database (%,d assets, %,d reports), 50 requests per page after %d warm-up, ms "
                + "(goal p95 < 200):%n", assets, rows(f).get("reports"), WebBench.WARMUP);
        System.out.printf("%-38s %8s %8s %8s %8s %8s%n", "page", "first", "p50", "p95", "max", "KiB");
        for (Map.Entry<String, List<String>> p : pages.entrySet()) {
            web.measure(p.getKey(), p.getValue(), 50);
        }
        System.out.printf("load average: %s%n", WebBench.loadAverage());
    }
}
