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
    /** Plain mapper for the compact form (order does not matter there, sorting costs). */
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** Sorted mapper for the content hash, which must not depend on map order. */
    static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** One fact as evaluation sees it. */
    public record Value(FactStatus status, Object value, long collectedAt, String message, String probe) {
        public boolean ok() {
            return status == FactStatus.OK;
        }
    }

    private CompactFacts() {
    }

    /** Streams the compact JSON (key → {s, v, t, m, p}) without building intermediate maps. */
    public static String encode(List<Fact> facts) {
        java.io.StringWriter w = new java.io.StringWriter(facts.size() * 96);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            g.writeStartObject();
            for (Fact f : facts) {
                g.writeFieldName(f.key());
                g.writeStartObject();
                g.writeStringField("s", f.status().wire());
                if (f.value() != null) {
                    g.writeFieldName("v");
                    MAPPER.writeValue(g, f.value());
                }
                g.writeNumberField("t", f.collectedAt().toEpochMilli());
                if (f.message() != null) {
                    g.writeStringField("m", f.message());
                }
                if (f.probe() != null) {
                    g.writeStringField("p", f.probe());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("facts not serialisable", e);
        }
        return w.toString();
    }

    /** The same values as {@link #decode(String)} of {@link #encode(List)}, without the JSON round trip. */
    public static Map<String, Value> values(List<Fact> facts) {
        Map<String, Value> out = new LinkedHashMap<>(facts.size() * 2);
        for (Fact f : facts) {
            Object v = f.value() instanceof Integer i ? (Object) i.longValue() : f.value();
            out.put(f.key(), new Value(f.status(), v, f.collectedAt().toEpochMilli(), f.message(), f.probe()));
        }
        return out;
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

    /**
     * SHA-256 (hex) of what a report says — asset identity and every fact's status, value,
     * message and evidence hash, in key order — but not when, and not the values registered as
     * volatile (uptime, ages): two reports with equal content hash equally, so repeated reports
     * share one stored body.
     */
    static String contentHash(jp.akashi.probes.model.Report r) {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Fact> sorted = new java.util.ArrayList<>(r.facts());
        sorted.sort(java.util.Comparator.comparing(Fact::key));
        try (java.io.OutputStream out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), md);
             com.fasterxml.jackson.core.JsonGenerator g = CANONICAL.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("asset");
            CANONICAL.writeValue(g, r.asset());
            g.writeFieldName("facts");
            g.writeStartArray();
            jp.akashi.probes.api.FactRegistry registry = jp.akashi.probes.api.FactRegistry.get();
            for (Fact f : sorted) {
                g.writeStartArray();
                g.writeString(f.key());
                g.writeString(f.status().wire());
                // uptime and ages change every collection: they are not a change of content
                boolean changesAnyway = registry.isVolatile(f.key());
                CANONICAL.writeValue(g, changesAnyway ? null : f.value());
                g.writeString(f.message());
                g.writeString(changesAnyway || f.evidence() == null ? null : f.evidence().sha256());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
