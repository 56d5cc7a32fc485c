package jp.akashi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.TestCollector;

/**
 * The collector's command line as an operator meets it: the class run as its own process, as
 * {@code java -jar akashi-collector.jar …} runs it. {@code --help} answered "--help needs a value".
 */
class CollectorCommandLineTest {
    static final List<String> FLAGS = List.of("--data-dir", "--port", "--db-url", "--db-user", "--db-password", "--tls",
            "--tls-keystore", "--tls-keystore-password", "--public-url");

    @TempDir
    Path dir;

    @Test
    void helpShowsUsageWithEveryFlagAndSubcommand() throws Exception {
        Run help = run("--help");
        assertThat(help.exit()).as(help.out()).isZero();
        assertThat(help.out()).contains("Usage: akashi-collector").contains("serve").contains("check-db")
                .contains("AKASHI_ADMIN_PASSWORD");
        for (String flag : FLAGS) {
            assertThat(help.out()).as("usage names " + flag).contains(flag);
        }
        assertThat(run("-h").exit()).isZero();
        Run helpCommand = run("help", "check-db");
        assertThat(helpCommand.exit()).as(helpCommand.out()).isZero();
        assertThat(helpCommand.out()).contains("Usage: akashi-collector check-db");
    }

    @Test
    void subcommandsHaveTheirOwnHelp() throws Exception {
        Run serve = run("serve", "--help");
        assertThat(serve.exit()).as(serve.out()).isZero();
        assertThat(serve.out()).contains("Usage: akashi-collector serve").contains("--data-dir").contains("--port");
        Run check = run("check-db", "--help");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("Usage: akashi-collector check-db").contains("--data-dir").contains("--db-url");
    }

    @Test
    void versionIsPrinted() throws Exception {
        Run v = run("--version");
        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).startsWith("akashi-collector ");
    }

    @Test
    void usageErrorsExitTwoAndNameTheProblem() throws Exception {
        Run unknown = run("--data-dir", dir.toString(), "--bogus", "x");
        assertThat(unknown.exit()).as(unknown.out()).isEqualTo(2);
        assertThat(unknown.out()).contains("--bogus");
        Run noValue = run("--data-dir", dir.toString(), "--port");
        assertThat(noValue.exit()).as(noValue.out()).isEqualTo(2);
        assertThat(noValue.out()).contains("--port");
        Run badPort = run("--data-dir", dir.toString(), "--port", "70000");
        assertThat(badPort.exit()).as(badPort.out()).isEqualTo(2);
        assertThat(badPort.out()).contains("port must be 1..65535");
        Run badTls = run("--data-dir", dir.toString(), "--tls", "maybe");
        assertThat(badTls.exit()).as(badTls.out()).isEqualTo(2);
        assertThat(badTls.out()).contains("--tls must be on or off");
        Run stray = run("--data-dir", dir.toString(), "stray");
        assertThat(stray.exit()).as(stray.out()).isEqualTo(2);
        assertThat(stray.out()).contains("stray");
        assertThat(dir.resolve("akashi.db")).as("a refused command line changes nothing").doesNotExist();
    }

    @Test
    void serveIsTheDefaultAndAlsoNamed() throws Exception {
        for (List<String> args : List.of(List.of("serve"), List.<String>of())) {
            Path data = Files.createDirectories(dir.resolve("data-" + args.size()));
            int port = TestCollector.freePort();
            List<String> cmd = new ArrayList<>(args);
            cmd.addAll(List.of("--data-dir=" + data, "--port", String.valueOf(port), "--tls", "off"));
            Path log = dir.resolve("serve-" + args.size() + ".log");
            Process p = process(cmd).redirectOutput(log.toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                long end = System.currentTimeMillis() + 60_000;
                int status = -1;
                while (status != 200 && System.currentTimeMillis() < end && p.isAlive()) {
                    try {
                        status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.io.IOException notYet) {
                        Thread.sleep(200);
                    }
                }
                assertThat(status).as("collector started with " + cmd + ": " + Files.readString(log, StandardCharsets.UTF_8))
                        .isEqualTo(200);
                assertThat(data.resolve("akashi.db")).exists();
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    record Run(int exit, String out) {
    }

    private static ProcessBuilder process(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("AKASHI_ADMIN_PASSWORD", TestCollector.ADMIN_PASSWORD);
        return pb;
    }

    /** Runs the collector's command line to its end; its standard output and error together. */
    private static Run run(String... args) throws Exception {
        Path log = Files.createTempFile("akashi-collector-cli-", ".log");
        Process p = process(List.of(args)).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the collector did not exit within 60 s: " + Files.readString(log));
            }
            return new Run(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
