package jp.akashi.probes.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
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

    /** Checks one snapshot's log; returns what {@link #checkExtends} needs, or null when the log could not be read. */
    public static Summary check(byte[] log, byte[] meta, List<String> problems, List<String> notes) {
        if (log == null) {
            notes.add(LOG + ": not in the archive or too large to check here: the audit chain was not checked");
            return null;
        }
        JsonNode audit = null;
        if (meta != null) {
            try {
                audit = Json.mapper().readTree(meta).path("auditLog");
            } catch (IOException e) {
                problems.add(META + ": not JSON (" + e.getMessage() + ")");
            }
        }
        // first pass: the newest repair entry, whose accepted breaks the walk must know before it starts
        Map<Long, AuditChainWalk.Accepted> accepted = Map.of();
        JsonNode[] newestRepair = {null};
        if (!forEach(log, problems, e -> {
            if (AuditChainWalk.REPAIR_ACTION.equals(text(e, "action"))) {
                newestRepair[0] = e;
            }
        })) {
            return null;
        }
        JsonNode repair = newestRepair[0];
        if (repair != null) {
            accepted = AuditChainWalk.acceptedBy(repair.get("seq").asLong(), text(repair, "details"));
            notes.add("audit log: repaired at seq " + repair.get("seq").asLong() + " by " + text(repair, "actor") + " ("
                    + accepted.size() + " break(s) accepted): " + reasonOf(text(repair, "details")));
        }
        AuditChainWalk walk = new AuditChainWalk(accepted);
        java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
        long[] first = {-1};
        int[] count = {0};
        forEach(log, problems, e -> {
            long seq = e.get("seq").asLong();
            first[0] = first[0] < 0 ? seq : first[0];
            walk.next(seq, e.get("atEpochMs").asLong(), text(e, "actor"), text(e, "action"), text(e, "target"),
                    text(e, "details"), text(e, "prevHash"), text(e, "hash"));
            String h = text(e, "hash");
            hashes.writeBytes(h.matches("[0-9a-f]{64}") ? HexFormat.of().parseHex(h) : new byte[32]);
            count[0]++;
        });
        if (walk.firstBroken() != null) {
            problems.add(LOG + ": hash chain broken at seq " + walk.firstBroken()
                    + (walk.firstBrokenIsGap() ? " (entries missing before it)" : " (entry does not match its hash)"));
        }
        Summary s = new Summary(first[0] < 0 ? 1 : first[0], walk.count() == 0 ? 0 : walk.lastSeq(),
                walk.count() == 0 ? null : walk.lastHash(), hashes.toByteArray(), count[0]);
        if (audit != null && !audit.isMissingNode()) {
            long recordedSeq = audit.path("headSeq").asLong(0);
            String recordedHash = audit.path("headHash").isTextual() ? audit.get("headHash").asText() : null;
            if (recordedSeq != s.headSeq() || !java.util.Objects.equals(recordedHash, s.headHash())) {
                problems.add(LOG + ": ends at seq " + s.headSeq() + " (" + s.headHash() + "), but " + META + " records the head seq "
                        + recordedSeq + " (" + recordedHash + ")");
            }
            if (audit.has("chainVerified") && !audit.get("chainVerified").asBoolean()) {
                String why = audit.path("message").isTextual() ? audit.get("message").asText()
                        : "first broken seq " + audit.path("firstBrokenSeq").asText();
                problems.add("audit log: the collector found its audit chain broken when it made this snapshot: " + why);
            }
        }
        if (walk.firstBroken() == null) {
            notes.add("audit log: " + walk.count() + " entries, hash chain recomputed, head seq " + s.headSeq()
                    + (s.headHash() == null ? "" : " (" + s.headHash() + ")"));
        }
        return s;
    }

    @FunctionalInterface
    private interface EntrySink {
        void accept(JsonNode entry);
    }

    /**
     * Feeds the log's entries one by one (only the current line is held); returns false, with the
     * line named in {@code problems}, at a line that is not an audit entry.
     */
    private static boolean forEach(byte[] log, List<String> problems, EntrySink sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(log), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode e = Json.mapper().readTree(line);
                if (!e.path("seq").canConvertToLong() || !e.path("atEpochMs").canConvertToLong() || !e.path("hash").isTextual()) {
                    problems.add(LOG + ": line " + n + " is not an audit entry");
                    return false;
                }
                sink.accept(e);
            }
            return true;
        } catch (IOException e) {
            problems.add(LOG + ": not JSON lines (" + e.getMessage() + ")");
            return false;
        }
    }

    /** Whether {@code later}'s log extends {@code earlier}'s: the same hash at every seq up to the earlier head. */
    public static void checkExtends(Summary later, Summary earlier, String earlierName, List<String> problems, List<String> notes) {
        if (later == null || earlier == null) {
            notes.add("audit log continuity with " + earlierName + " not checked (a log could not be read)");
            return;
        }
        if (earlier.headSeq() == 0) {
            notes.add("audit log continuity: " + earlierName + " had an empty audit log");
            return;
        }
        if (later.headSeq() < earlier.headSeq()) {
            problems.add(LOG + " does not extend the audit log of " + earlierName + ": it ends at seq " + later.headSeq()
                    + ", the earlier snapshot's signed head is seq " + earlier.headSeq() + " (entries removed)");
            return;
        }
        for (long seq = earlier.firstSeq(); seq <= earlier.headSeq(); seq++) {
            String was = earlier.hashAt(seq);
            String now = later.hashAt(seq);
            if (was == null || !was.equals(now)) {
                problems.add(LOG + " does not extend the audit log of " + earlierName + ": seq " + seq + " differs (hash "
                        + was + " there, " + now + " here): the log was rewritten after " + earlierName
                        + (seq == earlier.headSeq() ? "" : " (the earlier snapshot's signed head seq " + earlier.headSeq() + " no longer matches)"));
                return;
            }
        }
        notes.add("audit log extends the one of " + earlierName + " (same hashes up to its head seq " + earlier.headSeq() + ")");
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String reasonOf(String details) {
        try {
            JsonNode d = Json.mapper().readTree(details == null ? "{}" : details);
            return d.path("message").asText(d.path("reason").asText("?"));
        } catch (IOException e) {
            return "?";
        }
    }
}
