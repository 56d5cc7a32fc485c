package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jp.akashi.collector.testing.GenuineReport;
import jp.akashi.collector.testing.StoredRows;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Random mutations of a genuine report posted to a real collector: byte flips, truncation,
 * inserted and duplicated keys, hostile values (huge and infinite numbers, deep nesting, NUL,
 * lone surrogates, malformed UTF-8), retyped values and broken encodings. Whatever arrives, the
 * collector never answers 5xx, a refused body writes no row, and an accepted one leaves an asset
 * page that still renders. Fixed seeds: a failure names its seed and iteration and replays.
 */
class ReportIngestFuzzTest {
    static final int ITERATIONS_PER_SEED = 250;
    static final String[] KEYS = {"schemaVersion", "reportId", "agentId", "agentVersion", "source", "asset", "kind", "hostname",
            "machineId", "startedAt", "finishedAt", "facts", "key", "status", "value", "message", "collectedAt", "probe", "evidence",
            "sha256", "excerpt", "truncated", "x", "\\ud800", "__proto__"};
    static final String[] VALUES = {"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-9223372036854775809",
            "9223372036854775807", "-1", "0", "1.5", "null", "true", "false", "{}", "[]", "\"\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\u202e\"", "\"+1000000000-01-01T00:00:00Z\"", "\"1999-12-31T23:59:59Z\"", "\"2999-01-01T00:00:00Z\"",
            "\"ok\"", "\"error\"", "\"host\"", "\"scan\"", "\"collector\"", "\"00000000-0000-0000-0000-000000000000\"",
            "{\"a\":1,\"a\":2}", "[1,2,3]", "\"" + "x".repeat(70_000) + "\"", "\"" + "é".repeat(300) + "\""};
    static final byte[][] RAW_BYTES = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {0},
            {(byte) 0x80}, {(byte) 0xE3, (byte) 0x81}, {0x1f, (byte) 0x8b}};

    static TestCollector c;
    static String[] agent;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        agent = c.enrollAgent();
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void noMutationGivesA5xxOrStoresWhenRefused(long seed) {
        Random rnd = new Random(seed);
        int refused = 0;
        int stored = 0;
        for (int i = 0; i < ITERATIONS_PER_SEED; i++) {
            byte[] genuine = GenuineReport.bytes(GenuineReport.tree(agent[0]));
            Map<String, String> headers = new HashMap<>();
            byte[] body = mutate(genuine, rnd, headers);
            Map<String, Long> before = StoredRows.count(c);

            Response r = c.send("POST", "/api/v1/reports", agent[1], body, headers);

            String where = "seed " + seed + " iteration " + i + ": " + r.status() + " " + abbreviate(r.body());
            assertThat(r.status()).as(where).isLessThan(500).isIn(200, 201, 400, 403, 409, 413);
            if (r.status() >= 400) {
                refused++;
                assertThat(r.json()).as(where).isNotNull();
                assertThat(r.json().path("error").asText()).as(where).isNotBlank();
                assertThat(StoredRows.count(c)).as("a refused body stores nothing; " + where).isEqualTo(before);
            } else {
                stored++;
                Response page = c.get("/api/v1/assets/" + r.json().get("assetId").asText(), admin);
                assertThat(page.status()).as("the asset of an accepted report still renders; " + where).isEqualTo(200);
            }
        }
        assertThat(refused).as("the mutations are mostly hostile").isGreaterThan(ITERATIONS_PER_SEED / 2);
        // the collector still takes a genuine report afterwards
        Response ok = c.send("POST", "/api/v1/reports", agent[1], GenuineReport.bytes(GenuineReport.tree(agent[0])), Map.of());
        assertThat(ok.status()).as(ok.body() + " (" + stored + " mutations were stored)").isEqualTo(201);
    }

    static byte[] mutate(byte[] genuine, Random rnd, Map<String, String> headers) {
        byte[] b = genuine;
        int rounds = 1 + rnd.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            b = switch (rnd.nextInt(9)) {
                case 0 -> flipBytes(b, rnd);
                case 1 -> Arrays.copyOf(b, rnd.nextInt(b.length));
                case 2 -> insertAfterBrace(b, rnd, "\"" + pick(rnd, KEYS) + "\":" + pick(rnd, VALUES) + ",");
                case 3 -> insertAfterBrace(b, rnd, "\"" + pick(rnd, KEYS) + "\":" + nested(rnd) + ",");
                case 4 -> replaceNumber(b, rnd, pick(rnd, VALUES));
                case 5 -> insertInString(b, rnd, RAW_BYTES[rnd.nextInt(RAW_BYTES.length)]);
                case 6 -> insertInString(b, rnd, pick(rnd, new String[]{"\\u0000", "\\ud800", "\\udfff", "\\u202e", "\\u001b", "\\\"", "\\"})
                        .getBytes(StandardCharsets.UTF_8));
                case 7 -> replaceString(b, rnd, pick(rnd, VALUES));
                default -> b;
            };
        }
        switch (rnd.nextInt(6)) {
            case 0 -> {
                headers.put("Content-Encoding", "gzip");
                b = GenuineReport.gzip(b);
                if (rnd.nextBoolean()) {
                    b = flipBytes(b, rnd);
                }
            }
            case 1 -> headers.put("Content-Encoding", pick(rnd, new String[]{"gzip", "deflate", "br", "gzip, gzip", "identity", "x-gzip"}));
            default -> {
            }
        }
        return b.length == 0 ? new byte[]{'{'} : b;
    }

    static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    static String nested(Random rnd) {
        int depth = 5 + rnd.nextInt(60);
        boolean arrays = rnd.nextBoolean();
        return (arrays ? "[" : "{\"a\":").repeat(depth) + pick(rnd, VALUES) + (arrays ? "]" : "}").repeat(depth);
    }

    static byte[] flipBytes(byte[] b, Random rnd) {
        byte[] out = b.clone();
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
        }
        return out;
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    static List<Integer> positions(byte[] b, char c) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                out.add(i);
            }
        }
        return out;
    }

    static byte[] insertAfterBrace(byte[] b, Random rnd, String member) {
        List<Integer> braces = positions(b, '{');
        return braces.isEmpty() ? b : insert(b, braces.get(rnd.nextInt(braces.size())) + 1, member.getBytes(StandardCharsets.UTF_8));
    }

    /** Inserts bytes right after the opening quote of a random string. */
    static byte[] insertInString(byte[] b, Random rnd, byte[] what) {
        List<Integer> quotes = positions(b, '"');
        return quotes.isEmpty() ? b : insert(b, quotes.get(rnd.nextInt(quotes.size())) + 1, what);
    }

    /** Replaces the digits after a random ':' that starts a number. */
    static byte[] replaceNumber(byte[] b, Random rnd, String json) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == ':' && (b[i + 1] == '-' || (b[i + 1] >= '0' && b[i + 1] <= '9'))) {
                starts.add(i + 1);
            }
        }
        if (starts.isEmpty()) {
            return b;
        }
        int s = starts.get(rnd.nextInt(starts.size()));
        int e = s;
        while (e < b.length && "-+.eE0123456789".indexOf(b[e]) >= 0) {
            e++;
        }
        return splice(b, s, e, json);
    }

    /** Replaces a random string value (after ':') with other JSON. */
    static byte[] replaceString(byte[] b, Random rnd, String json) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == ':' && b[i + 1] == '"') {
                starts.add(i + 1);
            }
        }
        if (starts.isEmpty()) {
            return b;
        }
        int s = starts.get(rnd.nextInt(starts.size()));
        int e = s + 1;
        while (e < b.length && !(b[e] == '"' && b[e - 1] != '\\')) {
            e++;
        }
        return splice(b, s, Math.min(b.length, e + 1), json);
    }

    static byte[] splice(byte[] b, int from, int to, String json) {
        byte[] what = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[from + what.length + b.length - to];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(what, 0, out, from, what.length);
        System.arraycopy(b, to, out, from + what.length, b.length - to);
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
