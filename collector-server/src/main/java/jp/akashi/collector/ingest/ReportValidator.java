package jp.akashi.collector.ingest;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import jp.akashi.collector.api.ApiException;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Parses and checks a report before anything is stored: schema, sizes, key syntax, and the
 * registered type of every known fact key. The first problem found is reported with its place
 * ({@code facts[12] (auth.password.min_length): ...}) and the whole report is refused.
 */
@Singleton
public class ReportValidator {
    static final Pattern KEY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+){1,7}");
    static final Set<String> SOURCES = Set.of(Report.SOURCE_AGENT, Report.SOURCE_SCAN);
    static final Set<String> KINDS = Set.of(AssetIdentity.KIND_HOST, AssetIdentity.KIND_NETWORK_DEVICE);
    static final int MAX_LIST_ITEMS = 20_000;

    private final int maxFacts;
    private final int maxKeyLength;
    private final int maxStringLength;
    private final int maxExcerptLength;
    private final int maxMessageLength;
    private final FactRegistry registry = FactRegistry.get();

    public ReportValidator(@Value("${akashi.ingest.max-facts:5000}") int maxFacts,
                           @Value("${akashi.ingest.max-key-length:128}") int maxKeyLength,
                           @Value("${akashi.ingest.max-string-length:65536}") int maxStringLength,
                           @Value("${akashi.ingest.max-excerpt-length:16384}") int maxExcerptLength,
                           @Value("${akashi.ingest.max-message-length:4096}") int maxMessageLength) {
        this.maxFacts = maxFacts;
        this.maxKeyLength = maxKeyLength;
        this.maxStringLength = maxStringLength;
        this.maxExcerptLength = maxExcerptLength;
        this.maxMessageLength = maxMessageLength;
    }

    /** Parses {@code json} into a report, or throws a 400 {@link ApiException} naming the problem. */
    public Report parse(byte[] json) {
        Report r;
        try {
            r = Json.mapper().readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed report: " + e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("malformed report: " + e.getMessage());
        }
        if (r == null) {
            throw ApiException.badRequest("empty report");
        }
        validate(r, SOURCES);
        return r;
    }

    /** Checks a report the collector collected itself (source {@code collector}) before it is stored. */
    public void validateCollected(Report r) {
        validate(r, Set.of(Report.SOURCE_COLLECTOR));
    }

    void validate(Report r) {
        validate(r, SOURCES);
    }

    private void validate(Report r, Set<String> sources) {
        if (r.schemaVersion() != Report.SCHEMA_VERSION) {
            throw ApiException.badRequest("schemaVersion " + r.schemaVersion() + " is not supported (expected " + Report.SCHEMA_VERSION + ")");
        }
        require(r.reportId() != null, "reportId is required");
        require(sources.contains(r.source() == null ? Report.SOURCE_AGENT : r.source()), "source must be one of " + sources);
        checkLength("agentVersion", r.agentVersion(), 64);
        AssetIdentity a = r.asset();
        require(a != null, "asset is required");
        require(a.kind() != null && KINDS.contains(a.kind()), "asset.kind must be one of " + KINDS);
        checkLength("asset.hostname", a.hostname(), 255);
        checkLength("asset.machineId", a.machineId(), 128);
        checkLength("asset.hardwareUuid", a.hardwareUuid(), 128);
        checkLength("asset.snmpEngineId", a.snmpEngineId(), 128);
        checkLength("asset.address", a.address(), 255);
        checkLength("asset.osFamily", a.osFamily(), 32);
        require(r.startedAt() != null && r.finishedAt() != null, "startedAt and finishedAt are required");
        require(r.facts() != null, "facts is required");
        require(r.facts().size() <= maxFacts, "too many facts: " + r.facts().size() + " > " + maxFacts);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.facts().size(); i++) {
            checkFact(i, r.facts().get(i), seen);
        }
    }

    private void checkFact(int i, Fact f, Set<String> seen) {
        // messages are built only on failure: this runs for every fact of every report
        if (f == null) {
            throw ApiException.badRequest("facts[" + i + "] is null");
        }
        String key = f.key();
        if (key.length() > maxKeyLength || !validKey(key)) {
            throw ApiException.badRequest("facts[" + i + "]: key must be dotted lower-case words (a-z 0-9 _), at most "
                    + maxKeyLength + " characters");
        }
        if (!seen.add(key)) {
            throw fail(i, key, "duplicate key");
        }
        if (f.collectedAt() == null) {
            throw fail(i, key, "collectedAt is required");
        }
        if (tooLong(f.probe(), 64)) {
            throw fail(i, key, "probe: at most 64 characters");
        }
        if (tooLong(f.message(), maxMessageLength)) {
            throw fail(i, key, "message: at most " + maxMessageLength + " characters");
        }
        if (f.ok()) {
            if (f.value() == null) {
                throw fail(i, key, "status ok needs a value");
            }
            FactRegistry.Entry entry = registry.entry(key);
            if (entry != null && !registry.typeMatches(key, f.value())) {
                throw fail(i, key, "value must be of type " + entry.type() + ", got " + describe(f.value()));
            }
            String problem = valueProblem(f.value(), 0);
            if (problem != null) {
                throw fail(i, key, "value: " + problem);
            }
        } else if (f.message() == null || f.message().isBlank()) {
            throw fail(i, key, "status " + f.status().wire() + " needs a message");
        }
        Evidence e = f.evidence();
        if (e != null) {
            if (tooLong(e.source(), 1024)) {
                throw fail(i, key, "evidence.source: at most 1024 characters");
            }
            if (tooLong(e.excerpt(), maxExcerptLength)) {
                throw fail(i, key, "evidence.excerpt: at most " + maxExcerptLength + " characters");
            }
            if (e.contentSha256() != null && !isSha256Hex(e.contentSha256())) {
                throw fail(i, key, "evidence.contentSha256 must be 64 lower-case hex digits");
            }
            if (e.sha256() != null && !isSha256Hex(e.sha256())) {
                throw fail(i, key, "evidence.sha256 must be 64 lower-case hex digits");
            }
        }
    }

    static boolean isSha256Hex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static ApiException fail(int i, String key, String problem) {
        return ApiException.badRequest("facts[" + i + "] (" + key + "): " + problem);
    }

    /** Same rule as {@link #KEY}, without the regex engine: 2..8 dot-separated non-empty words of [a-z0-9_]. */
    static boolean validKey(String k) {
        int parts = 1;
        int len = 0;
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c == '.') {
                if (len == 0) {
                    return false;
                }
                parts++;
                len = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                len++;
            } else {
                return false;
            }
        }
        return len > 0 && parts >= 2 && parts <= 8;
    }

    private String valueProblem(Object v, int depth) {
        if (v instanceof String s) {
            return s.length() > maxStringLength ? "string longer than " + maxStringLength + " characters" : null;
        }
        if (v instanceof List<?> l) {
            if (l.size() > MAX_LIST_ITEMS) {
                return "list longer than " + MAX_LIST_ITEMS;
            }
            for (Object o : l) {
                String p = valueProblem(o, depth + 1);
                if (p != null) {
                    return p;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            if (m.size() > 256) {
                return "object with more than 256 fields";
            }
            for (Map.Entry<?, ?> en : m.entrySet()) {
                if (String.valueOf(en.getKey()).length() > 128) {
                    return "field name longer than 128 characters";
                }
                String p = valueProblem(en.getValue(), depth + 1);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean tooLong(String s, int max) {
        return s != null && s.length() > max;
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "integer";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List) {
            return "list";
        }
        return v instanceof Map ? "object" : v.getClass().getSimpleName();
    }

    private static void checkLength(String what, String s, int max) {
        require(s == null || s.length() <= max, what + ": at most " + max + " characters");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw ApiException.badRequest(message);
        }
    }
}
