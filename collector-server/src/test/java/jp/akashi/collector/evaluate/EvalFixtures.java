package jp.akashi.collector.evaluate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.model.FactStatus;

/** Constructed facts and assets for evaluation tests. */
final class EvalFixtures {
    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final CheckLibrary LIBRARY = CheckLibrary.load("checks", Map.of());
    static final EolTable EOL = EolTable.load(List.of("eol/os.yaml"));

    private EvalFixtures() {
    }

    static final class Facts {
        final Map<String, CompactFacts.Value> m = new HashMap<>();

        Facts ok(String key, Object value) {
            m.put(key, new CompactFacts.Value(FactStatus.OK, value instanceof Integer i ? (Object) i.longValue() : value,
                    NOW.toEpochMilli(), null, "test"));
            return this;
        }

        Facts error(String key, String message) {
            m.put(key, new CompactFacts.Value(FactStatus.ERROR, null, NOW.toEpochMilli(), message, "test"));
            return this;
        }

        Facts unsupported(String key, String message) {
            m.put(key, new CompactFacts.Value(FactStatus.UNSUPPORTED, null, NOW.toEpochMilli(), message, "test"));
            return this;
        }

        Map<String, CompactFacts.Value> build() {
            return m;
        }
    }

    static Facts facts() {
        return new Facts();
    }

    static AssetSnapshot host(Map<String, CompactFacts.Value> facts, String... roles) {
        return new AssetSnapshot("a1", "web01", "host", "linux", List.of(roles), false, NOW.toEpochMilli(), "r1", facts);
    }

    static CheckResult run(String checkId, AssetSnapshot asset) {
        return new AssetEvaluator(LIBRARY).evaluate(asset).stream().filter(r -> r.checkId().equals(checkId)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + checkId));
    }
}
