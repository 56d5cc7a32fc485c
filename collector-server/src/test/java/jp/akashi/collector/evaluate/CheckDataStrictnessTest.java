package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.api.FactRegistry;

/**
 * The other data files of checks/ are read as strictly as the check files: a misspelt key stops
 * loading with the file and line instead of being ignored; derived facts are declared in
 * checks/derived-facts.yaml exactly as DerivedFacts produces them.
 */
class CheckDataStrictnessTest {

    @Test
    void aMisspeltKeyInTheDefaultRolesStopsLoadingWithFileAndLine() {
        // desktop_package (for desktop_packages) used to be ignored: every Linux desktop was then judged as a server
        assertThatThrownBy(() -> DefaultRoles.load("checks-invalid/default-roles/typo.yaml"))
                .hasMessageContaining("checks-invalid/default-roles/typo.yaml:5: unknown key 'desktop_package'");
    }

    @Test
    void derivedFactsAreDeclaredInTheRegistryExactlyAsTheCollectorProducesThem() {
        EolTable eol = EolTable.load(List.of("eol/os.yaml"));
        Instant now = Instant.parse("2026-11-20T03:00:00Z");
        Map<String, CompactFacts.Value> known = EvalFixtures.facts().ok("os.family", "linux").ok("os.distribution", "debian")
                .ok("os.version", "12").ok("patch.pending_security", List.of()).ok("patch.lists_updated_at", "2026-11-19T00:00:00Z")
                .ok("av.last_scan_at", "2026-11-18T00:00:00Z").build();
        Map<String, CompactFacts.Value> unknownOs = EvalFixtures.facts().ok("os.family", "linux").ok("os.distribution", "nosuchlinux").build();
        Set<String> declared = new TreeSet<>(DerivedFacts.TYPES.keySet());
        for (Map<String, CompactFacts.Value> facts : List.of(known, unknownOs)) {
            Map<String, CompactFacts.Value> out = DerivedFacts.compute(facts, eol, now.toEpochMilli() - 86_400_000L * 30, Map.of(), now);
            assertThat(new TreeSet<>(out.keySet())).isEqualTo(declared);
            out.forEach((k, v) -> {
                if (v.ok()) {
                    assertThat(new FactRegistry.Entry(k, DerivedFacts.TYPES.get(k), null, List.of(), "", "", false, true).accepts(v.value()))
                            .as(k + " = " + v.value() + " is a " + DerivedFacts.TYPES.get(k)).isTrue();
                }
            });
        }
        assertThat(declared).as("a derived fact never shadows a collected one").noneMatch(FactRegistry.get()::contains);
    }
}
