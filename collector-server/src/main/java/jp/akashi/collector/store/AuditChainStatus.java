package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.probes.snapshot.AuditChainWalk;

/**
 * The audit chain's state with the reason when it does not verify. The recomputed chain alone
 * only shows edits that left the later hashes alone; what else is checked:
 * <ol>
 * <li>every snapshot's recorded audit head (the entry at that seq must still have that hash):
 *     "rewritten since snapshot N", "entries removed after seq S";</li>
 * <li>the signed checkpoints and the signed running head ({@link AuditSeals}), which nobody
 *     without the signing key can re-make for a recomputed chain or a cut tail;</li>
 * <li>a detection recorded in the log ({@link #BROKEN_ACTION}) stays a broken chain until an
 *     admin's repair entry ({@link AuditChainWalk#REPAIR_ACTION}) acknowledges it.</li>
 * </ol>
 * A repair is sealed by a checkpoint: it accepts exactly the breaks it lists, and the anchors
 * before it (which the repaired log can no longer match) give way to its own.
 */
@Singleton
public class AuditChainStatus {
    public static final String BROKEN_ACTION = "audit.chain_broken";

    private final AuditLog audit;
    private final AuditSeals seals;

    public AuditChainStatus(AuditLog audit, AuditSeals seals) {
        this.audit = audit;
        this.seals = seals;
    }

    /**
     * The chain's state.
     *
     * @param reason          null when verified; else a code ({@code rewritten_since_snapshot}, {@code entries_removed}, …)
     * @param firstBrokenSeq  the entry where it fails, when one can be named
     * @param snapshotSeq     the snapshot whose recorded head no longer matches, if that is the reason
     * @param message         the reason in English (API, export header)
     * @param messageJa       the reason in Japanese
     * @param headSeq         the newest entry's seq (0 for an empty log)
     * @param repairedAtSeq   the newest repair entry in effect, or null
     */
    public record Status(boolean verified, String reason, Long firstBrokenSeq, Long snapshotSeq, String message, String messageJa,
                         long headSeq, String headHash, Long repairedAtSeq) {
        static Status broken(String reason, Long seq, Long snapshot, String en, String ja, Optional<AuditLog.Entry> head, Long repaired) {
            return new Status(false, reason, seq, snapshot, en, ja, head.map(AuditLog.Entry::seq).orElse(0L),
                    head.map(AuditLog.Entry::hash).orElse(null), repaired);
        }

        /** For the export header: ASCII, one line. */
        public String header() {
            return verified ? "verified" : "broken" + (firstBrokenSeq == null ? "" : " at seq " + firstBrokenSeq) + ": " + message;
        }
    }

    /** Where a walk may start instead of the first entry: an entry found good by an earlier full walk. */
    public record Anchor(long seq, String hash) {
    }

    /** The full check, the walk from the first entry. */
    public Status check(Handle h) {
        return check(h, null);
    }

    /**
     * The check in a read transaction of its own: every query sees the same state, so an append
     * committed half-way through is never taken for a cut or a rewrite.
     */
    public Status check(Database db, Anchor from) {
        return consistently(db, h -> check(h, from));
    }

    /** Runs {@code read} in one read transaction (SQLite WAL; PostgreSQL REPEATABLE READ). */
    public static <T> T consistently(Database db, java.util.function.Function<Handle, T> read) {
        try (Handle h = db.open()) {
            if (!db.sqlite()) {
                h.setTransactionIsolationLevel(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ);
            }
            h.begin();
            try {
                return read.apply(h);
            } finally {
                h.rollback();
            }
        }
    }

