package jp.akashi.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.api.Probe;

class FactRegistryTest {

    @Test
    void everyKeyAProbeDeclaresIsRegistered() {
        FactRegistry reg = FactRegistry.get();
        for (Probe p : HostProbes.all()) {
            assertThat(p.keys()).as("keys of " + p.id()).isNotEmpty()
                    .allSatisfy(k -> assertThat(reg.contains(k)).as(p.id() + " declares unregistered key " + k).isTrue());
        }
    }

    /** docs/FACTS.md must be the rendering of facts/*.yaml; rerun with -Dakashi.regenerate=true to update it. */
    @Test
    void factsDocumentIsUpToDate() throws IOException {
        Path doc = Path.of("..", "docs", "FACTS.md");
        String expected = FactRegistry.get().toMarkdown();
        if (Boolean.getBoolean("akashi.regenerate") || !Files.exists(doc)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("docs/FACTS.md is stale: run ./mvnw -pl probes test -Dakashi.regenerate=true")
                .isEqualTo(expected);
    }
}
