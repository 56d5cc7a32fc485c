package jp.akashi.probes.util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;

/**
 * Reads one {@link Fact} straight from the token stream. A report carries hundreds of facts and
 * the generic record binding (creator buffers, reflection) was the largest single cost of
 * ingest; this reader does the same job with the same rules: unknown fields are skipped, values
 * are read as plain JSON values, and a fact the model refuses is a mapping error naming why. Its
 * evidence is read in place too, each field only from its own JSON type. Duplicate keys are the
 * parser's to refuse (the collector reads reports with strict duplicate detection).
 */
public final class FactReader extends StdDeserializer<Fact> implements ResolvableDeserializer {
    private JsonDeserializer<Object> values;
    private JsonDeserializer<Object> instants;

    public FactReader() {
        super(Fact.class);
    }

    /** Looks the nested readers up once, not once per fact. */
    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
        values = ctxt.findRootValueDeserializer(ctxt.constructType(Object.class));
        instants = ctxt.findRootValueDeserializer(ctxt.constructType(Instant.class));
    }

    @Override
    public Fact deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        }
        String key = null;
        FactStatus status = null;
        Object value = null;
        String message = null;
        Instant collectedAt = null;
        String probe = null;
        Evidence evidence = null;
        MessageCode code = null;
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "key" -> key = text(p, ctxt, v, name);
                case "status" -> {
                    String s = text(p, ctxt, v, name);
                    status = s == null ? null : status(p, s);
                }
                case "value" -> value = v == JsonToken.VALUE_NULL ? null : values.deserialize(p, ctxt);
                case "message" -> message = text(p, ctxt, v, name);
                case "collectedAt" -> collectedAt = v == JsonToken.VALUE_NULL ? null : (Instant) instants.deserialize(p, ctxt);
                case "probe" -> probe = text(p, ctxt, v, name);
                case "evidence" -> evidence = v == JsonToken.VALUE_NULL ? null : evidence(p, ctxt, v);
                case "messageCode" -> code = v == JsonToken.VALUE_NULL ? null : messageCode(p, ctxt, v);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return (Fact) ctxt.handleUnexpectedToken(Fact.class, p);
        }
        try {
            return new Fact(key, status, value, message, collectedAt, probe, evidence, code);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw JsonMappingException.from(p, "invalid fact: " + e.getMessage(), e);
        }
    }

    /** Evidence read in place as well: the record binding cost more than the fact around it. */
    private static Evidence evidence(JsonParser p, DeserializationContext ctxt, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw JsonMappingException.from(p, "fact field 'evidence' must be an object, not " + start);
        }
        String source = null;
        String excerpt = null;
        String sha256 = null;
        String contentSha256 = null;
        boolean truncated = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "source" -> source = text(p, ctxt, v, "evidence.source");
                case "excerpt" -> excerpt = text(p, ctxt, v, "evidence.excerpt");
                case "sha256" -> sha256 = text(p, ctxt, v, "evidence.sha256");
                case "contentSha256" -> contentSha256 = text(p, ctxt, v, "evidence.contentSha256");
                case "truncated" -> {
                    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                        throw JsonMappingException.from(p, "fact field 'evidence.truncated' must be a boolean, not " + v);
                    }
                    truncated = v == JsonToken.VALUE_TRUE;
                }
                default -> p.skipChildren();
            }
        }
        return new Evidence(source, excerpt, sha256, truncated, contentSha256);
    }

    /** {"key": "...", "args": ["...", ...]}: the key and each argument only as strings. */
    private static MessageCode messageCode(JsonParser p, DeserializationContext ctxt, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw JsonMappingException.from(p, "fact field 'messageCode' must be an object, not " + start);
        }
        String key = null;
        List<String> args = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "key" -> key = text(p, ctxt, v, "messageCode.key");
                case "args" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw JsonMappingException.from(p, "fact field 'messageCode.args' must be an array, not " + v);
                    }
                    for (JsonToken a = p.nextToken(); a != JsonToken.END_ARRAY; a = p.nextToken()) {
                        if (a != JsonToken.VALUE_STRING) {
                            throw JsonMappingException.from(p, "fact field 'messageCode.args' must hold strings, not " + a);
                        }
                        if (args.size() == MessageCode.MAX_ARGS) {
                            throw JsonMappingException.from(p, "fact field 'messageCode.args' has more than "
                                    + MessageCode.MAX_ARGS + " entries");
                        }
                        args.add(p.getText());
                    }
                }
                default -> p.skipChildren();
            }
        }
        try {
            return new MessageCode(key, args);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw JsonMappingException.from(p, "invalid fact field 'messageCode': " + e.getMessage(), e);
        }
    }

    private static String text(JsonParser p, DeserializationContext ctxt, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw JsonMappingException.from(p, "fact field '" + field + "' must be a string, not " + t);
    }

    private static FactStatus status(JsonParser p, String s) throws JsonMappingException {
        try {
            return FactStatus.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw JsonMappingException.from(p, e.getMessage(), e);
        }
    }
}
