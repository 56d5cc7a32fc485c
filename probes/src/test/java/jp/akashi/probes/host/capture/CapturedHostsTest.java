package jp.akashi.probes.host.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.util.Json;

/**
 * Real hosts, captured with {@code akashi-agent collect --capture NAME.json.gz}: every probe runs
 * on what the host produced and must give the facts in {@code NAME.expected.json}. After an
 * intended change of a parser, rewrite the expectations with
 * {@code ./mvnw -pl probes test -Dtest=CapturedHostsTest -Dakashi.captures.update=true} and read the diff.
 */
class CapturedHostsTest {
    private static final Path SOURCE = Path.of("src/test/resources/fixtures/captures");

    static Stream<Path> captures() throws IOException, URISyntaxException {
        Path dir = Path.of(CapturedHostsTest.class.getResource("/fixtures/captures").toURI());
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
        assertThat(all).as("captured hosts").isNotEmpty();
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void probesGiveTheExpectedFactsOnACapturedHost(Path capture) throws IOException {
        HostCapture c = HostCapture.read(capture);
        Clock then = Clock.fixed(c.capturedAt(), ZoneOffset.UTC);
        List<Fact> facts = new ProbeRunner(HostProbes.all()).run(new ProbeContext(new ReplayHostAccess(c), then, c.osFamily(), Map.of()));
        ArrayNode actual = Json.mapper().createArrayNode();
        for (Fact f : facts) {
            // what a probe concluded; evidence and timestamps are checked by the probes' own tests
            actual.addObject().put("key", f.key()).put("status", f.status().wire())
                    .putPOJO("value", f.value()).put("message", f.message());
        }
        JsonNode normalised = Json.mapper().readTree(Json.mapper().writeValueAsBytes(actual));
        String name = capture.getFileName().toString().replace(".json.gz", ".expected.json");
        if (Boolean.getBoolean("akashi.captures.update")) {
            Files.write(SOURCE.resolve(name), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(normalised));
            return;
        }
        JsonNode expected = Json.mapper().readTree(capture.resolveSibling(name).toFile());
        assertThat(normalised.size()).as("facts of " + name).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(normalised.get(i)).as(expected.get(i).path("key").asText()).isEqualTo(expected.get(i));
        }
    }
}
