package jp.akashi.probes.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.host.CommandMemo;

/** A {@link CommandMemo} in memory, for tests. */
public final class MapMemo implements CommandMemo {
    public final Map<String, Entry> entries = new HashMap<>();

    @Override
    public Optional<Entry> recall(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void remember(String key, Entry entry) {
        entries.put(key, entry);
    }
}
