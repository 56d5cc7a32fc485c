package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for the snapshot index and share links. The snapshot files themselves are in {@link SnapshotFiles}. */
@Singleton
public class SnapshotStore {

    /**
     * A stored snapshot.
     *
     * @param trigger        {@code manual} or {@code scheduled}
     * @param manifestSha256 SHA-256 of its manifest.txt: the snapshot's hash, which the next one records
     * @param summary        JSON: each framework's score status and summary at that instant
     * @param auditSeq       the audit log's head when it was made (what its snapshot.json records), null for older ones
     * @param tsaStatus      {@link #TSA_NONE}, {@link #TSA_PENDING} or {@link #TSA_STAMPED}
     * @param tsaTime        the stamped time (epoch ms) once stamped
     */
    public record SnapshotRecord(String id, long seq, long createdAt, String createdBy, String trigger, String note,
                                 String manifestSha256, String previousSha256, String keyFingerprint, String fileName,
                                 long size, int fileCount, int assetCount, int criterionCount, int checkResultCount,
                                 int answerCount, int attachmentCount, int exceptionCount, String summary,
                                 Long auditSeq, String auditHash, String tsaStatus, Long tsaTime, int tsaAttempts, String tsaError) {
        public SnapshotRecord(String id, long seq, long createdAt, String createdBy, String trigger, String note,
                              String manifestSha256, String previousSha256, String keyFingerprint, String fileName,
                              long size, int fileCount, int assetCount, int criterionCount, int checkResultCount,
                              int answerCount, int attachmentCount, int exceptionCount, String summary) {
            this(id, seq, createdAt, createdBy, trigger, note, manifestSha256, previousSha256, keyFingerprint, fileName, size, fileCount,
                    assetCount, criterionCount, checkResultCount, answerCount, attachmentCount, exceptionCount, summary,
                    null, null, TSA_NONE, null, 0, null);
        }
    }

    public static final String TSA_NONE = "none";
    public static final String TSA_PENDING = "pending";
    public static final String TSA_STAMPED = "stamped";

    public void insert(Handle h, SnapshotRecord s) {
        h.createUpdate("INSERT INTO snapshots (id, seq, created_at, created_by, trigger_kind, note, manifest_sha256, previous_sha256, "
                        + "key_fingerprint, file_name, size, file_count, asset_count, criterion_count, check_result_count, answer_count, "
                        + "attachment_count, exception_count, summary, audit_seq, audit_hash, tsa_status, tsa_time, tsa_attempts, tsa_error) "
                        + "VALUES (:id, :seq, :at, :by, :trigger, :note, :manifest, :previous, "
                        + ":key, :file, :size, :files, :assets, :criteria, :results, :answers, :attachments, :exceptions, :summary, "
                        + ":auditSeq, :auditHash, :tsa, :tsaTime, :tsaAttempts, :tsaError)")
                .bind("id", s.id()).bind("seq", s.seq()).bind("at", s.createdAt()).bind("by", s.createdBy())
                .bind("trigger", s.trigger()).bind("note", s.note()).bind("manifest", s.manifestSha256())
                .bind("previous", s.previousSha256()).bind("key", s.keyFingerprint()).bind("file", s.fileName())
                .bind("size", s.size()).bind("files", s.fileCount()).bind("assets", s.assetCount())
                .bind("criteria", s.criterionCount()).bind("results", s.checkResultCount()).bind("answers", s.answerCount())
                .bind("attachments", s.attachmentCount()).bind("exceptions", s.exceptionCount()).bind("summary", s.summary())
                .bind("auditSeq", s.auditSeq()).bind("auditHash", s.auditHash()).bind("tsa", s.tsaStatus()).bind("tsaTime", s.tsaTime())
                .bind("tsaAttempts", s.tsaAttempts()).bind("tsaError", s.tsaError())
                .execute();
    }

    /** Snapshots still waiting for their time stamp, oldest first. */
    public List<SnapshotRecord> pendingTimeStamps(Handle h, int limit) {
        return h.createQuery("SELECT * FROM snapshots WHERE tsa_status = :p ORDER BY seq LIMIT :l").bind("p", TSA_PENDING).bind("l", limit)
                .map((rs, ctx) -> map(rs)).list();
    }

    /** A time stamp joined the stored archive (now {@code size} bytes). */
    public void stamped(Handle h, String id, long time, long size) {
        h.createUpdate("UPDATE snapshots SET tsa_status = :s, tsa_time = :t, size = :size, tsa_error = NULL, tsa_attempts = tsa_attempts + 1 "
                + "WHERE id = :id").bind("s", TSA_STAMPED).bind("t", time).bind("size", size).bind("id", id).execute();
    }

    /** A stamping attempt failed; the snapshot stays pending. */
    public void stampFailed(Handle h, String id, String error) {
        h.createUpdate("UPDATE snapshots SET tsa_attempts = tsa_attempts + 1, tsa_error = :e WHERE id = :id")
                .bind("e", error.length() > 255 ? error.substring(0, 255) : error).bind("id", id).execute();
    }

