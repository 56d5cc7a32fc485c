package jp.akashi.collector.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;
import jp.akashi.probes.model.Report;

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

    /**
     * One fact as evaluation sees it. In an asset's merged view ({@link FactMerge}) it also names
     * the report it was taken from and that report's source ({@code agent:<id>}, {@code
     * target:<id>:<credential>}, {@code scan:agent:<id>}); null in one report's own facts.
     */
    public record Value(FactStatus status, Object value, long collectedAt, String message, String probe,
                        String reportId, String source, MessageCode code) {
        public Value(FactStatus status, Object value, long collectedAt, String message, String probe) {
            this(status, value, collectedAt, message, probe, null, null, null);
        }

        public Value(FactStatus status, Object value, long collectedAt, String message, String probe,
                     String reportId, String source) {
            this(status, value, collectedAt, message, probe, reportId, source, null);
        }

        public boolean ok() {
            return status == FactStatus.OK;
        }

        /** This value as taken from {@code reportId} of {@code source}. */
        public Value from(String reportId, String source) {
            return new Value(status, value, collectedAt, message, probe, reportId, source, code);
        }
    }

    private CompactFacts() {
    }

    /**
     * A report's compact facts and its content hash (see {@link #encode(Report)}).
     *
     * @param sole the asset's merged view when this report's source is its only one, as {@link
     *             #encodeValues} writes it (every value naming the report and source), or null:
     *             written in the same pass, so a one-source asset (nearly all) costs no second
     *             serialisation of its values
     */
    public record Encoded(String compact, String contentHash, String sole) {
    }

    /**
     * The compact JSON of a report's facts (key → {s, v, t, m, p}) and its content hash, in one
     * pass that serialises each value once (values are most of the work, and this runs for
     * every report).
     *
     * <p>The content hash is the SHA-256 (hex) of what a report says — asset identity and every
     * fact's status, value, message and evidence hash, in key order — but not when, and not the
     * values registered as volatile (uptime, ages): two reports with equal content hash equally,
     * so repeated reports share one stored body.
     */
    static Encoded encode(Report r) {
        return encode(r, null);
    }

    /** As {@link #encode(Report)}, with {@link Encoded#sole} for the source {@code sourceKey} (null: none). */
    static Encoded encode(Report r, String sourceKey) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Fact> sorted = new ArrayList<>(r.facts());
        sorted.sort(Comparator.comparing(Fact::key));
        FactRegistry registry = FactRegistry.get();
        StringWriter compact = new StringWriter(sorted.size() * 96);
        // the sole view is the compact form with the report and source added to every fact: where
        // each fact's object closes is noted, and the suffix spliced in afterwards (cheaper than
        // writing every fact a second time)
        int[] closes = sourceKey == null ? null : new int[sorted.size()];
        try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), md);
             JsonGenerator h = CANONICAL.getFactory().createGenerator(digest);
             JsonGenerator c = MAPPER.getFactory().createGenerator(compact)) {
            h.writeStartObject();
            h.writeFieldName("asset");
            CANONICAL.writeValue(h, r.asset());
            h.writeFieldName("facts");
            h.writeStartArray();
            c.writeStartObject();
            int i = 0;
            for (Fact f : sorted) {
                String value = f.value() == null ? null : CANONICAL.writeValueAsString(f.value());
                writeFact(c, f, value);
                if (closes != null) {
                    c.flush();
                    closes[i++] = compact.getBuffer().length();
                }
                c.writeEndObject();

                // uptime and ages change every collection: they are not a change of content
                boolean changesAnyway = registry.isVolatile(f.key());
                h.writeStartArray();
                h.writeString(f.key());
                h.writeString(f.status().wire());
                if (changesAnyway || value == null) {
                    h.writeNull();
                } else {
                    h.writeRawValue(value);
                }
                h.writeString(f.message());
                h.writeString(changesAnyway || f.evidence() == null ? null : f.evidence().readSha256());
                if (f.code() != null) {
                    // only when present, so that facts without a code hash as they did before codes existed
                    h.writeString(f.code().key());
                    for (String a : f.code().args()) {
                        h.writeString(a);
                    }
                }
                h.writeEndArray();
            }
            c.writeEndObject();
            h.writeEndArray();
            h.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
        String text = compact.toString();
        return new Encoded(text, HexFormat.of().formatHex(md.digest()), closes == null ? null : sole(text, closes, r, sourceKey));
    }

    /** {@code compact} with {@code ,"r":<report>,"src":<source>} before each fact object's closing brace at {@code closes}. */
    private static String sole(String compact, int[] closes, Report r, String sourceKey) {
        StringWriter suffix = new StringWriter(96);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(suffix)) {
            // written by the generator (escaping the source key), then cut out of its object
            g.writeStartObject();
            if (r.reportId() != null) {
                g.writeStringField("r", r.reportId().toString());
            }
            g.writeStringField("src", sourceKey);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String fields = suffix.toString();
        String add = "," + fields.substring(1, fields.length() - 1);
        StringBuilder out = new StringBuilder(compact.length() + closes.length * add.length());
        int from = 0;
        for (int at : closes) {
            out.append(compact, from, at).append(add);
            from = at;
        }
        return out.append(compact, from, compact.length()).toString();
    }

    /** A fact's compact object without its closing brace: {s, v, t, m, mc, p}; {@code value} is its JSON. */
    private static void writeFact(JsonGenerator c, Fact f, String value) throws IOException {
        c.writeFieldName(f.key());
        c.writeStartObject();
        c.writeStringField("s", f.status().wire());
        if (value != null) {
            c.writeFieldName("v");
            c.writeRawValue(value);
        }
        c.writeNumberField("t", f.collectedAt().toEpochMilli());
        if (f.message() != null) {
            c.writeStringField("m", f.message());
        }
        writeCode(c, f.code());
        if (f.probe() != null) {
            c.writeStringField("p", f.probe());
        }
    }

    /** The same values as {@link #decode(String)} of {@link #encode(List)}, without the JSON round trip. */
    public static Map<String, Value> values(List<Fact> facts) {
        Map<String, Value> out = new LinkedHashMap<>(facts.size() * 2);
        for (Fact f : facts) {
            Object v = f.value() instanceof Integer i ? (Object) i.longValue() : f.value();
            out.put(f.key(), new Value(f.status(), v, f.collectedAt().toEpochMilli(), f.message(), f.probe(), null, null, f.code()));
        }
        return out;
    }

    /** The compact JSON of merged values (key → {s, v, t, m, p, r, src}); {@link #decode} reads it back. */
    public static String encodeValues(Map<String, Value> values) {
        StringWriter out = new StringWriter(values.size() * 128);
        try (JsonGenerator c = MAPPER.getFactory().createGenerator(out)) {
            c.writeStartObject();
            for (Map.Entry<String, Value> e : values.entrySet()) {
                Value v = e.getValue();
                c.writeFieldName(e.getKey());
                c.writeStartObject();
                c.writeStringField("s", v.status().wire());
                if (v.value() != null) {
                    c.writeFieldName("v");
                    MAPPER.writeValue(c, v.value());
                }
                c.writeNumberField("t", v.collectedAt());
                if (v.message() != null) {
                    c.writeStringField("m", v.message());
                }
                writeCode(c, v.code());
                if (v.probe() != null) {
                    c.writeStringField("p", v.probe());
                }
                if (v.reportId() != null) {
                    c.writeStringField("r", v.reportId());
                }
                if (v.source() != null) {
                    c.writeStringField("src", v.source());
                }
                c.writeEndObject();
            }
            c.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("facts not serialisable", e);
        }
        return out.toString();
    }

    /** The message code as {"k": key, "a": [args]} under "mc" (absent when the fact has none). */
    private static void writeCode(JsonGenerator c, MessageCode code) throws IOException {
        if (code == null) {
            return;
        }
        c.writeObjectFieldStart("mc");
        c.writeStringField("k", code.key());
        c.writeArrayFieldStart("a");
        for (String a : code.args()) {
            c.writeString(a);
        }
        c.writeEndArray();
        c.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static MessageCode readCode(Object raw) {
        if (!(raw instanceof Map<?, ?> m) || !(m.get("k") instanceof String k)) {
            return null;
        }
        Object a = m.get("a");
        return new MessageCode(k, a instanceof List<?> l ? (List<String>) l : List.of());
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
                        ((Number) v.get("t")).longValue(), (String) v.get("m"), (String) v.get("p"), (String) v.get("r"),
                        (String) v.get("src"), readCode(v.get("mc"))));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored facts are not valid JSON", e);
        }
    }
}
