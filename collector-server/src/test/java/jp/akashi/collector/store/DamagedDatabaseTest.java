package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.CollectorMain;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * A damaged SQLite file is refused, not taken for a fresh install or served while it fails: an
 * empty file, a file that is not a database, pages overwritten on disk (found at start by
 * {@code PRAGMA quick_check} and on demand by {@code check-db}), and corruption that shows only
 * while running (the collector then stops acknowledging reports and says so on /health).
 */
class DamagedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyDatabaseFileIsRefusedInsteadOfBecomingAFreshInstall() throws Exception {
        Path file = Files.createFile(dir.resolve("akashi.db"));
        TestCollector c = TestCollector.unstarted(dir, Map.of());
        assertThatThrownBy(c::start).rootCause()
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty")
                .hasMessageContaining("restore");
        // nothing was created in it: no new admin, no schema
        assertThat(Files.size(file)).isZero();
        // the real command line: a clear message and a non-zero exit
        Run run = collector("--data-dir", dir.toString(), "--port", String.valueOf(TestCollector.freePort()), "--tls", "off");
        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).contains(file.toString()).contains("empty").contains("restore");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws Exception {
        Path file = dir.resolve("akashi.db");
        Files.writeString(file, "this is not a database at all, it was overwritten by a log file\n".repeat(100));
        try (TestCollector c = TestCollector.unstarted(dir, Map.of())) {
            assertThatThrownBy(c::start).rootCause()
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not a SQLite database");
        }
    }

    @Test
    void overwrittenPagesAreFoundAtStartAndByCheckDb() throws Exception {
        Path file = dir.resolve("akashi.db");
        TestCollector first = TestCollector.unstarted(dir, Map.of());
        try {
            first.start();
            postReports(first, 30);
            first.awaitEvaluation();
        } finally {
            first.stop(); // stop, not close: close removes the data directory
        }
        Run healthy = collector("check-db", "--data-dir", dir.toString());
        assertThat(healthy.exit()).as(healthy.out()).isZero();
        assertThat(healthy.out()).contains("ok");

        overwriteRootPage(file, "check_results");

        TestCollector refused = TestCollector.unstarted(dir, Map.of());
        assertThatThrownBy(refused::start).rootCause()
                .hasMessageContaining(file.toString())
                .hasMessageContaining("quick_check")
                .hasMessageContaining("restore");
        Run check = collector("check-db", "--data-dir", dir.toString());
        assertThat(check.exit()).as(check.out()).isEqualTo(3);
        assertThat(check.out()).contains(file.toString()).contains("integrity_check");
    }

    @Test
    void corruptionFoundWhileRunningStopsTheAcknowledgementsAndTakesHealthDown() throws Exception {
        Path file = dir.resolve("akashi.db");
        String[] agent;
        TestCollector first = TestCollector.unstarted(dir, Map.of());
        try {
            first.start();
            agent = first.enrollAgent();
            postReports(first, agent, 30);
            first.awaitEvaluation();
        } finally {
            first.stop();
        }
        overwriteRootPage(file, "check_results");

        // as if the pages broke after a start: the start-up check is switched off
        try (TestCollector c = TestCollector.unstarted(dir, Map.of("akashi.db.quick-check", false))) {
            c.start();
            // a report for an existing asset: its evaluation reads check_results and fails on the broken
            // pages (the start's own reads of that table may find them first)
            TestCollector.Response firstReport = c.postJson("/api/v1/reports", agent[1],
                    Reports.host(agent[0], "host-1", "machine-1", Reports.linuxPolicyFacts("host-1", false)));
            assertThat(firstReport.status()).as(firstReport.body()).isIn(201, 503);

            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            TestCollector.Response health = c.get("/health", null);
            while (health.status() == 200 && System.nanoTime() < end) {
                Thread.sleep(200);
                health = c.get("/health", null);
            }
            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.body()).contains("damaged");
            assertThat(c.get("/health/readiness", null).status()).isEqualTo(503);
            assertThat(c.get("/health/liveness", null).status()).isEqualTo(200);

            TestCollector.Response next = c.postJson("/api/v1/reports", agent[1],
                    Reports.host(agent[0], "host-2", "machine-2", Reports.linuxPolicyFacts("host-2", true)));
            assertThat(next.status()).as(next.body()).isEqualTo(503);
            assertThat(next.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(next.json().get("error").asText()).contains("damaged");
        }
    }

    record Run(int exit, String out) {
    }

    /** The collector's command line as a separate process (the test's class path), as an operator runs it. */
    private static Run collector(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
        cmd.addAll(java.util.List.of(args));
        Path log = Files.createTempFile("akashi-collector-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AKASHI_ADMIN_PASSWORD", TestCollector.ADMIN_PASSWORD);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the collector did not exit within 60 s: " + Files.readString(log));
            }
            return new Run(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void postReports(TestCollector c, int n) {
        postReports(c, c.enrollAgent(), n);
    }

    private static void postReports(TestCollector c, String[] agent, int n) {
        for (int i = 0; i < n; i++) {
            TestCollector.Response r = c.postJson("/api/v1/reports", agent[1],
                    Reports.host(agent[0], "host-" + i, "machine-" + i, Reports.linuxPolicyFacts("host-" + i, i % 2 == 0)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    /** Overwrites the root page of a table on disk with garbage, as a failing disk or a stray write would. */
    static void overwriteRootPage(Path file, String table) throws Exception {
        int page;
        int pageSize;
        try (Connection con = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (ResultSet rs = con.createStatement().executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + table + "'")) {
                rs.next();
                page = rs.getInt(1);
            }
            try (ResultSet rs = con.createStatement().executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
            con.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] garbage = new byte[pageSize];
        Arrays.fill(garbage, (byte) 0x5a);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((long) (page - 1) * pageSize);
            raf.write(garbage);
            raf.getFD().sync();
        }
    }
}
