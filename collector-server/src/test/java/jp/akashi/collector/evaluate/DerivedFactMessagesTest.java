package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.ProbeMessages;

/** The facts the collector derives say why they are missing in the catalog too, so a Japanese screen shows Japanese. */
class DerivedFactMessagesTest {
    @Test
    void everyDerivedFactThatCannotBeHadCarriesACatalogCode() {
        Map<String, CompactFacts.Value> facts = new HashMap<>();
        facts.put("os.family", new CompactFacts.Value(FactStatus.OK, "linux", 0, null, "t"));
        facts.put("os.distribution", new CompactFacts.Value(FactStatus.OK, "plan9", 0, null, "t"));
        facts.put("patch.lists_updated_at", new CompactFacts.Value(FactStatus.OK, "yesterday", 0, null, "t"));
        Map<String, CompactFacts.Value> derived = DerivedFacts.compute(facts, EvalFixtures.EOL,
                EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW);
        assertThat(derived.get("eol.os.supported").message()).startsWith("OS or firmware not in the end-of-life table");
        assertThat(derived.get("patch.lists_age_days").message()).isEqualTo("patch.lists_updated_at is not a timestamp: yesterday");
        assertThat(derived.get("av.last_scan_age_days").message()).isEqualTo("av.last_scan_at was not reported");
        derived.forEach((k, v) -> {
            if (!v.ok() && !k.equals("patch.pending_security_observed_days")) {
                assertThat(v.code()).as(k).isNotNull();
                assertThat(v.code().key()).as(k).isNotEqualTo("probe.unknown_message");
                assertThat(ProbeMessages.get().render(v.code(), "en")).as(k).contains(v.message());
                assertThat(ProbeMessages.get().render(v.code(), "ja").orElseThrow()).as(k).isNotEqualTo(v.message());
            }
        });
        assertThat(ProbeMessages.get().render(derived.get("eol.os.supported").code(), "ja").orElseThrow())
                .contains("サポート終了の一覧");
    }
}
