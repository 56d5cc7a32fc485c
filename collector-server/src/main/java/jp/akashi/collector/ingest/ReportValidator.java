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
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
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
        validate(r);
        return r;
    }

    void validate(Report r) {
        if (r.schemaVersion() != Report.SCHEMA_VERSION) {
            throw ApiException.badRequest("schemaVersion " + r.schemaVersion() + " is not supported (expected " + Report.SCHEMA_VERSION + ")");
        }
        require(r.reportId() != null, "reportId is required");
        require(r.source() == null || SOURCES.contains(r.source()), "source must be one of " + SOURCES);
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
        String where = "facts[" + i + "]";
        require(f != null, where + " is null");
        require(f.key().length() <= maxKeyLength && KEY.matcher(f.key()).matches(),
                where + ": key must be dotted lower-case words (a-z 0-9 _), at most " + maxKeyLength + " characters");
        where = where + " (" + f.key() + ")";
        require(seen.add(f.key()), where + ": duplicate key");
        require(f.collectedAt() != null, where + ": collectedAt is required");
        checkLength(where + ".probe", f.probe(), 64);
        checkLength(where + ".message", f.message(), maxMessageLength);
        if (f.ok()) {
            require(f.value() != null, where + ": status ok needs a value");
            if (registry.contains(f.key())) {
                require(registry.typeMatches(f.key(), f.value()),
                        where + ": value must be of type " + registry.entry(f.key()).type() + ", got " + describe(f.value()));
            }
            checkValue(where + ".value", f.value(), 0);
        } else {
            require(f.message() != null && !f.message().isBlank(), where + ": status " + f.status().wire() + " needs a message");
        }
        Evidence e = f.evidence();
        if (e != null) {
            checkLength(where + ".evidence.source", e.source(), 1024);
            checkLength(where + ".evidence.excerpt", e.excerpt(), maxExcerptLength);
            require(e.sha256() == null || SHA256.matcher(e.sha256()).matches(), where + ".evidence.sha256 must be 64 lower-case hex digits");
        }
    }

    private void checkValue(String where, Object v, int depth) {
        if (v instanceof String s) {
            checkLength(where, s, maxStringLength);
        } else if (v instanceof List<?> l) {
            require(l.size() <= MAX_LIST_ITEMS, where + ": list longer than " + MAX_LIST_ITEMS);
            for (Object o : l) {
                checkValue(where + "[]", o, depth + 1);
            }
        } else if (v instanceof Map<?, ?> m) {
            require(m.size() <= 256, where + ": object with more than 256 fields");
            for (Map.Entry<?, ?> en : m.entrySet()) {
                checkLength(where + " field name", String.valueOf(en.getKey()), 128);
                checkValue(where + "." + en.getKey(), en.getValue(), depth + 1);
            }
        }
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
