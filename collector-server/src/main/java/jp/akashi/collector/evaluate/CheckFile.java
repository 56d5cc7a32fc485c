package jp.akashi.collector.evaluate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One data file of the check library (a classpath resource), read as a tree that remembers the
 * line of every key and list item, so that any problem is reported as {@code file:line: …}. Files
 * are read strictly: {@link #keys} refuses a key that the format does not define.
 */
public final class CheckFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final String name;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private CheckFile(String name, JsonNode root, Map<String, Integer> lines) {
        this.name = name;
        this.root = root;
        this.lines = lines;
    }

    /** Reads classpath resource {@code resource}; a missing or malformed file is a {@link CheckLibrary.CheckLibraryException}. */
    public static CheckFile read(String resource) {
        byte[] bytes;
        try (InputStream in = CheckFile.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new CheckLibrary.CheckLibraryException(resource + ": missing");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CheckLibrary.CheckLibraryException(resource + ": " + e.getMessage());
        }
        try {
            JsonNode root = YAML.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new CheckLibrary.CheckLibraryException(resource + ":1: the file must be a mapping");
            }
            return new CheckFile(resource, root, lines(bytes));
        } catch (IOException e) {
            throw new CheckLibrary.CheckLibraryException(resource + ": " + e.getMessage().replace('\n', ' '));
        }
    }

    /** The line of every value by JSON pointer ({@code /checks/3/facts/0}); the first token of a value decides. */
    private static Map<String, Integer> lines(byte[] bytes) throws IOException {
        Map<String, Integer> m = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(new String(bytes, StandardCharsets.UTF_8))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                String pointer;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    pointer = ctx.getParent() == null ? "" : ctx.getParent().pathAsPointer().toString();
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                } else {
                    pointer = ctx.pathAsPointer().toString();
                }
                m.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return m;
    }

    public String name() {
        return name;
    }

    public JsonNode root() {
        return root;
    }

    /** {@code file:line} of the value at {@code pointer} (or of its nearest enclosing value). */
    public String at(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return name + ":" + line;
            }
            if (p.isEmpty()) {
                return name;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** A problem at {@code pointer}: {@code file:line: what}. */
    public CheckLibrary.CheckLibraryException problem(String pointer, String what) {
        return new CheckLibrary.CheckLibraryException(at(pointer) + ": " + what);
    }

    /**
     * Refuses any key of the mapping at {@code pointer} that is not in {@code allowed} (a misspelt
     * key would otherwise be ignored and, say, an {@code applies} restriction silently lost).
     *
     * @param where what the mapping is, for the message ({@code "check av.installed: applies"})
     */
    public void keys(JsonNode node, String pointer, String where, String... allowed) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw problem(pointer, where + (where.isEmpty() ? "" : ": ") + "must be a mapping");
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw problem(pointer + "/" + k, where + (where.isEmpty() ? "" : ": ") + "unknown key '" + k
                        + "' (known: " + String.join(", ", new TreeSet<>(Arrays.asList(allowed))) + ")");
            }
        }
    }
}
