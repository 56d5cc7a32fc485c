package jp.akashi.collector.store;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.Refusal;
import jp.akashi.probes.snapshot.AuditChainWalk;

/**
 * The audit chain's status for the console, the API and the exports ({@link AuditChainStatus}).
 * Recomputing the whole chain reads every entry (about 0.2 s per 100,000 on this machine), so the
 * console does it at most every {@link #FULL_EVERY} and in between walks only what was appended
 * since the last full run; the anchors and seals are checked on every call. A break found is
 * recorded in the log itself ({@link AuditChainStatus#BROKEN_ACTION}, once per reason) and stays
 * reported until an admin's {@link #repair} appends a dedicated, sealed repair entry: nothing is
 * ever rewritten. At start, a log written before seals existed is sealed once, visibly.
 */
@Singleton
public class AuditChainMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainMonitor.class);
    static final Duration FULL_EVERY = Duration.ofMinutes(10);
    public static final String SEALED_ACTION = "audit.chain_sealed";
    public static final String MONITOR_ACTOR = "system:audit-check";

    private final Database db;
    private final AuditLog audit;
    private final AuditSeals seals;
    private final AuditChainStatus status;
    private final Clock clock;
    private View last;

    public AuditChainMonitor(Database db, AuditLog audit, AuditSeals seals, AuditChainStatus status, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.seals = seals;
        this.status = status;
        this.clock = clock;
    }

    /** The status and when the chain was last walked from its first entry. */
    public record View(AuditChainStatus.Status status, long fullAt) {
        public boolean verified() {
            return status.verified();
        }

        public Long firstBroken() {
            return status.firstBrokenSeq();
        }

        public long entries() {
            return status.headSeq();
        }
    }

    /** The chain's status, walked from the first entry when {@code full} is asked, when due, or when it was broken. */
    public synchronized View check(boolean full) {
        long now = clock.millis();
        View previous = last;
        boolean walkAll = full || previous == null || !previous.verified() || now - previous.fullAt() >= FULL_EVERY.toMillis();
        AuditChainStatus.Anchor from = walkAll || previous.status().headSeq() == 0 ? null
                : new AuditChainStatus.Anchor(previous.status().headSeq(), previous.status().headHash());
        AuditChainStatus.Status s = status.check(db, from);
        last = new View(s, walkAll ? now : previous.fullAt());
        record(s);
        return last;
    }

    /**
     * Records a detected break in the log, unless the same reason was recorded since the last
     * repair (the recorded entry keeps the status broken until the repair).
     */
    public void record(AuditChainStatus.Status s) {
        if (s.verified() || "recorded_break".equals(s.reason())) {
            return;
        }
        db.write(h -> {
            // another instance may find the same break at the same moment: decide under the append lock
            audit.lockForAppend(h);
            Long floor = h.createQuery("SELECT MAX(seq) FROM audit_log WHERE action = :a").bind("a", AuditChainWalk.REPAIR_ACTION)
                    .mapTo(Long.class).findOne().orElse(null);
            List<String> logged = h.createQuery("SELECT details FROM audit_log WHERE action = :a AND seq > :f")
                    .bind("a", AuditChainStatus.BROKEN_ACTION).bind("f", floor == null ? 0 : floor).mapTo(String.class).list();
            String key = "\"reason\":\"" + s.reason() + "\"";
            if (logged.stream().anyMatch(d -> d != null && d.contains(key) && d.contains("\"firstBrokenSeq\":" + s.firstBrokenSeq()))) {
                return null;
            }
            Map<String, Object> d = details(s);
            audit.append(h, MONITOR_ACTOR, AuditChainStatus.BROKEN_ACTION, s.firstBrokenSeq() == null ? null : "seq:" + s.firstBrokenSeq(), d);
            LOG.error("audit log hash chain broken: {}", s.message());
            return null;
        });
    }

    /**
     * Acknowledges the current break: appends a repair entry listing the reason and every entry
     * that does not follow from the one before (so exactly those are accepted, as they are now),
     * and seals it with a checkpoint and a new signed head. Refused when the chain verifies.
     */
    public AuditLog.Entry repair(String actor, String note) {
        if (note == null || note.isBlank() || note.length() > 1000) {
            throw Refusal.badRequest("note: say why the break is acknowledged (1 to 1000 characters)",
                    "メモ（修復の理由）を 1〜1000 文字で入力してください");
        }
        AuditLog.Entry e;
        synchronized (this) {
            e = db.write(h -> {
                AuditChainStatus.Status s = status.check(h);
                if (s.verified()) {
                    throw Refusal.conflict("the audit chain verifies: nothing to repair", "監査ログのハッシュ連鎖は検証済みです。修復するものはありません");
                }
                Map<String, Object> d = details(s);
                d.put("note", note.strip());
                List<Map<String, Object>> accepted = status.breaks(h).stream().map(b -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("seq", b.seq());
                    m.put("hash", b.hash());
                    m.put("stored", b.stored());
                    return m;
                }).toList();
                d.put("accepted", accepted);
                Optional<AuditSeals.Seal> head = seals.head(h);
                d.put("signedHeadSeq", head.map(AuditSeals.Seal::seq).orElse(null));
                d.put("signedHeadHash", head.map(AuditSeals.Seal::hash).orElse(null));
                AuditLog.Entry r = audit.append(h, actor, AuditChainWalk.REPAIR_ACTION, s.firstBrokenSeq() == null ? null
                        : "seq:" + s.firstBrokenSeq(), d);
                seals.signHead(h, r.seq(), r.hash(), r.at());
                seals.checkpoint(h, r.seq(), r.hash(), r.at(), AuditSeals.REPAIR);
                return r;
            });
            last = null;
        }
        LOG.warn("audit log hash chain repaired by {} at seq {}", actor, e.seq());
        return e;
    }

    /** A signed checkpoint at the current head (a snapshot anchors the log there). */
    public void checkpointHead(Handle h, String kind) {
        audit.head(h).ifPresent(e -> {
            if (seals.headExtends(seals.head(h), e.seq(), e.hash())) {
                seals.checkpoint(h, e.seq(), e.hash(), e.at(), kind);
            }
        });
    }

    /** Seals, once and visibly, a log that was written before this version signed its head. */
    @EventListener
    public void onStartup(StartupEvent event) {
        db.write(h -> {
            audit.lockForAppend(h); // two instances starting together seal once
            boolean unsealed = seals.head(h).isEmpty() && audit.head(h).isPresent() && seals.checkpoints(h).isEmpty()
                    && h.createQuery("SELECT COUNT(*) FROM snapshots WHERE audit_seq IS NOT NULL").mapTo(Long.class).one() == 0;
            if (!unsealed) {
                return null;
            }
            long entries = audit.count(h);
            AuditLog.Entry last = audit.head(h).orElseThrow();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("entries", entries);
            d.put("headSeq", last.seq());
            d.put("headHash", last.hash());
            d.put("message", "the log up to seq " + last.seq() + " was written before the collector signed its head; sealed now");
            AuditLog.Entry e = audit.append(h, "system", SEALED_ACTION, null, d);
            seals.signHead(h, e.seq(), e.hash(), e.at());
            seals.checkpoint(h, e.seq(), e.hash(), e.at(), AuditSeals.SEALING);
            LOG.info("audit log sealed at seq {} ({} entries written before seals existed)", e.seq(), entries);
            return null;
        });
    }

    private static Map<String, Object> details(AuditChainStatus.Status s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reason", s.reason());
        d.put("firstBrokenSeq", s.firstBrokenSeq());
        d.put("snapshotSeq", s.snapshotSeq());
        d.put("message", s.message());
        d.put("messageJa", s.messageJa());
        return d;
    }
}
