package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.probes.snapshot.AuditChainWalk;
import jp.akashi.probes.util.Json;

/**
 * Append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash and
 * its own fields, so removing or editing an entry breaks the chain from there on
 * ({@link #verify}). The formula is public, so each append also re-signs the running head
 * ({@link AuditSeals}), which a rewrite with recomputed hashes or a cut tail cannot match
 * ({@link AuditChainStatus} reads both). Entries are appended inside the caller's transaction:
 * the change, its record and the new head are stored together or not at all.
 */
@Singleton
public class AuditLog {
    static final String GENESIS = "0".repeat(64);
    private final Clock clock;
    private final boolean postgres;
    private final AuditSeals seals;

    public AuditLog(Clock clock, Database db, AuditSeals seals) {
        this.clock = clock;
        this.postgres = !db.sqlite();
        this.seals = seals;
    }

    public record Entry(long seq, long at, String actor, String action, String target, String details,
                        String prevHash, String hash) {
    }

    /**
     * Serialises appenders across collector instances until this transaction ends (PostgreSQL; a
     * SQLite write transaction is already alone). Taken first by a writer that decides from the log
     * whether to append ("recorded already?"), so two instances never both decide "not yet".
     */
    public void lockForAppend(Handle h) {
        if (postgres) {
            h.execute("SELECT pg_advisory_xact_lock(7411)");
        }
    }

