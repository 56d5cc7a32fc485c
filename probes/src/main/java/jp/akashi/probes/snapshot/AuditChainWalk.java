package jp.akashi.probes.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.util.Json;

/**
 * Recomputes the audit log's hash chain entry by entry, oldest first, for the collector (from the
 * database) and for the offline verifier (from a snapshot's {@code data/audit-log.jsonl}):
 * {@code hash = SHA-256(prevHash \n seq \n atEpochMs \n actor \n action \n target \n details)}.
 * An entry that does not follow from the one before (edited in place, or entries missing before
 * it) breaks the chain, unless a repair entry ({@link #REPAIR_ACTION}) accepted exactly that entry
 * as it is now; the walk then goes on from the entry's stored hash, so every break is found.
 */
public final class AuditChainWalk {
    public static final String GENESIS = "0".repeat(64);
    /** The entry an admin's repair appends; its details list the breaks it accepts. */
    public static final String REPAIR_ACTION = "audit.chain_repaired";
    /** At most this many breaks are listed (a repair accepts them; more means the log is beyond repair by listing). */
    public static final int MAX_BREAKS = 10_000;

    /** A break a repair accepted: entry {@code seq} recomputes to {@code hash} from its stored fields and stores {@code stored}. */
    public record Accepted(long seq, String hash, String stored) {
    }

    private final Map<Long, Accepted> accepted;
    private final List<Accepted> breaks = new ArrayList<>();
    private String prev = GENESIS;
    private long expected = 1;
    private Long firstBroken;
    private boolean firstBrokenIsGap;
    private long count;
    private long lastSeq;
    private String lastHash;

    public AuditChainWalk(Map<Long, Accepted> accepted) {
        this.accepted = accepted == null ? Map.of() : accepted;
    }

    /** Starts after entry {@code seq}, which hashes to {@code hash} (an anchor checked before). */
    public AuditChainWalk startAfter(long seq, String hash) {
        this.expected = seq + 1;
        this.prev = hash;
        this.lastSeq = seq;
        this.lastHash = hash;
        return this;
    }

    public static String hash(String prev, long seq, long at, String actor, String action, String target, String details) {
        return hash(sha256(), prev, seq, at, actor, action, target, details);
    }

    private static String hash(java.security.MessageDigest md, String prev, long seq, long at, String actor, String action,
                               String target, String details) {
        String s = prev + "\n" + seq + "\n" + at + "\n" + actor + "\n" + action + "\n"
                + (target == null ? "" : target) + "\n" + (details == null ? "" : details);
        return java.util.HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One digest for the whole walk (looking the algorithm up per entry costs more than hashing it). */
    private final java.security.MessageDigest md = sha256();

    /** The bytes a seal (signed head or checkpoint) signs: one entry's place and hash, which commits to all before it. */
    public static byte[] sealMessage(long seq, String hash) {
        return ("akashi-audit-seal 1\nseq " + seq + "\nhash " + hash + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Feeds the next entry; returns whether the chain still verifies up to it. */
    public boolean next(long seq, long at, String actor, String action, String target, String details, String prevHash, String hash) {
        count++;
        boolean follows = seq == expected && prev.equals(prevHash) && hash != null
                && hash.equals(hash(md, prev, seq, at, actor, action, target, details));
        if (!follows) {
            String own = prevHash == null ? null : hash(md, prevHash, seq, at, actor, action, target, details);
            if (breaks.size() < MAX_BREAKS) {
                breaks.add(new Accepted(seq, own, hash));
            }
            Accepted a = accepted.get(seq);
            boolean ok = a != null && a.hash().equals(own) && a.stored().equals(hash);
            if (!ok && firstBroken == null) {
                firstBroken = seq;
                firstBrokenIsGap = seq != expected;
            }
        }
        prev = hash == null ? "" : hash;
        expected = seq + 1;
        lastSeq = seq;
        lastHash = hash;
        return firstBroken == null;
    }

    /** The first entry that breaks the chain and no repair accepted, or null. */
    public Long firstBroken() {
        return firstBroken;
    }

    /** Whether that first break is a gap in the sequence numbers (entries removed before it). */
    public boolean firstBrokenIsGap() {
        return firstBrokenIsGap;
    }

    /** Every entry that does not follow from the one before, accepted or not (what a repair lists). */
    public List<Accepted> breaks() {
        return Collections.unmodifiableList(breaks);
    }

    public long count() {
        return count;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public String lastHash() {
        return lastHash;
    }

    /** The breaks a repair entry's details accept (its "accepted" list); empty when there is none or it cannot be read. */
    public static Map<Long, Accepted> acceptedBy(long repairSeq, String details) {
        Map<Long, Accepted> out = new LinkedHashMap<>();
        if (details == null) {
            return out;
        }
        try {
            JsonNode list = Json.mapper().readTree(details).path("accepted");
            for (JsonNode n : list) {
                long seq = n.path("seq").asLong(-1);
                // a repair can only accept what came before it
                if (seq > 0 && seq < repairSeq && n.path("hash").isTextual() && n.path("stored").isTextual()) {
                    out.put(seq, new Accepted(seq, n.get("hash").asText(), n.get("stored").asText()));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return new LinkedHashMap<>();
        }
        return out;
    }
}
