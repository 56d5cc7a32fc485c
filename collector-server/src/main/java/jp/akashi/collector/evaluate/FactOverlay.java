package jp.akashi.collector.evaluate;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.ingest.CompactFacts;

/**
 * An asset's reported facts with the derived ones laid over them, without copying the ~200
 * reported entries for every evaluation. Read-only; derived values win.
 */
final class FactOverlay extends AbstractMap<String, CompactFacts.Value> {
    private final Map<String, CompactFacts.Value> reported;
    private final Map<String, CompactFacts.Value> derived;

    FactOverlay(Map<String, CompactFacts.Value> reported, Map<String, CompactFacts.Value> derived) {
        this.reported = reported;
        this.derived = derived;
    }

    @Override
    public CompactFacts.Value get(Object key) {
        CompactFacts.Value v = derived.get(key);
        return v != null ? v : reported.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return derived.containsKey(key) || reported.containsKey(key);
    }

    @Override
    public Set<Entry<String, CompactFacts.Value>> entrySet() {
        Map<String, CompactFacts.Value> all = new HashMap<>(reported);
        all.putAll(derived);
        return java.util.Collections.unmodifiableMap(all).entrySet();
    }
}