    /**
     * The check with the walk starting after {@code from} (which must still hash the same); the
     * anchors, seals and recorded detections are checked in full every time (they are few).
     */
    public Status check(Handle h, Anchor from) {
        Optional<AuditLog.Entry> head = audit.head(h);
        List<AuditSeals.Seal> checkpoints = seals.checkpoints(h);
        Repair repair = repair(h, checkpoints);
        Long repaired = repair == null ? null : repair.seq();
        long floor = repair == null ? 0 : repair.seq();

        // 1. what the snapshots recorded, oldest first: the first that no longer matches names the rewrite
        List<Map<String, Object>> anchors = h.createQuery("SELECT s.seq AS snapshot, s.audit_seq AS seq, s.audit_hash AS hash, "
                + "l.hash AS now FROM snapshots s LEFT JOIN audit_log l ON l.seq = s.audit_seq "
                + "WHERE s.audit_seq IS NOT NULL AND s.audit_seq > 0 AND s.audit_seq >= :floor ORDER BY s.seq").bind("floor", floor)
                .mapToMap().list();
        for (Map<String, Object> a : anchors) {
            long snapshot = ((Number) a.get("snapshot")).longValue();
            long seq = ((Number) a.get("seq")).longValue();
            String hash = (String) a.get("hash");
            String now = (String) a.get("now");
            if (now == null) {
                long last = lastBelow(h, seq);
                return Status.broken("entries_removed", last + 1, snapshot,
                        "entries removed after seq " + last + " (snapshot " + snapshot + " recorded the log up to seq " + seq + ")",
                        "番号 " + last + " より後の記録が削除されています（スナップショット " + snapshot + " は番号 " + seq + " まで記録していました）",
                        head, repaired);
            }
            if (!now.equals(hash)) {
                return Status.broken("rewritten_since_snapshot", firstDifference(h, checkpoints, seq), snapshot,
                        "rewritten since snapshot " + snapshot + ": entry seq " + seq + " no longer has the hash that snapshot recorded",
                        "スナップショット " + snapshot + " の作成後に書き換えられています: 番号 " + seq + " の記録のハッシュがスナップショットの記録と一致しません",
                        head, repaired);
            }
        }

        // 2. signed checkpoints (with the log's hash at each, in one read)
        Map<Long, String> logHashAt = new java.util.HashMap<>();
        h.createQuery("SELECT c.seq, l.hash FROM audit_checkpoints c LEFT JOIN audit_log l ON l.seq = c.seq")
                .map((rs, ctx) -> new Object[]{rs.getLong(1), rs.getString(2)}).forEach(r -> logHashAt.put((Long) r[0], (String) r[1]));
        for (AuditSeals.Seal c : checkpoints) {
            if (c.seq() < floor) {
                continue;
            }
            if (!seals.valid(c)) {
                return Status.broken("seal_invalid", c.seq(), null,
                        "the signed checkpoint at seq " + c.seq() + " does not verify with the collector's key",
                        "番号 " + c.seq() + " の署名付きチェックポイントが収集サーバーの鍵で検証できません", head, repaired);
            }
            String now = logHashAt.get(c.seq());
            if (now == null) {
                long last = lastBelow(h, c.seq());
                return Status.broken("entries_removed", last + 1, null,
                        "entries removed after seq " + last + " (a signed checkpoint covers seq " + c.seq() + ")",
                        "番号 " + last + " より後の記録が削除されています（署名付きチェックポイントは番号 " + c.seq() + " を含みます）", head, repaired);
            }
            if (!now.equals(c.hash())) {
                return Status.broken("rewritten", c.seq(), null,
                        "rewritten: entry seq " + c.seq() + " no longer has the hash of the signed checkpoint there",
                        "書き換えられています: 番号 " + c.seq() + " の記録が署名付きチェックポイントのハッシュと一致しません", head, repaired);
            }
        }

        // 3. the signed running head
        Optional<AuditSeals.Seal> signed = seals.head(h);
        if (signed.isEmpty()) {
            if (head.isPresent()) {
                return Status.broken("head_missing", null, null, "the signed head of the log is missing (" + head.get().seq() + " entries unsigned)",
                        "監査ログの署名付き先頭がありません（" + head.get().seq() + " 件が署名されていません）", head, repaired);
            }
        } else {
            AuditSeals.Seal s = signed.get();
            if (!seals.valid(s)) {
                return Status.broken("seal_invalid", s.seq(), null, "the signed head (seq " + s.seq() + ") does not verify with the collector's key",
                        "署名付き先頭（番号 " + s.seq() + "）が収集サーバーの鍵で検証できません", head, repaired);
            }
            Optional<AuditLog.Entry> e = audit.at(h, s.seq());
            long last = head.map(AuditLog.Entry::seq).orElse(0L);
            if (e.isEmpty()) {
                long below = lastBelow(h, s.seq());
                return Status.broken("entries_removed", below + 1, null,
                        "entries removed after seq " + below + " (the signed head is seq " + s.seq() + ")",
                        "番号 " + below + " より後の記録が削除されています（署名付き先頭は番号 " + s.seq() + "）", head, repaired);
            }
            if (!e.get().hash().equals(s.hash())) {
                return Status.broken("rewritten", firstDifference(h, checkpoints, s.seq()), null,
                        "rewritten: entry seq " + s.seq() + " no longer has the hash of the signed head (hashes were recomputed)",
                        "書き換えられています: 番号 " + s.seq() + " の記録が署名付き先頭のハッシュと一致しません（ハッシュが再計算されています）", head, repaired);
            }
            if (last > s.seq()) {
                return Status.broken("unsigned_entries", s.seq() + 1, null,
                        "entries after seq " + s.seq() + " are not covered by the signed head (not appended by the collector)",
                        "番号 " + s.seq() + " より後の記録は署名付き先頭に含まれていません（収集サーバーが追記したものではありません）", head, repaired);
            }
        }

        // 4. the chain recomputed
        AuditChainWalk walk = walk(h, from, repair);
        if (walk.firstBroken() != null) {
            long seq = walk.firstBroken();
            return walk.firstBrokenIsGap()
                    ? Status.broken("entries_missing", seq, null, "entries missing before seq " + seq,
                    "番号 " + seq + " の前の記録が削除されています", head, repaired)
                    : Status.broken("entry_changed", seq, null, "entry seq " + seq + " does not match its hash (changed in the database)",
                    "番号 " + seq + " の記録がハッシュと一致しません（データベース上で変更されています）", head, repaired);
        }

        // 5. a detection recorded and not yet repaired
        Optional<AuditLog.Entry> recorded = h.createQuery("SELECT seq FROM audit_log WHERE action = :a AND seq > :r ORDER BY seq DESC LIMIT 1")
                .bind("a", BROKEN_ACTION).bind("r", floor).mapTo(Long.class).findFirst().flatMap(seq -> audit.at(h, seq));
        if (recorded.isPresent()) {
            String what = detail(recorded.get().details(), "message");
            String whatJa = detail(recorded.get().details(), "messageJa");
            return Status.broken("recorded_break", recorded.get().seq(), null,
                    "a break recorded at seq " + recorded.get().seq() + " is not repaired: " + what,
                    "番号 " + recorded.get().seq() + " で記録された連鎖の破損が修復されていません: " + whatJa, head, repaired);
        }
        return new Status(true, null, null, null, null, null, head.map(AuditLog.Entry::seq).orElse(0L),
                head.map(AuditLog.Entry::hash).orElse(null), repaired);
    }

