package jp.akashi.collector.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Reads one catalog YAML file into its raw form, turning parse errors into located problems. */
final class YamlFiles {
    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final ResourceReader reader;

    YamlFiles(ResourceReader reader) {
        this.reader = reader;
    }

    /** The parsed file, or empty after recording why it could not be read. */
    <T> Optional<T> read(String file, Class<T> type, Problems problems) {
        Optional<String> text;
        try {
            text = reader.read(file);
        } catch (IOException e) {
            problems.add(file, "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        if (text.isEmpty()) {
            problems.add(file, "does not exist");
            return Optional.empty();
        }
        try {
            T value = mapper.readValue(text.get(), type);
            if (value == null) {
                problems.add(file, "is empty");
            }
            return Optional.ofNullable(value);
        } catch (JsonProcessingException e) {
            problems.add(file, describe(e));
            return Optional.empty();
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content to map")) {
            return "is empty";
        }
        StringBuilder sb = new StringBuilder();
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append("line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(": ");
        }
        if (e instanceof JsonMappingException m) {
            // for an unknown field the path ends with that field, which the message names anyway
            String path = path(m, e instanceof UnrecognizedPropertyException ? 1 : 0);
            if (!path.isEmpty()) {
                sb.append(path).append(": ");
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            sb.append("unknown field \"").append(u.getPropertyName()).append('"');
        } else {
            sb.append(firstLine(e.getOriginalMessage()));
        }
        return sb.toString();
    }

    /** The path of a mapping error, e.g. {@code criteria[3].level}, without its last {@code drop} steps. */
    private static String path(JsonMappingException e, int drop) {
        StringBuilder sb = new StringBuilder();
        List<JsonMappingException.Reference> refs = e.getPath();
        for (JsonMappingException.Reference ref : refs.subList(0, Math.max(0, refs.size() - drop))) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed YAML";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
