package jp.akashi.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * The compact form of an asset's current facts that evaluation reads: key → status, value,
 * collection time and message, without evidence (which stays in the report body). Kept small
 * so that re-evaluating every asset reads little.
 */
public final class CompactFacts {
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** One fact as evaluation sees it. */
    public record Value(FactStatus status, Object value, long collectedAt, String message, String probe) {
        public boolean ok() {
            return status == FactStatus.OK;
        }
    }

    private CompactFacts() {
    }

    public static String encode(List<Fact> facts) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (Fact f : facts) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("s", f.status().wire());
            if (f.value() != null) {
                v.put("v", f.value());
            }
            v.put("t", f.collectedAt().toEpochMilli());
            if (f.message() != null) {
                v.put("m", f.message());
            }
            if (f.probe() != null) {
                v.put("p", f.probe());
            }
            m.put(f.key(), v);
        }
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts not serialisable", e);
        }
    }

    public static Map<String, Value> decode(String json) {
        try {
            Map<String, Map<String, Object>> raw = MAPPER.readValue(json, new TypeReference<>() { });
            Map<String, Value> out = new LinkedHashMap<>(raw.size() * 2);
            for (Map.Entry<String, Map<String, Object>> e : raw.entrySet()) {
                Map<String, Object> v = e.getValue();
                Object value = v.get("v");
                if (value instanceof Integer i) {
                    value = i.longValue();
                }
                out.put(e.getKey(), new Value(FactStatus.fromWire((String) v.get("s")), value,
                        ((Number) v.get("t")).longValue(), (String) v.get("m"), (String) v.get("p")));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored facts are not valid JSON", e);
        }
    }

    /** Canonical JSON of what the facts say (not when), for deciding whether anything changed. */
    static byte[] canonicalContent(jp.akashi.probes.model.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asset", r.asset());
        Map<String, Object> facts = new java.util.TreeMap<>();
        for (Fact f : r.facts()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("s", f.status().wire());
            v.put("v", f.value());
            v.put("m", f.message());
            v.put("e", f.evidence() == null ? null : f.evidence().sha256());
            facts.put(f.key(), v);
        }
        m.put("facts", facts);
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
    }
}
