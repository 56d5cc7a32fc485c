package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jp.akashi.collector.testing.GenuineReport;
import jp.akashi.collector.testing.GenuineReport.Edits;
import jp.akashi.collector.testing.StoredRows;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Reports that cannot be true are refused with 400, a message naming the field (English and
 * Japanese), and nothing stored. Each row mutates one genuine report (the real Windows probes on
 * a captured host) and posts it to a real collector over HTTP. On the code before this table, 32
 * of its 48 rows were stored with 201, 4 gave 500, 1 gave 403 and 11 a 400 that named no field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRefusalTableTest {
    TestCollector c;
    String[] agent;

    /** The collector under test: SQLite here, PostgreSQL in {@link ReportRefusalTablePostgresTest}. */
    TestCollector startCollector() throws Exception {
        return new TestCollector();
    }

    @BeforeAll
    void start() throws Exception {
        c = startCollector();
        agent = c.enrollAgent();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
    }

    /** One malformed report: how it is made from the genuine one, and the field the refusal must name. */
    record Row(String name, BiConsumer<ObjectNode, Edits> mutation, Map<String, String> headers, boolean gzip, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, String field, BiConsumer<ObjectNode, Edits> mutation) {
        return new Row(name, mutation, Map.of(), false, field);
    }

    static Stream<Arguments> rows() {
        ObjectNode t = GenuineReport.tree("template");
        int minLength = GenuineReport.factIndex(t, "auth.password.min_length");
        int admins = GenuineReport.factIndex(t, "account.admin_count");
        int osName = GenuineReport.factIndex(t, "os.name");
        int osVersion = GenuineReport.factIndex(t, "os.version");
        int objectValued = GenuineReport.firstObjectValued(t);
        String objectField = t.get("facts").get(objectValued).get("value").fieldNames().next();
        int withEvidence = firstWithEvidence(t);
        int added = t.get("facts").size();
        String now = Instant.now().toString();
        String inAnHour = Instant.now().plus(Duration.ofHours(1)).toString();
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        String f = "facts[";

        List<Row> rows = new ArrayList<>(List.of(
                // duplicate keys, at every level the parser reaches (top, asset, the streaming fact reader, values, evidence)
                row("duplicate key at the top", "reportId", (r, e) -> e.duplicate(r, "reportId", TextNode.valueOf(UUID.randomUUID().toString()))),
                row("duplicate key in asset", "asset.hostname", (r, e) -> e.duplicate((ObjectNode) r.get("asset"), "hostname", TextNode.valueOf("forged"))),
                row("duplicate key in a fact", f + minLength + "].value", (r, e) -> e.duplicate(fact(r, minLength), "value", IntNode.valueOf(1))),
                row("duplicate key in a fact's object value", f + objectValued + "].value." + objectField,
                        (r, e) -> e.duplicate((ObjectNode) fact(r, objectValued).get("value"), objectField, BooleanNode.TRUE)),
                row("duplicate key in evidence", f + withEvidence + "].evidence.sha256",
                        (r, e) -> e.duplicate((ObjectNode) fact(r, withEvidence).get("evidence"), "sha256", TextNode.valueOf("0".repeat(64)))),
                // schemaVersion must be the integer 1, not something that coerces to it
                row("schemaVersion 1.0", "schemaVersion", (r, e) -> e.raw(r, "schemaVersion", "1.0")),
                row("schemaVersion \"1\"", "schemaVersion", (r, e) -> r.put("schemaVersion", "1")),
                row("schemaVersion true", "schemaVersion", (r, e) -> r.put("schemaVersion", true)),
                row("schemaVersion null", "schemaVersion", (r, e) -> r.putNull("schemaVersion")),
                // numbers that no probe measures
                row("1e400 (infinite) value", f + minLength + "].value", (r, e) -> e.raw(fact(r, minLength), "value", "1e400")),
                row("-1e400 inside an object value", f + objectValued + "].value",
                        (r, e) -> e.raw((ObjectNode) fact(r, objectValued).get("value"), objectField, "-1e400")),
                row("integer beyond 64 bits", f + minLength + "].value", (r, e) -> e.raw(fact(r, minLength), "value", "123456789012345678901234567890")),
                row("negative length", f + minLength + "].value", (r, e) -> fact(r, minLength).put("value", -8)),
                row("negative count", f + admins + "].value", (r, e) -> fact(r, admins).put("value", -1)),
                // times: not before 2000, not in the future, finished after started, representable
                row("startedAt before 2000", "startedAt", (r, e) -> r.put("startedAt", "1999-12-31T23:59:59Z")),
                row("collectedAt 1970", f + "0].collectedAt", (r, e) -> fact(r, 0).put("collectedAt", "1970-01-01T00:00:00Z")),
                row("collectedAt epoch 0 as a number", f + "0].collectedAt", (r, e) -> fact(r, 0).put("collectedAt", 0)),
                row("finishedAt an hour ahead", "finishedAt", (r, e) -> r.put("finishedAt", inAnHour)),
                row("collectedAt tomorrow", f + "0].collectedAt", (r, e) -> fact(r, 0).put("collectedAt", tomorrow)),
                row("finishedAt before startedAt", "finishedAt", (r, e) -> {
                    r.put("startedAt", now);
                    r.put("finishedAt", Instant.parse(now).minusSeconds(60).toString());
                }),
                row("startedAt in year 1,000,000,000", "startedAt", (r, e) -> r.put("startedAt", "+1000000000-01-01T00:00:00Z")),
                row("collectedAt in year 1,000,000,000", f + "0].collectedAt", (r, e) -> fact(r, 0).put("collectedAt", "+1000000000-12-31T23:59:59Z")),
                // values longer than the column they are copied into (SQLite would take them, PostgreSQL not)
                row("os.pretty_name of 60,000 characters", f + added + "].value (os.pretty_name)", (r, e) -> {
                    ObjectNode pretty = fact(r, osName).deepCopy();
                    pretty.put("key", "os.pretty_name").put("value", "Windows ".repeat(7_500));
                    ((ArrayNode) r.get("facts")).add(pretty);
                }),
                row("os.name of 256 characters", f + osName + "].value (os.name)", (r, e) -> fact(r, osName).put("value", "W".repeat(256))),
                row("os.version of 65 characters", f + osVersion + "].value (os.version)", (r, e) -> fact(r, osVersion).put("value", "1".repeat(65))),
                row("asset.osFamily of 33 characters", "asset.osFamily", (r, e) -> ((ObjectNode) r.get("asset")).put("osFamily", "w".repeat(33))),
                row("agentVersion of 65 characters", "agentVersion", (r, e) -> r.put("agentVersion", "1".repeat(65))),
                // identity fields: no NUL, no control or bidi characters, no overlong UTF-8
                row("NUL in asset.hostname", "asset.hostname", (r, e) -> ((ObjectNode) r.get("asset")).put("hostname", "host\u0000admin")),
                row("NUL in asset.machineId", "asset.machineId", (r, e) -> ((ObjectNode) r.get("asset")).put("machineId", "\u0000")),
                row("NUL in agentId", "agentId", (r, e) -> r.put("agentId", r.get("agentId").asText() + "\u0000")),
                row("NUL in reportId", "reportId", (r, e) -> r.put("reportId", r.get("reportId").asText() + "\u0000")),
                row("NUL in a fact's probe", f + "0].probe", (r, e) -> fact(r, 0).put("probe", "windows\u0000")),
                row("escape sequence in asset.hostname", "asset.hostname", (r, e) -> ((ObjectNode) r.get("asset")).put("hostname", "\u001b[31mhost")),
                row("right-to-left override in asset.hostname", "asset.hostname", (r, e) -> ((ObjectNode) r.get("asset")).put("hostname", "host\u202eexe.txt")),
                row("overlong '/' in asset.hostname", "asset.hostname",
                        (r, e) -> e.rawBytesInString((ObjectNode) r.get("asset"), "hostname", "..", new byte[]{(byte) 0xC0, (byte) 0xAF}, "etc")),
                row("overlong NUL in asset.machineId", "asset.machineId",
                        (r, e) -> e.rawBytesInString((ObjectNode) r.get("asset"), "machineId", "id", new byte[]{(byte) 0xC0, (byte) 0x80}, "")),
                row("three-byte overlong in a fact's probe", f + "0].probe",
                        (r, e) -> e.rawBytesInString(fact(r, 0), "probe", "win", new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAE}, "")),
                row("UTF-8 encoded surrogate in asset.hostname", "asset.hostname",
                        (r, e) -> e.rawBytesInString((ObjectNode) r.get("asset"), "hostname", "h", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "")),
                row("NUL in a fact value", f + osName + "].value", (r, e) -> fact(r, osName).put("value", "Windows\u0000 11")),
                // lone surrogates cannot be written as UTF-8 anywhere (today a 500)
                row("lone surrogate in a value", f + osName + "].value", (r, e) -> e.raw(fact(r, osName), "value", "\"Windows \\ud800\"")),
                row("lone surrogate in a value's key", f + objectValued + "].value",
                        (r, e) -> e.duplicate((ObjectNode) fact(r, objectValued).get("value"), "\\udc00", TextNode.valueOf("x"))),
                row("lone surrogate in evidence.excerpt", f + withEvidence + "].evidence.excerpt",
                        (r, e) -> e.raw((ObjectNode) fact(r, withEvidence).get("evidence"), "excerpt", "\"line \\udfff\"")),
                row("lone surrogate in asset.hostname", "asset.hostname", (r, e) -> e.raw((ObjectNode) r.get("asset"), "hostname", "\"\\ud83d\"")),
                // the document itself
                row("data after the document", "end of the document", (r, e) -> e.append(" {\"schemaVersion\": 1}")),
                row("deep nesting", "facts[" + osName + "].value", (r, e) -> e.raw(fact(r, osName), "value", "[".repeat(200) + "]".repeat(200)))));
        // bodies that cannot be decoded (today a 500 for Content-Encoding gzip on a plain body)
        rows.add(new Row("Content-Encoding gzip on a plain body", (r, e) -> { }, Map.of("Content-Encoding", "gzip"), false, "Content-Encoding"));
        rows.add(new Row("Content-Encoding br", (r, e) -> { }, Map.of("Content-Encoding", "br"), false, "Content-Encoding"));
        rows.add(new Row("truncated gzip body", (r, e) -> { }, Map.of("Content-Encoding", "gzip", "X-Truncate", "yes"), true, "Content-Encoding"));
        return rows.stream().map(Arguments::of);
    }

    static ObjectNode fact(ObjectNode r, int i) {
        return (ObjectNode) r.get("facts").get(i);
    }

    static int firstWithEvidence(JsonNode t) {
        for (int i = 0; i < t.get("facts").size(); i++) {
            JsonNode ev = t.get("facts").get(i).path("evidence");
            if (ev.hasNonNull("sha256") && ev.hasNonNull("excerpt")) {
                return i;
            }
        }
        throw new AssertionError("no fact with evidence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedNamingTheFieldAndStoresNothing(Row row) {
        ObjectNode tree = GenuineReport.tree(agent[0]);
        Edits edits = new Edits();
        row.mutation().accept(tree, edits);
        byte[] body = edits.apply(tree);
        if (row.gzip()) {
            body = GenuineReport.gzip(body);
        }
        Map<String, String> headers = new java.util.HashMap<>(row.headers());
        if (headers.remove("X-Truncate") != null) {
            body = Arrays.copyOf(body, body.length / 2);
        }
        Map<String, Long> before = StoredRows.count(c);

        Response r = c.send("POST", "/api/v1/reports", agent[1], body, headers);

        assertThat(r.status()).as(row.name() + ": " + r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).as("the refusal names the field").contains(row.field());
        assertThat(r.json().path("errorJa").asText()).as("and says so in Japanese").contains(row.field());
        assertThat(StoredRows.count(c)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theGenuineReportItselfIsStored() {
        Map<String, Long> before = StoredRows.count(c);
        byte[] body = GenuineReport.bytes(GenuineReport.tree(agent[0]));
        Response plain = c.send("POST", "/api/v1/reports", agent[1], body, Map.of());
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        Response gz = c.send("POST", "/api/v1/reports", agent[1], GenuineReport.gzip(GenuineReport.bytes(GenuineReport.tree(agent[0]))),
                Map.of("Content-Encoding", "gzip"));
        assertThat(gz.status()).as(gz.body()).isEqualTo(201);
        assertThat(StoredRows.count(c).get("reports")).isEqualTo(before.get("reports") + 2);
    }
}
