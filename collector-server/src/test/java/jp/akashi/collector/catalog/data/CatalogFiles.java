package jp.akashi.collector.catalog.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Test helpers: read catalog YAML as plain Jackson trees and the seed documents they were transcribed from. */
final class CatalogFiles {


    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
    private static final List<String> BLOCK_TAGS =
            List.of("<p>", "</p>", "<ul style=\"list-style-type: none\">", "</ul>");

    private CatalogFiles() {
    }

    static JsonNode load(String resource) {
        String path = "/catalog/" + resource;
        try (InputStream in = CatalogFiles.class.getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Reads a seed document from the test resources (byte-identical copies, see seeds/README.md). */
    static String seed(String name) {
        try (InputStream in = CatalogFiles.class.getResourceAsStream("/seeds/" + name)) {
            assertThat(in).as("seed %s in the test resources", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + name, e);
        }
    }

    /**
     * The catalog's rendering of one seed cell (see docs/catalog/KUBOTA-JAIPA-NOTES.md): checkbox → □,
     * the extraction's block tags → line breaks, blanks collapsed and trimmed per line, empty lines dropped.
     */
    static String cellText(String cell) {
        String s = cell.replace("<input type=\"checkbox\"/>", "□");
        for (String tag : BLOCK_TAGS) {
            s = s.replace(tag, "\n");
        }
        List<String> lines = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            String t = BLANKS.matcher(line).replaceAll(" ").strip();
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        return String.join("\n", lines);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Entries by {@code id}, in document order. */
    static Map<String, JsonNode> byId(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        array.forEach(n -> out.put(n.path("id").asText(), n));
        return out;
    }

    /** A text field, or null when the YAML holds null or nothing. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