    public Optional<SnapshotRecord> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM snapshots WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** The snapshot whose manifest hashes to {@code sha256} (the one a later snapshot names as its previous). */
    public Optional<SnapshotRecord> byManifest(Handle h, String sha256) {
        return h.createQuery("SELECT * FROM snapshots WHERE manifest_sha256 = :m").bind("m", sha256).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** The snapshot that names {@code sha256} as its previous one: the next link of the chain. */
    public Optional<SnapshotRecord> byPrevious(Handle h, String sha256) {
        return h.createQuery("SELECT * FROM snapshots WHERE previous_sha256 = :m").bind("m", sha256).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** The newest snapshot: the end of the chain. */
    public Optional<SnapshotRecord> latest(Handle h) {
        return h.createQuery("SELECT * FROM snapshots ORDER BY seq DESC LIMIT 1").map((rs, ctx) -> map(rs)).findFirst();
    }

    /** The newest snapshot taken at or before {@code at} (epoch ms): the evidence of the state at that time. */
    public Optional<SnapshotRecord> latestAtOrBefore(Handle h, long at) {
        return h.createQuery("SELECT * FROM snapshots WHERE created_at <= :at ORDER BY created_at DESC, seq DESC LIMIT 1").bind("at", at)
                .map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Newest first. */
    public List<SnapshotRecord> list(Handle h, int offset, int limit) {
        return h.createQuery("SELECT * FROM snapshots ORDER BY seq DESC LIMIT :l OFFSET :o").bind("l", limit).bind("o", offset)
                .map((rs, ctx) -> map(rs)).list();
    }

    public long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM snapshots").mapTo(Long.class).one();
    }

    private static SnapshotRecord map(ResultSet rs) throws SQLException {
        return new SnapshotRecord(rs.getString("id"), rs.getLong("seq"), rs.getLong("created_at"), rs.getString("created_by"),
                rs.getString("trigger_kind"), rs.getString("note"), rs.getString("manifest_sha256"), rs.getString("previous_sha256"),
                rs.getString("key_fingerprint"), rs.getString("file_name"), rs.getLong("size"), rs.getInt("file_count"),
                rs.getInt("asset_count"), rs.getInt("criterion_count"), rs.getInt("check_result_count"), rs.getInt("answer_count"),
                rs.getInt("attachment_count"), rs.getInt("exception_count"), rs.getString("summary"),
                nullableLong(rs, "audit_seq"), rs.getString("audit_hash"), rs.getString("tsa_status"),
                nullableLong(rs, "tsa_time"), rs.getInt("tsa_attempts"), rs.getString("tsa_error"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    // ---- share links ----

    /** A share link (its token is never stored, only the token's SHA-256). */
    public record Share(String id, String snapshotId, String tokenHash, String createdBy, long createdAt, long expiresAt,
                        String note, Long revokedAt, String revokedBy, int downloads, Long lastUsedAt) {
        public boolean usableAt(long now) {
            return revokedAt == null && expiresAt > now;
        }
    }

    public void insertShare(Handle h, Share s) {
        h.createUpdate("INSERT INTO snapshot_shares (id, snapshot_id, token_hash, created_by, created_at, expires_at, note) "
                        + "VALUES (:id, :snap, :hash, :by, :at, :exp, :note)")
                .bind("id", s.id()).bind("snap", s.snapshotId()).bind("hash", s.tokenHash()).bind("by", s.createdBy())
                .bind("at", s.createdAt()).bind("exp", s.expiresAt()).bind("note", s.note()).execute();
    }

    public Optional<Share> shareByTokenHash(Handle h, String tokenHash) {
        return h.createQuery("SELECT * FROM snapshot_shares WHERE token_hash = :t").bind("t", tokenHash)
                .map((rs, ctx) -> mapShare(rs)).findFirst();
    }

    public Optional<Share> shareById(Handle h, String id) {
        return h.createQuery("SELECT * FROM snapshot_shares WHERE id = :id").bind("id", id).map((rs, ctx) -> mapShare(rs)).findFirst();
    }

    public List<Share> shares(Handle h, String snapshotId) {
        return h.createQuery("SELECT * FROM snapshot_shares WHERE snapshot_id = :s ORDER BY created_at DESC").bind("s", snapshotId)
                .map((rs, ctx) -> mapShare(rs)).list();
    }

    public int revokeShare(Handle h, String id, String by, long at) {
        return h.createUpdate("UPDATE snapshot_shares SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at).bind("by", by).bind("id", id).execute();
    }

    public void shareUsed(Handle h, String id, long at) {
        h.createUpdate("UPDATE snapshot_shares SET downloads = downloads + 1, last_used_at = :at WHERE id = :id")
                .bind("at", at).bind("id", id).execute();
    }

    private static Share mapShare(ResultSet rs) throws SQLException {
        long r = rs.getLong("revoked_at");
        Long revoked = rs.wasNull() ? null : r;
        long u = rs.getLong("last_used_at");
        Long used = rs.wasNull() ? null : u;
        return new Share(rs.getString("id"), rs.getString("snapshot_id"), rs.getString("token_hash"), rs.getString("created_by"),
                rs.getLong("created_at"), rs.getLong("expires_at"), rs.getString("note"), revoked, rs.getString("revoked_by"),
                rs.getInt("downloads"), used);
    }
}