    /** Appends an entry; {@code details} is stored as JSON. */
    public Entry append(Handle h, String actor, String action, String target, Map<String, ?> details) {
        // seq and prev_hash must be read under the lock
        lockForAppend(h);
        Optional<Entry> last = h.createQuery("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> map(rs)).findFirst();
        long seq = last.map(e -> e.seq() + 1).orElse(1L);
        String prev = last.map(Entry::hash).orElse(GENESIS);
        long at = clock.millis();
        String json = details == null || details.isEmpty() ? null : toJson(details);
        String hash = chainHash(prev, seq, at, actor, action, target, json);
        h.createUpdate("INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash) "
                        + "VALUES (:seq, :at, :actor, :action, :target, :details, :prev, :hash)")
                .bind("seq", seq).bind("at", at).bind("actor", actor).bind("action", action)
                .bind("target", target).bind("details", json).bind("prev", prev).bind("hash", hash)
                .execute();
        // the head moves on only from where it was signed: after a rewrite or a cut, it stays as evidence
        Optional<AuditSeals.Seal> head = seals.head(h);
        if (last.isEmpty() ? head.isEmpty() : seals.headExtends(head, last.get().seq(), last.get().hash())) {
            seals.signHead(h, seq, hash, at);
            if (seq % AuditSeals.CHECKPOINT_EVERY == 0) {
                seals.checkpoint(h, seq, hash, at, AuditSeals.PERIODIC);
            }
        }
        return new Entry(seq, at, actor, action, target, json, prev, hash);
    }

    public List<Entry> page(Handle h, long beforeSeq, int limit) {
        return page(h, Filter.NONE, beforeSeq, limit);
    }

    /**
     * What a page of the log is narrowed to; a null field does not narrow.
     *
     * @param actor  part of the actor, any case ({@code alice} finds {@code user:alice})
     * @param action an action ({@code snapshot.create}) or a group of them ({@code snapshot})
     * @param fromAt first instant included (epoch ms)
     * @param toAt   first instant no longer included (epoch ms)
     */
    public record Filter(String actor, String action, Long fromAt, Long toAt) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** Entries older than {@code beforeSeq} that match {@code f}, newest first. */
    public List<Entry> page(Handle h, Filter f, long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE seq < :before");
        if (f.actor() != null) {
            sql.append(" AND LOWER(actor) LIKE :actor ESCAPE '!'");
        }
        if (f.action() != null) {
            sql.append(" AND (action = :action OR action LIKE :group ESCAPE '!')");
        }
        if (f.fromAt() != null) {
            sql.append(" AND at >= :from");
        }
        if (f.toAt() != null) {
            sql.append(" AND at < :to");
        }
        var q = h.createQuery(sql.append(" ORDER BY seq DESC LIMIT :limit").toString()).bind("before", beforeSeq).bind("limit", limit);
        if (f.actor() != null) {
            q.bind("actor", "%" + likeEscape(f.actor().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (f.action() != null) {
            q.bind("action", f.action()).bind("group", likeEscape(f.action()) + ".%");
        }
        if (f.fromAt() != null) {
            q.bind("from", f.fromAt());
        }
        if (f.toAt() != null) {
            q.bind("to", f.toAt());
        }
        return q.map((rs, ctx) -> map(rs)).list();
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The newest entry: its hash stands for the whole log up to it. */
    public Optional<Entry> head(Handle h) {
        return h.createQuery("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").map((rs, ctx) -> map(rs)).findFirst();
    }

    public long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one();
    }

    /** Receives entries one by one (exports write them out as they come). */
    @FunctionalInterface
    public interface EntrySink {
        void accept(Entry e) throws java.io.IOException;
    }

    /** Streams every entry in order, oldest first, without holding the log in memory. */
    public void forEach(Handle h, EntrySink sink) throws java.io.IOException {
        try (var it = h.createQuery("SELECT * FROM audit_log ORDER BY seq").map((rs, ctx) -> map(rs)).iterator()) {
            while (it.hasNext()) {
                sink.accept(it.next());
            }
        }
    }

    /** Streams the entries after {@code afterSeq} in order. */
    public void forEachAfter(Handle h, long afterSeq, EntrySink sink) throws java.io.IOException {
        try (var it = h.createQuery("SELECT * FROM audit_log WHERE seq > :after ORDER BY seq").bind("after", afterSeq)
                .map((rs, ctx) -> map(rs)).iterator()) {
            while (it.hasNext()) {
                sink.accept(it.next());
            }
        }
    }

    /** Re-computes the chain; returns the first sequence number that does not verify, or empty. */
    public Optional<Long> verify(Handle h) {
        return walk(h, 0, GENESIS);
    }

    /**
     * Re-computes the chain after entry {@code seq}, which an earlier {@link #verify} found to hash
     * to {@code hash}: that entry must still hash to it (recomputed from its fields), and every later
     * entry must follow from it. Returns the first sequence number that does not verify (the entry
     * {@code seq} itself when it changed), or empty. Cheap when few entries were added since.
     */
    public Optional<Long> verifyAfter(Handle h, long seq, String hash) {
        if (seq < 1) {
            return verify(h);
        }
        Optional<Entry> anchor = h.createQuery("SELECT * FROM audit_log WHERE seq = :s").bind("s", seq).map((rs, ctx) -> map(rs)).findFirst();
        if (anchor.isEmpty() || !anchor.get().hash().equals(hash) || !hash.equals(chainHash(anchor.get().prevHash(), seq,
                anchor.get().at(), anchor.get().actor(), anchor.get().action(), anchor.get().target(), anchor.get().details()))) {
            return Optional.of(seq);
        }
        return walk(h, seq, hash);
    }

    /** Checks the entries after {@code afterSeq} in order, starting from the hash {@code prev} of that entry. */
    private Optional<Long> walk(Handle h, long afterSeq, String prev) {
        long expectedSeq = afterSeq + 1;
        try (var it = h.createQuery("SELECT * FROM audit_log WHERE seq > :after ORDER BY seq").bind("after", afterSeq)
                .map((rs, ctx) -> map(rs)).iterator()) {
            while (it.hasNext()) {
                Entry e = it.next();
                if (e.seq() != expectedSeq || !e.prevHash().equals(prev)
                        || !e.hash().equals(chainHash(prev, e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details()))) {
                    return Optional.of(e.seq());
                }
                prev = e.hash();
                expectedSeq++;
            }
        }
        return Optional.empty();
    }

    static String chainHash(String prev, long seq, long at, String actor, String action, String target, String details) {
        return AuditChainWalk.hash(prev, seq, at, actor, action, target, details);
    }

    /** The entry at {@code seq}, if it is there. */
    public Optional<Entry> at(Handle h, long seq) {
        return h.createQuery("SELECT * FROM audit_log WHERE seq = :s").bind("s", seq).map((rs, ctx) -> map(rs)).findFirst();
    }

    private static String toJson(Map<String, ?> details) {
        try {
            return Json.mapper().writeValueAsString(details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("audit details not serialisable", e);
        }
    }

    private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), rs.getLong("at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
