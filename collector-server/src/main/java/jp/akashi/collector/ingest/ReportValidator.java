package jp.akashi.collector.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jp.akashi.collector.Refusal;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/**
 * Parses and checks a report before anything is stored: strict JSON ({@link ReportJson}),
 * schema, sizes (each field at most as wide as the column it is stored in), key syntax, the
 * registered type of every known fact key, times that can be true, and strings that every
 * database and every page can hold. The first problem found is reported with its place
 * ({@code facts[12].value (auth.password.min_length): ...}) and the whole report is refused.
 */
@Singleton
public class ReportValidator {
    static final Pattern KEY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+){1,7}");
    static final Set<String> SOURCES = Set.of(Report.SOURCE_AGENT, Report.SOURCE_SCAN);
    static final Set<String> KINDS = Set.of(AssetIdentity.KIND_HOST, AssetIdentity.KIND_NETWORK_DEVICE);
    static final int MAX_LIST_ITEMS = 20_000;
    static final int MAX_OBJECT_FIELDS = 256;
    static final int MAX_FIELD_NAME = 128;
    static final int MAX_PROBE = 64;
    static final int MAX_EVIDENCE_SOURCE = 1024;
    /** No agent collected anything before this: older times are a broken clock or a forgery. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final int maxFacts;
    private final int maxKeyLength;
    private final int maxStringLength;
    private final int maxExcerptLength;
    private final int maxMessageLength;
    private final ColumnWidths widths;
    private final Clock clock;
    private final Duration maxSkew;
    private final FactRegistry registry = FactRegistry.get();

    @Inject
    public ReportValidator(IngestProperties limits, ColumnWidths widths, Clock clock) {
        this.maxFacts = limits.maxFacts();
        this.maxKeyLength = limits.maxKeyLength();
        this.maxStringLength = limits.maxStringLength();
        this.maxExcerptLength = limits.maxExcerptLength();
        this.maxMessageLength = limits.maxMessageLength();
        this.maxSkew = limits.maxClockSkew();
        this.widths = widths;
        this.clock = clock;
    }

    /** Parses {@code json} into a report, or throws a 400 {@link Refusal} naming the problem. */
    public Report parse(byte[] json) {
        return read(json).report();
    }

    /** As {@link #parse}, with the body's spool and agent news (unchecked: {@link SpoolNewsReader} checks them). */
    ReportJson.Parsed read(byte[] json) {
        ReportJson.Parsed parsed = ReportJson.read(json);
        validate(parsed.report(), SOURCES, parsed.unicodeEscapes());
        return parsed;
    }

    /** Checks a report the collector collected itself (source {@code collector}) before it is stored. */
    public void validateCollected(Report r) {
        validate(r, Set.of(Report.SOURCE_COLLECTOR), true);
    }

    void validate(Report r) {
        validate(r, SOURCES, true);
    }

    /** @param scanText whether strings may hold NUL or unpaired surrogates (false only for a body known to have no backslash-u escape) */
    private void validate(Report r, Set<String> sources, boolean scanText) {
        if (r.schemaVersion() != Report.SCHEMA_VERSION) {
            throw FieldRefusal.of("schemaVersion", r.schemaVersion() + " is not supported (expected " + Report.SCHEMA_VERSION + ")",
                    r.schemaVersion() + " には対応していません（" + Report.SCHEMA_VERSION + " のみ）");
        }
        require(r.reportId() != null, "reportId");
        if (!sources.contains(r.source() == null ? Report.SOURCE_AGENT : r.source())) {
            throw FieldRefusal.of("source", "must be one of " + sources, sources + " のいずれかにしてください");
        }
        identity("agentId", r.agentId());
        identity("agentVersion", r.agentVersion());
        AssetIdentity a = r.asset();
        require(a != null, "asset");
        if (a.kind() == null || !KINDS.contains(a.kind())) {
            throw FieldRefusal.of("asset.kind", "must be one of " + KINDS, KINDS + " のいずれかにしてください");
        }
        identity("asset.hostname", a.hostname());
        identity("asset.machineId", a.machineId());
        identity("asset.hardwareUuid", a.hardwareUuid());
        identity("asset.snmpEngineId", a.snmpEngineId());
        identity("asset.address", a.address());
        identity("asset.osFamily", a.osFamily());
        require(r.startedAt() != null, "startedAt");
        require(r.finishedAt() != null, "finishedAt");
        Instant latest = clock.instant().plus(maxSkew);
        time("startedAt", r.startedAt(), latest);
        time("finishedAt", r.finishedAt(), latest);
        if (r.finishedAt().isBefore(r.startedAt())) {
            throw FieldRefusal.of("finishedAt", r.finishedAt() + " is before startedAt " + r.startedAt(),
                    r.finishedAt() + " が startedAt（" + r.startedAt() + "）より前です");
        }
        require(r.facts() != null, "facts");
        if (r.facts().size() > maxFacts) {
            throw FieldRefusal.of("facts", "too many facts: " + r.facts().size() + " > " + maxFacts,
                    "事実が多すぎます: " + r.facts().size() + " 件（上限 " + maxFacts + " 件）");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.facts().size(); i++) {
            checkFact(i, r.facts().get(i), seen, latest, scanText);
        }
    }

    /** A time no report can truly carry: before {@link #EARLIEST}, or ahead of the collector's clock by more than the skew. */
    private void time(String place, Instant t, Instant latest) {
        if (t.isBefore(EARLIEST)) {
            throw FieldRefusal.of(place, t + " is before " + EARLIEST, t + " は " + EARLIEST + " より前です");
        }
        if (t.isAfter(latest)) {
            throw FieldRefusal.of(place, t + " is in the future (the collector's clock allows " + maxSkew + " of skew)",
                    t + " は未来の時刻です（コレクタの時計との差は " + maxSkew + " まで）");
        }
    }

    /** A name or id: as wide as its column, no control, bidi or unencodable characters. */
    private void identity(String place, String s) {
        if (s == null) {
            return;
        }
        int width = widths.field(place);
        if (!ColumnWidths.fits(s, width)) {
            throw tooLong(place, width, widths.column(place));
        }
        TextRules.Problem p = TextRules.identity(s);
        if (p != null) {
            throw FieldRefusal.of(place, p.enAt(), p.jaAt());
        }
    }

    private void checkFact(int i, Fact f, Set<String> seen, Instant latest, boolean scanText) {
        // places and messages are built only on failure: this runs for every fact of every report
        if (f == null) {
            throw FieldRefusal.of("facts[" + i + "]", "is null", "null です");
        }
        String key = f.key();
        if (key.length() > maxKeyLength || !validKey(key)) {
            throw FieldRefusal.of("facts[" + i + "].key", "must be dotted lower-case words (a-z 0-9 _), at most " + maxKeyLength + " characters",
                    "ドット区切りの小文字の語（a-z 0-9 _）で " + maxKeyLength + " 文字以内にしてください");
        }
        if (!seen.add(key)) {
            throw FieldRefusal.of(place(i, key, null), "duplicate key", "同じキーの事実が 2 回あります");
        }
        if (f.collectedAt() == null) {
            throw FieldRefusal.of(place(i, key, "collectedAt"), "is required", "必須です");
        }
        if (f.collectedAt().isBefore(EARLIEST) || f.collectedAt().isAfter(latest)) {
            time(place(i, key, "collectedAt"), f.collectedAt(), latest);
        }
        if (f.probe() != null) {
            if (f.probe().length() > MAX_PROBE) {
                throw tooLong(place(i, key, "probe"), MAX_PROBE, null);
            }
            TextRules.Problem p = TextRules.identity(f.probe());
            if (p != null) {
                throw FieldRefusal.of(place(i, key, "probe"), p.enAt(), p.jaAt());
            }
        }
        if (f.message() != null) {
            if (f.message().length() > maxMessageLength) {
                throw tooLong(place(i, key, "message"), maxMessageLength, null);
            }
            TextRules.Problem p = scanText ? TextRules.text(f.message(), false) : null;
            if (p != null) {
                throw FieldRefusal.of(place(i, key, "message"), p.enAt(), p.jaAt());
            }
        }
        if (f.code() != null) {
            // the arguments are shown in the console like the message itself: same bound, same text rules
            for (int k = 0; k < f.code().args().size(); k++) {
                String arg = f.code().args().get(k);
                if (arg.length() > maxMessageLength) {
                    throw tooLong(place(i, key, "messageCode.args[" + k + "]"), maxMessageLength, null);
                }
                TextRules.Problem p = scanText ? TextRules.text(arg, false) : null;
                if (p != null) {
                    throw FieldRefusal.of(place(i, key, "messageCode.args[" + k + "]"), p.enAt(), p.jaAt());
                }
            }
        }
        if (f.ok()) {
            checkValue(i, key, f.value(), scanText);
        } else if (f.message() == null || f.message().isBlank()) {
            throw FieldRefusal.of(place(i, key, "message"), "status " + f.status().wire() + " needs a message",
                    "状態 " + f.status().wire() + " には理由（message）が必要です");
        }
        Evidence e = f.evidence();
        if (e != null) {
            checkEvidence(i, key, e, scanText);
        }
    }

    private void checkValue(int i, String key, Object value, boolean scanText) {
        if (value == null) {
            throw FieldRefusal.of(place(i, key, "value"), "status ok needs a value", "状態 ok には値が必要です");
        }
        ValueProblem problem = valueProblem(value, scanText);
        if (problem != null) {
            throw FieldRefusal.of(place(i, key, "value" + problem.path()), problem.en(), problem.ja());
        }
        FactRegistry.Entry entry = registry.entry(key);
        if (entry != null && !entry.accepts(value)) {
            throw FieldRefusal.of(place(i, key, "value"), "value must be of type " + entry.type() + ", got " + describe(value),
                    "値の型は " + entry.type() + " でなければなりません（" + describe(value) + " でした）");
        }
        if (entry != null && entry.refusesNegative(value)) {
            throw FieldRefusal.of(place(i, key, "value"), "must not be negative (a count, length or duration), got " + value,
                    "負の値は取れません（件数・長さ・時間）: " + value);
        }
        int width = widths.factValue(key);
        if (width != Integer.MAX_VALUE && value instanceof String s && !ColumnWidths.fits(s, width)) {
            throw tooLong(place(i, key, "value"), width, widths.column(key));
        }
    }

    private void checkEvidence(int i, String key, Evidence e, boolean scanText) {
        if (e.source() != null) {
            if (e.source().length() > MAX_EVIDENCE_SOURCE) {
                throw tooLong(place(i, key, "evidence.source"), MAX_EVIDENCE_SOURCE, null);
            }
            TextRules.Problem p = scanText ? TextRules.text(e.source(), false) : null;
            if (p != null) {
                throw FieldRefusal.of(place(i, key, "evidence.source"), p.enAt(), p.jaAt());
            }
        }
        if (e.excerpt() != null) {
            if (e.excerpt().length() > maxExcerptLength) {
                throw tooLong(place(i, key, "evidence.excerpt"), maxExcerptLength, null);
            }
            // an excerpt is raw content (a binary file may hold NUL); it is kept in the body only, never in a column
            TextRules.Problem p = scanText ? TextRules.text(e.excerpt(), true) : null;
            if (p != null) {
                throw FieldRefusal.of(place(i, key, "evidence.excerpt"), p.enAt(), p.jaAt());
            }
        }
        if (e.sha256() != null && !isSha256Hex(e.sha256())) {
            throw FieldRefusal.of(place(i, key, "evidence.sha256"), "must be 64 lower-case hex digits", "小文字の 16 進数 64 桁にしてください");
        }
        if (e.contentSha256() != null && !isSha256Hex(e.contentSha256())) {
            throw FieldRefusal.of(place(i, key, "evidence.contentSha256"), "must be 64 lower-case hex digits", "小文字の 16 進数 64 桁にしてください");
        }
    }

    /** {@code facts[3].value (os.name)}: the JSON place, then the fact's key. */
    private static String place(int i, String key, String part) {
        return "facts[" + i + "]" + (part == null ? "" : "." + part) + " (" + key + ")";
    }

    private static Refusal tooLong(String place, int max, String column) {
        return FieldRefusal.of(place, "at most " + max + " characters" + (column == null ? "" : " (column " + column + ")"),
                max + " 文字以内にしてください" + (column == null ? "" : "（" + column + " 列）"));
    }

    private static final boolean[] LOWER_HEX = new boolean[128];

    static {
        "0123456789abcdef".chars().forEach(c -> LOWER_HEX[c] = true);
    }

    static boolean isSha256Hex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !LOWER_HEX[c]) {
                return false;
            }
        }
        return true;
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

    /** What is wrong inside a value, and where below the value ({@code .name}, {@code [3]}). */
    record ValueProblem(String path, String en, String ja) {
        ValueProblem under(String segment) {
            return new ValueProblem(segment + path, en, ja);
        }
    }

    private ValueProblem valueProblem(Object v, boolean scanText) {
        if (v instanceof String s) {
            if (s.length() > maxStringLength) {
                return new ValueProblem("", "string longer than " + maxStringLength + " characters", maxStringLength + " 文字を超える文字列です");
            }
            TextRules.Problem p = scanText ? TextRules.text(s, false) : null;
            return p == null ? null : new ValueProblem("", p.enAt(), p.jaAt());
        }
        if (v instanceof Double d) {
            // 1e400 parses as Infinity, which JSON cannot carry back out (it became the string "Infinity")
            return Double.isFinite(d) ? null : new ValueProblem("", "number out of range (" + d + ")", "数値が範囲外です（" + d + "）");
        }
        if (v instanceof BigInteger || v instanceof BigDecimal) {
            return new ValueProblem("", "number outside the 64-bit range", "数値が 64 ビットの範囲外です");
        }
        if (v instanceof List<?> l) {
            if (l.size() > MAX_LIST_ITEMS) {
                return new ValueProblem("", "list longer than " + MAX_LIST_ITEMS, "リストの要素が " + MAX_LIST_ITEMS + " を超えています");
            }
            for (int i = 0; i < l.size(); i++) {
                ValueProblem p = valueProblem(l.get(i), scanText);
                if (p != null) {
                    return p.under("[" + i + "]");
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            if (m.size() > MAX_OBJECT_FIELDS) {
                return new ValueProblem("", "object with more than " + MAX_OBJECT_FIELDS + " fields", "フィールドが " + MAX_OBJECT_FIELDS + " を超えるオブジェクトです");
            }
            for (Map.Entry<?, ?> en : m.entrySet()) {
                String name = String.valueOf(en.getKey());
                if (name.length() > MAX_FIELD_NAME) {
                    return new ValueProblem("", "field name longer than " + MAX_FIELD_NAME + " characters", MAX_FIELD_NAME + " 文字を超えるフィールド名があります");
                }
                TextRules.Problem np = scanText ? TextRules.text(name, false) : null;
                if (np != null) {
                    return new ValueProblem("", "field name: " + np.enAt(), "フィールド名の " + np.jaAt());
                }
                ValueProblem p = valueProblem(en.getValue(), scanText);
                if (p != null) {
                    return p.under("." + name);
                }
            }
        }
        return null;
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

    private static void require(boolean ok, String place) {
        if (!ok) {
            throw FieldRefusal.of(place, "is required", "必須です");
        }
    }
}
