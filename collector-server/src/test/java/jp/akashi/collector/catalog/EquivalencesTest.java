package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped cross-framework map. Members of a loaded framework are validated by the loader (a
 * wrong id fails the load, see CatalogLoaderTest); a framework whose catalog file is not present
 * yet is tolerated and logged, and its ids are checked here against the numbering of its source.
 */
class EquivalencesTest {
    private static final Logger LOG = LoggerFactory.getLogger(EquivalencesTest.class);
    /** Kubota v2.0 numbers its items No.1–153 (shared/seeds/003_820f31e67722f2ed.txt). */
    private static final Set<String> KUBOTA = IntStream.rangeClosed(1, 153).mapToObj(Integer::toString)
            .collect(Collectors.toSet());
    /** The 53 items of the 安全・安心マーク check sheet (shared/seeds/001_042aad05c20fb20b.txt), 大-中-item. */
    private static final Set<String> JAIPA_ISP = Set.of(
            "1-1-1", "1-1-2", "1-1-3", "1-1-4", "1-2-1",
            "2-1-1", "2-1-2", "2-1-3", "2-2-1", "2-3-1", "2-3-2",
            "3-1-1", "3-1-2", "3-1-3", "3-1-4", "3-1-5", "3-1-6", "3-1-7", "3-1-8", "3-2-1", "3-3-1", "3-3-2",
            "4-1-1", "4-1-2", "4-1-3", "4-2-1", "4-2-2", "4-2-3", "4-3-1", "4-3-2", "4-4-1",
            "5-1-1", "5-1-2", "5-1-3", "5-1-4", "5-1-5", "5-2-1",
            "6-1-1", "6-2-1", "6-2-2",
            "7-0-1", "7-1-1", "7-1-2", "7-1-3", "7-2-1", "7-2-2", "7-3-1", "7-4-1", "7-5-1", "7-5-2",
            "7-6-1", "7-6-2", "7-6-3");

    private static Catalog catalog;
    private static RawCatalog.Equivalences raw;

    @BeforeAll
    static void load() throws IOException {
        catalog = Catalog.of(CatalogLoader.fromClasspath().load());
        try (InputStream in = EquivalencesTest.class.getClassLoader().getResourceAsStream("catalog/equivalences.yaml")) {
            raw = new YAMLMapper().readValue(in, RawCatalog.Equivalences.class);
        }
        catalog.warnings().forEach(w -> LOG.warn("{}", w));
    }

    @Test
    void coversFrameworksThatAreNotLoadedOnlyWithAWarning() {
        assertThat(JAIPA_ISP).hasSize(53);
        for (String framework : raw.frameworks()) {
            boolean loaded = catalog.framework(framework).isPresent();
            boolean warned = catalog.warnings().stream().anyMatch(w -> w.contains("framework " + framework + " is not loaded"));
            assertThat(warned).as(framework).isEqualTo(!loaded);
        }
        assertThat(catalog.framework("meti-scs")).isPresent();
    }

    @Test
    void everyMemberNamesAnItemOfItsSource() {
        for (RawCatalog.Member m : members().toList()) {
            String[] parts = m.criterion().split(":", 2);
            switch (parts[0]) {
                case "meti-scs" -> {
                    Criterion c = catalog.criterion(m.criterion()).orElseThrow();
                    assertThat(c.textMissing()).as(m.criterion()).isFalse();
                }
                case "kubota" -> assertThat(KUBOTA).as(m.criterion()).contains(parts[1]);
                case "jaipa-isp" -> assertThat(JAIPA_ISP).as(m.criterion()).contains(parts[1]);
                default -> throw new AssertionError("unexpected framework in " + m.criterion());
            }
            if (catalog.framework(parts[0]).isPresent()) {
                assertThat(catalog.criterion(m.criterion())).as(m.criterion()).isPresent();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"security-policy", "security-training", "incident-procedure", "access-rights-rules",
            "password-rules", "antivirus", "security-patching", "incident-logs", "backup", "server-room-access"})
    void coversTheRequiredTopicsAcrossFrameworks(String topic) {
        RawCatalog.EquivalenceGroup g = raw.groups().stream().filter(x -> x.id().equals(topic)).findFirst().orElseThrow();
        Set<String> frameworks = g.members().stream().map(m -> m.criterion().split(":")[0]).collect(Collectors.toSet());
        assertThat(frameworks).as(topic).hasSizeGreaterThanOrEqualTo(2).contains("meti-scs");
        assertThat(g.members()).as(topic).anyMatch(m -> m.relation().equals("equal"));
    }

    @Test
    void aCheckOrAnswerCanServeSeveralFrameworks() {
        Equivalence antivirus = catalog.equivalences().stream().filter(e -> e.id().equals("antivirus")).findFirst()
                .orElseThrow();
        assertThat(antivirus.title().ja()).contains("マルウェア対策ソフト");
        assertThat(raw.groups()).hasSizeGreaterThanOrEqualTo(40);
        // METI members of one topic point at each other
        List<Equivalent> eq = catalog.equivalents("meti-scs:4-1-5-3");
        assertThat(eq).extracting(e -> e.group().id()).contains("password-rules");
        assertThat(eq).extracting(e -> e.other().criterion()).contains("meti-scs:4-1-5-2");
    }

    private static Stream<RawCatalog.Member> members() {
        return raw.groups().stream().flatMap(g -> g.members().stream());
    }
}
