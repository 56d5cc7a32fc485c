package jp.akashi.probes.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;

/** The probe message catalog is complete in both languages, and every code a probe uses is in it. */
class ProbeMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})}");
    private static final Pattern CODE_USE = Pattern.compile("\\bcode\\(\"([a-z0-9_.]+)\"");

    @Test
    void bothLanguagesHaveTheSameKeysAndParameters() {
        ProbeMessages m = ProbeMessages.get();
        assertThat(m.japanese().keySet()).isEqualTo(m.english().keySet());
        m.english().forEach((k, en) -> {
            assertThat(placeholders(m.japanese().get(k))).as("parameters of %s", k).isEqualTo(placeholders(en));
            boolean words = PLACEHOLDER.matcher(en).replaceAll("").chars().anyMatch(Character::isLetter);
            if (words) {
                assertThat(m.japanese().get(k).chars().anyMatch(c -> c > 0x3000)).as("%s is in Japanese", k).isTrue();
            }
        });
    }

    @Test
    void everyCodeUsedInTheProbesIsInTheCatalog() throws IOException {
        Map<String, String> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher x = CODE_USE.matcher(Files.readString(f));
                while (x.find()) {
                    used.put(x.group(1), f.getFileName().toString());
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(new TreeSet<>(used.keySet())).as("codes used in the probes (file of one use: %s)", used)
                .isSubsetOf(ProbeMessages.get().english().keySet());
    }

    @Test
    void rendersParametersLiterallyInTheReadersLanguage() {
        MessageCode c = ProbeMessages.code("fact.file_unreadable", "/home/o'neil/.profile", "I/O error {1}");
        assertThat(ProbeMessages.get().english(c)).isEqualTo("cannot read /home/o'neil/.profile: I/O error {1}");
        assertThat(ProbeMessages.get().render(c, "ja")).contains("/home/o'neil/.profile を読めません: I/O error {1}");
        assertThat(ProbeMessages.get().render(new MessageCode("fact.from_a_newer_agent", List.of()), "ja")).isEmpty();
        assertThat(ProbeMessages.code("no.such_key").key()).isEqualTo("probe.unknown_message");
    }

    @Test
    void theSinkRecordsTheCodeBesideTheSameEnglishSentence() {
        FactSink sink = new FactSink(Clock.systemUTC()).forProbe("t");
        sink.failed(new CommandResult("apt-get -s upgrade", 127, "", "", false, Duration.ZERO, null), "a.b");
        sink.failed(new CommandResult("ufw status", 1, "", "ERROR: need root\nmore", false, Duration.ZERO, null), "c.d");
        sink.failed(FileRead.denied("/etc/shadow"), "e.f");
        Map<String, Fact> f = new TreeMap<>();
        sink.facts().forEach(x -> f.put(x.key(), x));
        assertThat(f.get("a.b").message()).isEqualTo("command not available: apt-get -s upgrade");
        assertThat(f.get("a.b").code().key()).isEqualTo("fact.command_missing");
        assertThat(f.get("c.d").message()).isEqualTo("exit 1 (ERROR: need root): ufw status");
        assertThat(ProbeMessages.get().render(f.get("c.d").code(), "ja")).contains("終了コード 1（ERROR: need root）: ufw status");
        assertThat(f.get("e.f").message()).isEqualTo("permission denied reading /etc/shadow (run the agent as root/Administrator)");
    }

    private static Set<String> placeholders(String s) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
