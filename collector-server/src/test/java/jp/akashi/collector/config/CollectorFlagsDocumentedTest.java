package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.cli.CollectorCommand;

/**
 * The collector's flags are written once ({@link CollectorFlag}): the usage help shows each with its
 * environment variable and default, and the README's flag table has exactly these rows.
 */
class CollectorFlagsDocumentedTest {

    static String row(CollectorFlag f) {
        return "| `" + f.flag() + "` | `" + f.env() + "` | " + f.shownDefault() + " | " + f.meaning() + " |";
    }

    @Test
    void readmeFlagTableIsTheFlagList() throws Exception {
        Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
        List<String> documented = Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| `--")).map(l -> l.replaceAll(" {2,}", " ")).toList();
        List<String> expected = Arrays.stream(CollectorFlag.values()).map(CollectorFlagsDocumentedTest::row)
                .map(l -> l.replaceAll(" {2,}", " ")).toList();
        assertThat(documented).as("README.md's flag rows; they should read:%n%s",
                Arrays.stream(CollectorFlag.values()).map(CollectorFlagsDocumentedTest::row).collect(Collectors.joining("\n")))
                .isEqualTo(expected);
    }

    @Test
    void usageHelpShowsEveryFlagWithItsEnvironmentVariable() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var cl = CollectorCommand.commandLine(Map.of(), new PrintStream(buf), ctx -> {
        });
        cl.setOut(new java.io.PrintWriter(buf, true, StandardCharsets.UTF_8));
        for (String[] args : new String[][]{{"--help"}, {"serve", "--help"}, {"check-db", "--help"}}) {
            buf.reset();
            assertThat(cl.execute(args)).isZero();
            String usage = buf.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            for (CollectorFlag f : CollectorFlag.values()) {
                assertThat(usage).as(String.join(" ", args) + " shows " + f.flag()).contains(f.flag())
                        .contains("Environment: " + f.env());
            }
        }
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("AKASHI_PORT", "9000", "AKASHI_TLS", "off", "AKASHI_PUBLIC_URL", " ");
        Settings fromEnv = Settings.from(new String[]{"--data-dir", "/tmp/x"}, env);
        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.tls()).isFalse();
        assertThat(fromEnv.publicUrl()).as("blank is the default").isNull();
        Settings fromFlags = Settings.from(new String[]{"--data-dir=/tmp/x", "--port", "9100", "--tls=on"}, env);
        assertThat(fromFlags.port()).isEqualTo(9100);
        assertThat(fromFlags.tls()).isTrue();
        assertThat(fromFlags.dbUrl()).isEqualTo("jdbc:sqlite:/tmp/x/akashi.db");
    }
}
