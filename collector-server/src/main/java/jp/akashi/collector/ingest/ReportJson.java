package jp.akashi.collector.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jp.akashi.collector.Refusal;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Reads a report body as exactly what it says: well-formed UTF-8, one JSON document, no key twice
 * in any object (a second {@code "hostname"} must not silently win), and every field of the type
 * it has — no {@code "1"} or {@code 1.0} read as the integer 1, no number read as a string. The
 * wire model and its streaming fact reader are the shared {@link Json} ones; strictness is the
 * parser's and the coercion rules', so it reaches every fact and value without a second pass.
 */
final class ReportJson {
    private static final ObjectReader READER = strictMapper().readerFor(Wire.class)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ReportJson() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = Json.mapper().copy();
        m.getFactory().setStreamReadConstraints(Json.mapper().getFactory().streamReadConstraints());
        m.registerModule(new SimpleModule("akashi-strict-report").addDeserializer(UUID.class, new CanonicalUuid()));
        // a scalar is read only from its own JSON type (integers may widen to floating point)
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail).setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    /**
     * A report as read.
     *
     * @param unicodeEscapes whether the body had a backslash-u escape: without one no string can
     *                       hold NUL or an unpaired surrogate (see {@link Utf8.Scan}), so the
     *                       validator need not look for them character by character
     * @param news           what the agent says about its spool and itself, read in the same pass
     */
    record Parsed(Report report, boolean unicodeEscapes, News news) {
    }

    /**
     * The body's {@code spoolDrops}, {@code spoolProblem} and {@code agentHealth} as parsed trees
     * (null when absent), checked by {@link SpoolNewsReader}. Read in the one pass over the body:
     * a text search for the keys and a second parse, which every agent's {@code agentHealth} caused,
     * cost ~0.1 ms per report (docs/SCALE.md).
     */
    record News(JsonNode spoolDrops, JsonNode spoolProblem, JsonNode agentHealth) {
    }

    /** The body as bound: the shared wire model's fields and the agent's news about itself. */
    record Wire(int schemaVersion, UUID reportId, String agentId, String agentVersion, String source,
                AssetIdentity asset, Instant startedAt, Instant finishedAt, List<Fact> facts,
                JsonNode spoolDrops, JsonNode spoolProblem, JsonNode agentHealth) {
        Report report() {
            return new Report(schemaVersion, reportId, agentId, agentVersion, source, asset, startedAt, finishedAt, facts);
        }
    }

    /** The report in {@code json}, or a 400 naming the place where the body stops being a report. */
    static Parsed read(byte[] json) {
        Utf8.Scan scan = Utf8.scan(json);
        int bad = scan.malformedAt();
        if (bad >= 0) {
            String place = placeAt(json, bad);
            throw FieldRefusal.of(place, "not well-formed UTF-8 at byte " + bad + " (overlong form, surrogate, NUL byte or truncated sequence)",
                    "バイト " + bad + " が正しい UTF-8 ではありません（冗長な符号化、サロゲート、NUL バイト、または途切れた文字）");
        }
        JsonParser p = null;
        try {
            p = READER.createParser(json);
            Wire r = READER.readValue(p);
            if (r == null) {
                throw FieldRefusal.of("body", "empty report (JSON null)", "報告が空です（JSON の null）");
            }
            if (hasMore(p)) {
                throw FieldRefusal.of("end of the document", "more data after the report's JSON document", "報告の JSON 文書の後に余分なデータがあります");
            }
            return new Parsed(r.report(), scan.unicodeEscapes(), new News(r.spoolDrops(), r.spoolProblem(), r.agentHealth()));
        } catch (JsonProcessingException e) {
            // where the parser stood is the most precise place (facts[3].value.name)
            throw refused(p == null ? "body" : path(p.getParsingContext()), e);
        } catch (IOException | IllegalArgumentException e) {
            throw FieldRefusal.of("body", "malformed report: " + e.getMessage(), "報告を読めません: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    private static boolean hasMore(JsonParser p) {
        try {
            return p.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    private static void close(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException e) {
                // a byte-array parser has nothing to release but its buffers
            }
        }
    }

    private static Refusal refused(String place, JsonProcessingException e) {
        String detail = e.getOriginalMessage();
        if (detail != null && detail.startsWith("Duplicate field")) {
            return FieldRefusal.of(place, "the key appears twice in one object (" + detail + ")", "同じオブジェクトにキーが 2 回あります（" + detail + "）");
        }
        return FieldRefusal.of(place, "malformed report: " + detail, "報告の形式が正しくありません: " + detail);
    }

    /** The place in {@code json} that byte {@code offset} belongs to, found by parsing up to it. */
    static String placeAt(byte[] json, int offset) {
        JsonParser p = null;
        try {
            p = Json.mapper().getFactory().createParser(json, 0, offset);
            while (p.nextToken() != null) {
                // walk up to the offset
            }
        } catch (IOException e) {
            // the prefix ends inside a token: the context is where that token sits
        } finally {
            close(p);
        }
        return p == null ? "body" : path(p.getParsingContext());
    }

    static String path(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        return join(parts);
    }

    private static String join(List<String> parts) {
        String s = String.join("", parts);
        s = s.startsWith(".") ? s.substring(1) : s;
        return s.isEmpty() ? "body" : s;
    }

    /**
     * A UUID only in its canonical 36-character form. Jackson's own reader trims the text first,
     * and trimming removes NUL and other control characters: a UUID followed by an escaped NUL became the id.
     */
    static final class CanonicalUuid extends StdScalarDeserializer<UUID> {
        CanonicalUuid() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            String s = p.getText();
            if (!canonical(s)) {
                return (UUID) ctxt.handleWeirdStringValue(UUID.class, s, "not a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
            }
            return UUID.fromString(s);
        }

        static boolean canonical(String s) {
            if (s.length() != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                    return false;
                }
            }
            return true;
        }
    }
}
