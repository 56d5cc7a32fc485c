package jp.akashi.probes.util;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration shared by agent and collector for the report wire format. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("akashi-fast-instant")
                    .addDeserializer(java.time.Instant.class, new FastInstant())
                    .addDeserializer(jp.akashi.probes.model.Fact.class, new FactReader()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        // Reports come from hosts we do not control: bound what a parser will accept.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(1_000_000)
                .maxNumberLength(64)
                .build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
