package jp.akashi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.snapshot.SigningKey;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;
import jp.akashi.probes.snapshot.SnapshotVerifier;

/**
 * An evidence snapshot of N synthetic assets (goal: 10,000 in under 60 s): time to write the
 * signed ZIP from one consistent read, its size, and the time to verify it offline.
 *
 * <pre>java -cp akashi-bench.jar jp.akashi.bench.SnapshotBench [assets]</pre>
 */
public final class SnapshotBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("akashi-snapshot-bench-");
        Random rnd = new Random(7);
        try (Fleet empty = Fleet.start(dir, EvaluationBench.freePort())) {
            System.out.printf("seeding %d assets through the ingest path...%n", n);
            Fleet fleet = empty.seed(n, 0, rnd);
            fleet.ctx.getBean(EvaluationService.class).awaitIdle(Duration.ofMinutes(10));
            SnapshotService snapshots = fleet.ctx.getBean(SnapshotService.class);
            fleet.ctx.getBean(SigningKey.class).keyPair(); // key generation is a one-off, not part of a snapshot
            long pid = ProcessHandle.current().pid();
            for (int run = 1; run <= 2; run++) {
                long cpu0 = CpuTime.ofProcess(pid);
                long t0 = System.nanoTime();
                SnapshotStore.SnapshotRecord s = snapshots.createSnapshot("system:bench", SnapshotService.MANUAL, "bench run " + run);
                double secs = (System.nanoTime() - t0) / 1e9;
                long cpu = CpuTime.ofProcess(pid) - cpu0;
                System.out.printf("snapshot %d: %d assets, %d check results, %d files, %.1f MB ZIP in %.2f s (CPU %.1f s, load %s)%n",
                        run, s.assetCount(), s.checkResultCount(), s.fileCount(), s.size() / 1e6, secs, cpu / 1e3, CpuTime.loadAverage());
                t0 = System.nanoTime();
                SnapshotVerifier.Result r = SnapshotVerifier.verify(snapshots.snapshotFile(s.id()),
                        fleet.ctx.getBean(SigningKey.class).publicKey(), null);
                System.out.printf("  offline verification: %s in %.2f s%n", r.ok() ? "verified" : "FAILED " + r.problems(),
                        (System.nanoTime() - t0) / 1e9);
                String keep = System.getProperty("akashi.bench.keep");
                if (keep != null && run == 2) {
                    // for timing `akashi-agent verify` in a process of its own (time, peak memory)
                    Path out = Files.createDirectories(Path.of(keep));
                    Files.copy(snapshots.snapshotFile(s.id()), out.resolve("snapshot.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.writeString(out.resolve("collector.pem"), snapshots.publicKeyPem());
                    System.out.println("  kept " + out.resolve("snapshot.zip") + " and collector.pem");
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