    /** Every break of the chain now, for a repair to list (accepted ones included). */
    public List<AuditChainWalk.Accepted> breaks(Handle h) {
        return walk(h, null, null).breaks();
    }

    private AuditChainWalk walk(Handle h, Anchor from, Repair repair) {
        AuditChainWalk w = new AuditChainWalk(repair == null ? Map.of() : repair.accepted());
        long after = 0;
        if (from != null && from.seq() > 0) {
            Optional<AuditLog.Entry> a = audit.at(h, from.seq());
            if (a.isPresent() && a.get().hash().equals(from.hash()) && from.hash().equals(AuditChainWalk.hash(a.get().prevHash(),
                    a.get().seq(), a.get().at(), a.get().actor(), a.get().action(), a.get().target(), a.get().details()))) {
                w.startAfter(from.seq(), from.hash());
                after = from.seq();
            }
        }
        try {
            audit.forEachAfter(h, after, e -> w.next(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details(), e.prevHash(), e.hash()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w;
    }

    /** The newest repair sealed by a valid checkpoint, with the breaks it accepts. */
    private record Repair(long seq, Map<Long, AuditChainWalk.Accepted> accepted) {
    }

    private Repair repair(Handle h, List<AuditSeals.Seal> checkpoints) {
        for (int i = checkpoints.size() - 1; i >= 0; i--) {
            AuditSeals.Seal c = checkpoints.get(i);
            if (!AuditSeals.REPAIR.equals(c.kind()) || !seals.valid(c)) {
                continue;
            }
            Optional<AuditLog.Entry> e = audit.at(h, c.seq());
            if (e.isPresent() && e.get().hash().equals(c.hash()) && AuditChainWalk.REPAIR_ACTION.equals(e.get().action())) {
                return new Repair(c.seq(), AuditChainWalk.acceptedBy(c.seq(), e.get().details()));
            }
        }
        return null;
    }

    /** The first checkpoint at or before {@code limit} that no longer matches (where a rewrite began at the latest), or {@code limit}. */
    private long firstDifference(Handle h, List<AuditSeals.Seal> checkpoints, long limit) {
        for (AuditSeals.Seal c : checkpoints) {
            if (c.seq() <= limit && audit.at(h, c.seq()).map(e -> !e.hash().equals(c.hash())).orElse(true)) {
                return c.seq();
            }
        }
        return limit;
    }

    private static long lastBelow(Handle h, long seq) {
        return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE seq < :s").bind("s", seq).mapTo(Long.class).one();
    }

    private static String detail(String json, String field) {
        try {
            return jp.akashi.probes.util.Json.mapper().readTree(json == null ? "{}" : json).path(field).asText("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
