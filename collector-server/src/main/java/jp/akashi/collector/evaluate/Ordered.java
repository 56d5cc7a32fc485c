package jp.akashi.collector.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object whose keys keep the order written ({@code Map.of} has none), for the chat payloads. */
final class Ordered {
    private Ordered() {
    }

    static Map<String, Object> of(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
