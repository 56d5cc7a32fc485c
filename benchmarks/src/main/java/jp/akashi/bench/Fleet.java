package jp.akashi.bench;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import jp.akashi.collector.CollectorMain;
import jp.akashi.collector.enroll.EnrollmentService;
import jp.akashi.collector.ingest.IngestService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * An in-process collector seeded with a synthetic fleet through the real ingest path (one agent
 * per asset), for the evaluation, page and snapshot benchmarks.
 */
public final class Fleet implements AutoCloseable {
    public final ApplicationContext ctx;
    public final Path dir;
    public final String[][] agents;

    private Fleet(ApplicationContext ctx, Path dir, String[][] agents) {
        this.ctx = ctx;
        this.dir = dir;
        this.agents = agents;
    }

    public static Fleet start(Path dir, int port) throws Exception {
        return start(dir, port, Map.of());
    }

    /** As {@link #start(Path, int)} with further collector properties (e.g. retention settings). */
    public static Fleet start(Path dir, int port, Map<String, Object> extra) throws Exception {
        Files.createDirectories(dir);
        Map<String, Object> props = new java.util.HashMap<>(Map.of("akashi.evaluation.periodic", "PT24H", "akashi.evaluation.batch-delay", "PT0S"));
        props.putAll(extra);
        ApplicationContext ctx = CollectorMain.start(new String[]{"--data-dir", dir.toString(), "--port", String.valueOf(port),
                "--tls", "off"}, Map.of("AKASHI_ADMIN_PASSWORD", "bench-password-123"), props);
        return new Fleet(ctx, dir, new String[0][]);
    }

    /** Enrolls {@code n} agents and ingests one report for each; returns the fleet with their ids. */
    public Fleet seed(int n, int run, Random rnd) throws Exception {
        EnrollmentService enroll = ctx.getBean(EnrollmentService.class);
        IngestService ingest = ctx.getBean(IngestService.class);
        Caller admin = new Caller(Caller.Kind.USER, "bench", "bench", Role.ADMIN, null, null);
        String token = enroll.createToken(admin, null, n, "bench").token();
        String[][] ids = new String[n][];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            EnrollmentService.Enrolled e = enroll.enroll(token, "bench-" + i, null);
            ids[i] = new String[]{e.agentId(), e.credential()};
            ingest.ingest(e.agentId(), Json.mapper().writeValueAsBytes(SyntheticReports.report(e.agentId(), i, run, rnd)), false, null);
            if ((i + 1) % 2000 == 0) {
                System.out.printf("  seeded %d assets (%.1f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Fleet(ctx, dir, ids);
    }

    public void report(int asset, int run, Random rnd) {
        report(asset, run, rnd, null);
    }

    /** One report of an asset collected at {@code t} (null: the generator's own time for the run). */
    public void report(int asset, int run, Random rnd, java.time.Instant t) {
        try {
            Report r = t == null ? SyntheticReports.report(agents[asset][0], asset, run, rnd)
                    : SyntheticReports.report(agents[asset][0], asset, run, rnd, t);
            ctx.getBean(IngestService.class).ingest(agents[asset][0], Json.mapper().writeValueAsBytes(r), false, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ingests a prepared report of an asset through the agent's path (JSON body, validation, store). */
    public void ingest(int asset, Report r) {
        try {
            ctx.getBean(IngestService.class).ingest(agents[asset][0], Json.mapper().writeValueAsBytes(r), false, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ctx.close();
    }
}
