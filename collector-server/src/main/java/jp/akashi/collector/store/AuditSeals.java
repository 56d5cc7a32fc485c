package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.snapshot.SigningKey;
import jp.akashi.probes.snapshot.AuditChainWalk;
import jp.akashi.probes.snapshot.SnapshotKeys;

/**
 * Ed25519 seals over the audit chain, made with the snapshot signing key (which is in the data
 * directory, not in the database): the running head, re-signed with every append, and checkpoints
 * (every {@link #CHECKPOINT_EVERY} entries, at each snapshot, sealing and repair). A seal signs
 * {@link AuditChainWalk#sealMessage} for one entry, which through the chain commits to every entry
 * before it; so recomputing hashes, or cutting the tail, is seen without the key to re-sign.
 */
@Singleton
public class AuditSeals {
    public static final int CHECKPOINT_EVERY = 1000;
    public static final String PERIODIC = "periodic";
    public static final String SNAPSHOT = "snapshot";
    public static final String SEALING = "sealing";
    public static final String REPAIR = "repair";

    private final SigningKey key;
    /** The head this collector signed last: an unchanged head need not be verified again on the next append. */
    private volatile Seal lastSigned;
    /** Seals whose signature verified once (a check reads every checkpoint; Ed25519 verification is the costly part). */
    private final java.util.Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AuditSeals(SigningKey key) {
        this.key = key;
    }

    /** A signed (seq, hash). */
    public record Seal(long seq, String hash, long at, String kind, String keyFingerprint, String signature) {
    }

    public Optional<Seal> head(Handle h) {
        return h.createQuery("SELECT * FROM audit_head WHERE id = 1").map((rs, ctx) -> new Seal(rs.getLong("seq"), rs.getString("hash"),
                rs.getLong("at"), "head", rs.getString("key_fingerprint"), rs.getString("signature"))).findFirst();
    }

    /** Every checkpoint, oldest first (a few per thousand entries). */
    public List<Seal> checkpoints(Handle h) {
        return h.createQuery("SELECT * FROM audit_checkpoints ORDER BY seq").map((rs, ctx) -> new Seal(rs.getLong("seq"),
                rs.getString("hash"), rs.getLong("at"), rs.getString("kind"), rs.getString("key_fingerprint"),
                rs.getString("signature"))).list();
    }

    /**
     * Whether {@code head} is what this collector signed and the chain's newest entry before the
     * append ({@code lastSeq}, {@code lastHash}) is exactly it: only then may the head move on.
     */
    public boolean headExtends(Optional<Seal> head, long lastSeq, String lastHash) {
        if (head.isEmpty()) {
            return false;
        }
        Seal s = head.get();
        if (s.seq() != lastSeq || !s.hash().equals(lastHash)) {
            return false;
        }
        Seal known = lastSigned;
        return s.equals(known) || valid(s);
    }

    /** Signs {@code (seq, hash)} as the new head. */
    public void signHead(Handle h, long seq, String hash, long at) {
        Seal s = seal(seq, hash, at, "head");
        int n = h.createUpdate("UPDATE audit_head SET seq = :seq, hash = :hash, at = :at, key_fingerprint = :key, signature = :sig "
                + "WHERE id = 1").bind("seq", seq).bind("hash", hash).bind("at", at).bind("key", s.keyFingerprint())
                .bind("sig", s.signature()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO audit_head (id, seq, hash, at, key_fingerprint, signature) VALUES (1, :seq, :hash, :at, :key, :sig)")
                    .bind("seq", seq).bind("hash", hash).bind("at", at).bind("key", s.keyFingerprint()).bind("sig", s.signature())
                    .execute();
        }
        lastSigned = s;
        verified.add(s.seq() + " " + s.hash() + " " + s.signature());
    }

    /** Records a signed checkpoint at {@code seq} (kept as it is when one exists there already). */
    public void checkpoint(Handle h, long seq, String hash, long at, String kind) {
        if (h.createQuery("SELECT COUNT(*) FROM audit_checkpoints WHERE seq = :s").bind("s", seq).mapTo(Long.class).one() > 0) {
            return;
        }
        Seal s = seal(seq, hash, at, kind);
        h.createUpdate("INSERT INTO audit_checkpoints (seq, hash, at, kind, key_fingerprint, signature) "
                        + "VALUES (:seq, :hash, :at, :kind, :key, :sig)")
                .bind("seq", seq).bind("hash", hash).bind("at", at).bind("kind", kind).bind("key", s.keyFingerprint())
                .bind("sig", s.signature()).execute();
    }

    /** Whether the seal's signature verifies with this collector's key. */
    public boolean valid(Seal s) {
        if (s.signature() == null || !s.signature().matches("[0-9a-f]{128}") || s.hash() == null) {
            return false;
        }
        String id = s.seq() + " " + s.hash() + " " + s.signature();
        if (verified.contains(id)) {
            return true;
        }
        boolean ok = key.fingerprint().equals(s.keyFingerprint())
                && SnapshotKeys.verify(key.publicKey(), AuditChainWalk.sealMessage(s.seq(), s.hash()), HexFormat.of().parseHex(s.signature()));
        if (ok && verified.size() < 100_000) {
            verified.add(id);
        }
        return ok;
    }

    private Seal seal(long seq, String hash, long at, String kind) {
        try {
            byte[] sig = key.sign(AuditChainWalk.sealMessage(seq, hash));
            return new Seal(seq, hash, at, kind, key.fingerprint(), HexFormat.of().formatHex(sig));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("audit seal could not be signed: " + e.getMessage(), e);
        }
    }
}
