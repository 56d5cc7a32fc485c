package jp.akashi.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;
import jp.akashi.probes.windows.WindowsFixtureHosts;

/**
 * A genuine report — what the real Windows probes collect from a captured Japanese Windows 11
 * host — as a JSON tree to mutate, and the edits a tree cannot hold (duplicate keys, raw
 * numbers, byte sequences) applied to its serialised form.
 */
public final class GenuineReport {
    private static final Report REPORT = WindowsFixtureHosts.report(WindowsFixtureHosts.japaneseWin11());

    private GenuineReport() {
    }

    /** The genuine report as sent by {@code agentId}, with a fresh report id. */
    public static ObjectNode tree(String agentId) {
        ObjectNode t = Json.mapper().valueToTree(REPORT.withAgent(agentId, "1.0.0"));
        t.put("reportId", UUID.randomUUID().toString());
        return t;
    }

    public static byte[] bytes(JsonNode tree) {
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Index of the fact with {@code key} in the tree's facts. */
    public static int factIndex(JsonNode tree, String key) {
        ArrayNode facts = (ArrayNode) tree.get("facts");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i).get("key").asText().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("the genuine report has no fact " + key);
    }

    public static ObjectNode fact(JsonNode tree, String key) {
        return (ObjectNode) tree.get("facts").get(factIndex(tree, key));
    }

    /** Index of the first ok fact whose value is a JSON object. */
    public static int firstObjectValued(JsonNode tree) {
        JsonNode facts = tree.get("facts");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i).path("value").isObject() && facts.get(i).get("value").size() > 1) {
                return i;
            }
        }
        throw new AssertionError("the genuine report has no object-valued fact");
    }

    /**
     * Edits made on the serialised body: a tree holds a marker string where the edit goes, and
     * {@link #apply} puts the real bytes there.
     */
    public static final class Edits {
        private final List<byte[][]> replacements = new ArrayList<>();
        private final StringBuilder trailing = new StringBuilder();

        private String marker() {
            return "@@edit" + replacements.size() + "@@";
        }

        /** Adds a second {@code field} (after the first) to {@code o} with {@code value}. */
        public void duplicate(ObjectNode o, String field, JsonNode value) {
            String m = marker();
            o.set(m, value);
            replace("\"" + m + "\"", "\"" + field + "\"");
        }

        /** Sets {@code field} to raw JSON text (numbers a tree cannot hold, for instance). */
        public void raw(ObjectNode o, String field, String json) {
            String m = marker();
            o.put(field, m);
            replace("\"" + m + "\"", json);
        }

        /** Sets {@code field} to a JSON string whose content is {@code before}, then raw bytes, then {@code after}. */
        public void rawBytesInString(ObjectNode o, String field, String before, byte[] bytes, String after) {
            String m = marker();
            o.put(field, before + m + after);
            replacements.add(new byte[][]{m.getBytes(StandardCharsets.UTF_8), bytes});
        }

        /** Adds text after the end of the document. */
        public void append(String text) {
            trailing.append(text);
        }

        private void replace(String from, String to) {
            replacements.add(new byte[][]{from.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.UTF_8)});
        }

        public byte[] apply(JsonNode tree) {
            byte[] b = bytes(tree);
            for (byte[][] r : replacements) {
                b = replaceOnce(b, r[0], r[1]);
            }
            byte[] tail = trailing.toString().getBytes(StandardCharsets.UTF_8);
            byte[] out = java.util.Arrays.copyOf(b, b.length + tail.length);
            System.arraycopy(tail, 0, out, b.length, tail.length);
            return out;
        }

        static byte[] replaceOnce(byte[] in, byte[] from, byte[] to) {
            outer:
            for (int i = 0; i + from.length <= in.length; i++) {
                for (int j = 0; j < from.length; j++) {
                    if (in[i + j] != from[j]) {
                        continue outer;
                    }
                }
                byte[] out = new byte[in.length - from.length + to.length];
                System.arraycopy(in, 0, out, 0, i);
                System.arraycopy(to, 0, out, i, to.length);
                System.arraycopy(in, i + from.length, out, i + to.length, in.length - i - from.length);
                return out;
            }
            throw new AssertionError("marker not found in the body");
        }
    }
}
