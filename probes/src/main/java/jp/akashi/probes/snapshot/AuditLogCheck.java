package jp.akashi.probes.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.probes.util.Json;

/**
 * The offline check of a snapshot's audit log ({@code data/audit-log.jsonl}) from the member
 * bytes: the chain recomputed with the documented formula must end at the head that the signed
 * {@code snapshot.json} records, and an audit chain the collector found broken is a problem, not
 * a footnote. With {@code --previous}, the later log must extend the earlier one: the same hash at
 * every sequence number up to the earlier snapshot's head, so a log rewritten (and recomputed)
 * between two snapshots, or cut back, is refused.
 */
public final class AuditLogCheck {
    public static final String LOG = "data/audit-log.jsonl";
    /** In the problem when a later snapshot's log does not extend an earlier one's (the collector still serves a snapshot that recorded that break). */
    public static final String NOT_EXTENDING = "does not extend the audit log of";
    public static final String META = "snapshot.json";
    /** The members this check reads (the verifier keeps their bytes). */
    public static final Set<String> MEMBERS = Set.of(LOG, META);

    private AuditLogCheck() {
    }

    /**
     * What one snapshot's audit log holds: every entry's hash by position (32 bytes each, so a
     * large log stays small in memory), seq {@code firstSeq} first.
     */
    public record Summary(long firstSeq, long headSeq, String headHash, byte[] hashes, int count) {
        String hashAt(long seq) {
            long i = seq - firstSeq;
            if (i < 0 || i >= count) {
                return null;
            }
            return HexFormat.of().formatHex(hashes, (int) i * 32, (int) i * 32 + 32);
        }
    }

    /** One entry as the JSON lines hold it. */
    private record Line(long seq, long at, String actor, String action, String target, String details, String prevHash, String hash) {
    }

    /** Plain streaming JSON: a snapshot's log is read once, without building trees (the verifier runs cold, once). */
    private static final JsonFactory JSON = new JsonFactory();

    /** Checks one snapshot's log; returns what {@link #checkExtends} needs, or null when the log could not be read. */
    public static Summary check(byte[] log, byte[] meta, List<String> problems, List<String> notes) {
        return check(log, meta, new Findings(problems, notes));
    }

    static Summary check(byte[] log, byte[] meta, Findings f) {
        if (log == null) {
            f.note("audit.notChecked", LOG);
            return null;
        }
        Map<String, String> audit = null;
        if (meta != null) {
            try {
                audit = auditOf(meta);
            } catch (IOException e) {
                f.problem("audit.metaNotJson", META, e.getMessage());
            }
        }
        // the newest repair entry, whose accepted breaks the walk must know before it starts (a second pass only when there is one)
        Map<Long, AuditChainWalk.Accepted> accepted = Map.of();
        if (contains(log, AuditChainWalk.REPAIR_ACTION.getBytes(StandardCharsets.US_ASCII))) {
            Line[] newest = {null};
            if (!forEach(log, f, e -> {
                if (AuditChainWalk.REPAIR_ACTION.equals(e.action())) {
                    newest[0] = e;
                }
            })) {
                return null;
            }
            Line repair = newest[0];
            if (repair != null) {
                accepted = AuditChainWalk.acceptedBy(repair.seq(), repair.details());
                f.note("audit.repaired", repair.seq(), repair.actor(), accepted.size(), reasonOf(repair.details()));
            }
        }
        AuditChainWalk walk = new AuditChainWalk(accepted);
        java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
        long[] first = {-1};
        int[] count = {0};
        if (!forEach(log, f, e -> {
            first[0] = first[0] < 0 ? e.seq() : first[0];
            walk.next(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details(), e.prevHash(), e.hash());
            hashes.writeBytes(hex32(e.hash()));
            count[0]++;
        })) {
            return null;
        }
        if (walk.firstBroken() != null) {
            f.problem(walk.firstBrokenIsGap() ? "audit.brokenGap" : "audit.brokenEntry", LOG, walk.firstBroken());
        }
        Summary s = new Summary(first[0] < 0 ? 1 : first[0], walk.count() == 0 ? 0 : walk.lastSeq(),
                walk.count() == 0 ? null : walk.lastHash(), hashes.toByteArray(), count[0]);
        if (audit != null) {
            long recordedSeq = audit.get("headSeq") == null ? 0 : parseLong(audit.get("headSeq"));
            String recordedHash = audit.get("headHash");
            if (recordedSeq != s.headSeq() || !java.util.Objects.equals(recordedHash, s.headHash())) {
                f.problem("audit.headDiffers", LOG, s.headSeq(), s.headHash(), META, recordedSeq, recordedHash);
            }
            if ("false".equals(audit.get("chainVerified"))) {
                // the collector wrote its finding in both languages; the Japanese text uses messageJa
                VerifyMessage why = audit.get("message") != null
                        ? VerifyMessage.of("audit.why", audit.get("message"),
                                audit.get("messageJa") != null ? audit.get("messageJa") : audit.get("message"))
                        : VerifyMessage.of("audit.whyFirstBroken", audit.get("firstBrokenSeq"));
                f.problem("audit.collectorFoundBroken", why);
            }
        }
        if (walk.firstBroken() == null) {
            if (s.headHash() == null) {
                f.note("audit.ok", walk.count(), s.headSeq());
            } else {
                f.note("audit.okHead", walk.count(), s.headSeq(), s.headHash());
            }
        }
        return s;
    }

