package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * The audit log's chain status for the console. Recomputing the whole chain reads every entry
 * (about 0.2 s per 100,000 on this machine), so the audit page does it at most every
 * {@link #FULL_EVERY}; in between it checks only what was appended since the last full run,
 * anchored on the last verified entry (which must still hash to the same value). The page says
 * when the full recomputation ran and has a button to run it now; a broken chain is always
 * recomputed in full, and the export API recomputes it on every export.
 */
@Singleton
public class AuditChainCheck {
    static final Duration FULL_EVERY = Duration.ofMinutes(10);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private Status last;

    public AuditChainCheck(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The chain's state.
     *
     * @param firstBroken the first entry that does not verify; null when the chain does
     * @param entries     entries checked (the newest one's sequence number when the chain verifies)
     * @param fullAt      when the chain was last recomputed from its first entry
     */
    public record Status(boolean verified, Long firstBroken, long entries, long fullAt, long headSeq, String headHash) {
    }

    /** The chain's state, recomputed in full when {@code full} is asked, when due, or when it was broken. */
    public synchronized Status check(boolean full) {
        long now = clock.millis();
        Status previous = last;
        if (full || previous == null || previous.firstBroken() != null || now - previous.fullAt() >= FULL_EVERY.toMillis()) {
            last = db.read(h -> status(audit.verify(h), audit.head(h), now));
            return last;
        }
        Status next = db.read(h -> {
            Optional<AuditLog.Entry> head = audit.head(h);
            if (head.isPresent() && head.get().seq() == previous.headSeq() && head.get().hash().equals(previous.headHash())
                    && audit.verifyAfter(h, previous.headSeq(), previous.headHash()).isEmpty()) {
                return previous;
            }
            Optional<Long> broken = previous.headSeq() == 0 ? audit.verify(h) : audit.verifyAfter(h, previous.headSeq(), previous.headHash());
            // the anchor itself changed (or vanished): find the first broken entry from the start
            return broken.isPresent() && broken.get() == previous.headSeq() ? null : status(broken, head, previous.fullAt());
        });
        last = next != null ? next : db.read(h -> status(audit.verify(h), audit.head(h), now));
        return last;
    }

    private static Status status(Optional<Long> broken, Optional<AuditLog.Entry> head, long fullAt) {
        long seq = head.map(AuditLog.Entry::seq).orElse(0L);
        String hash = head.map(AuditLog.Entry::hash).orElse(null);
        return new Status(broken.isEmpty(), broken.orElse(null), seq, fullAt, seq, hash);
    }
}