    /** The scalar fields of snapshot.json's "auditLog" object, as text (null for JSON null); null when there is none. */
    static Map<String, String> auditOf(byte[] meta) throws IOException {
        try (JsonParser p = JSON.createParser(meta)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!"auditLog".equals(name) || t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                Map<String, String> out = new java.util.HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v.isScalarValue()) {
                        out.put(field, v == JsonToken.VALUE_NULL ? null : p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                return out;
            }
            return null;
        }
    }

    /** The 32 bytes a lower-case hex SHA-256 stands for; zeros for anything else (it then matches nothing real). */
    private static byte[] hex32(String h) {
        if (h.length() == 64) {
            try {
                return HexFormat.of().parseHex(h);
            } catch (IllegalArgumentException e) {
                return new byte[32];
            }
        }
        return new byte[32];
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean contains(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @FunctionalInterface
    private interface EntrySink {
        void accept(Line entry);
    }

    /**
     * Feeds the log's entries one by one (one JSON object per line); returns false, with the
     * problem named, at a value that is not an audit entry or at JSON that does not parse.
     */
    private static boolean forEach(byte[] log, Findings f, EntrySink sink) {
        try (JsonParser p = JSON.createParser(log)) {
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n++;
                if (t != JsonToken.START_OBJECT) {
                    f.problem("audit.notAnEntry", LOG, n);
                    return false;
                }
                Long seq = null;
                Long at = null;
                String[] fields = new String[6];
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (!v.isScalarValue()) {
                        p.skipChildren();
                        continue;
                    }
                    String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                    switch (name) {
                        case "seq" -> seq = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                        case "atEpochMs" -> at = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                        case "actor" -> fields[0] = text;
                        case "action" -> fields[1] = text;
                        case "target" -> fields[2] = text;
                        case "details" -> fields[3] = text;
                        case "prevHash" -> fields[4] = text;
                        case "hash" -> fields[5] = text;
                        default -> {
                        }
                    }
                }
                if (seq == null || at == null || fields[5] == null) {
                    f.problem("audit.notAnEntry", LOG, n);
                    return false;
                }
                sink.accept(new Line(seq, at, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]));
            }
            return true;
        } catch (IOException e) {
            f.problem("audit.notJsonLines", LOG, e.getMessage());
            return false;
        }
    }

    /** Whether {@code later}'s log extends {@code earlier}'s: the same hash at every seq up to the earlier head. */
    public static void checkExtends(Summary later, Summary earlier, String earlierName, List<String> problems, List<String> notes) {
        checkExtends(later, earlier, earlierName, new Findings(problems, notes));
    }

    static void checkExtends(Summary later, Summary earlier, String earlierName, Findings f) {
        if (later == null || earlier == null) {
            f.note("extends.notChecked", earlierName);
            return;
        }
        if (earlier.headSeq() == 0) {
            f.note("extends.emptyEarlier", earlierName);
            return;
        }
        if (later.headSeq() < earlier.headSeq()) {
            f.problem("extends.removed", LOG, earlierName, later.headSeq(), earlier.headSeq());
            return;
        }
        for (long seq = earlier.firstSeq(); seq <= earlier.headSeq(); seq++) {
            String was = earlier.hashAt(seq);
            String now = later.hashAt(seq);
            if (was == null || !was.equals(now)) {
                if (seq == earlier.headSeq()) {
                    f.problem("extends.differsAtHead", LOG, earlierName, seq, was, now);
                } else {
                    f.problem("extends.differs", LOG, earlierName, seq, was, now, earlier.headSeq());
                }
                return;
            }
        }
        f.note("extends.ok", earlierName, earlier.headSeq());
    }

    private static String reasonOf(String details) {
        try {
            com.fasterxml.jackson.databind.JsonNode d = jp.akashi.probes.util.Json.mapper().readTree(details == null ? "{}" : details);
            return d.path("message").asText(d.path("reason").asText("?"));
        } catch (IOException e) {
            return "?";
        }
    }
}
