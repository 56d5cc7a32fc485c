package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.evaluate.PendingEvaluations;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.Text;
import jp.akashi.collector.store.AuditChainMonitor;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.AuditSeals;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.util.Json;

/**
 * Evidence snapshots: creating one (on demand or on schedule), listing them, opening one for
 * download (every download is audit-logged) and re-verifying a stored one. Snapshots form a
 * chain: each records the manifest hash of the one before, so creation is serialised.
 */
@Singleton
public class SnapshotService {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);
    public static final String MANUAL = "manual";
    public static final String SCHEDULED = "scheduled";
    /** The audit action of a snapshot that could not be made (the digest lists them). */
    public static final String FAILED_EVENT = "snapshot.failed";
    static final int MAX_NOTE = 255;

    private final Database db;
    private final SnapshotStore store;
    private final SnapshotFiles files;
    private final SnapshotBuilder builder;
    private final SigningKey key;
    private final EvaluationService evaluation;
    private final AuditLog audit;
    private final AuditChainMonitor chain;
    private final AuditSeals seals;
    private final SnapshotTimeStamps timeStamps;
    private final Duration awaitEvaluation;
    private final PendingEvaluations pendingEvaluations;
    private final jp.akashi.collector.metrics.SnapshotMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final jp.akashi.collector.config.DisplayZone zone;

    public SnapshotService(Database db, SnapshotStore store, SnapshotFiles files, SnapshotBuilder builder, SigningKey key,
                           EvaluationService evaluation, AuditLog audit, AuditChainMonitor chain, AuditSeals seals,
                           SnapshotTimeStamps timeStamps,
                           SnapshotsProperties settings,
                           PendingEvaluations pendingEvaluations, jp.akashi.collector.metrics.SnapshotMetrics metrics,
                           jp.akashi.collector.config.DisplayZone zone) {
        this.zone = zone;
        this.pendingEvaluations = pendingEvaluations;
        this.metrics = metrics;
        this.chain = chain;
        this.seals = seals;
        this.timeStamps = timeStamps;
        this.db = db;
        this.store = store;
        this.files = files;
        this.builder = builder;
        this.key = key;
        this.evaluation = evaluation;
        this.audit = audit;
        this.awaitEvaluation = settings.awaitEvaluation();
    }

    /**
     * Freezes the current state into a new signed snapshot. Waits (bounded) for pending
     * evaluations first so verdicts reflect what was reported; if they do not finish, the
     * snapshot says so.
     *
     * @param actor   who asks ("user:alice", or "system:schedule")
     * @param trigger {@link #MANUAL} or {@link #SCHEDULED}
     */
    public SnapshotStore.SnapshotRecord createSnapshot(String actor, String trigger, String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw Refusal.badRequest("note: at most " + MAX_NOTE + " characters");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        lock.lock();
        try {
            List<Text> warnings = new ArrayList<>();
            if (!awaitEvaluation()) {
                warnings.add(new Text("評価が " + awaitEvaluation.toSeconds() + " 秒以内に終わらなかったため、直近のレポートや回答が判定に反映されていない可能性があります",
                        "evaluation did not finish within " + awaitEvaluation.toSeconds() + " s, so the latest reports and answers may not be reflected in the verdicts"));
            }
            // assets still waiting (a failing evaluator, a backlog after a crash) are judged on older facts: say which
            PendingEvaluations.Waiting waiting = evaluation.waiting();
            if (waiting.count() > 0) {
                List<String> names = db.read(h -> pendingEvaluations.names(h, 20));
                warnings.add(new Text("評価待ちの資産が " + waiting.count() + " 件あり、これらの判定は最新のレポートを反映していません: "
                        + String.join(", ", names) + (waiting.count() > names.size() ? " ほか" : ""),
                        waiting.count() + " assets are waiting for evaluation, and their verdicts do not reflect their latest reports: "
                        + String.join(", ", names) + (waiting.count() > names.size() ? " and more" : "")));
            }
            Optional<SnapshotStore.SnapshotRecord> previous = db.read(store::latest);
            String id = Ids.next();
            Path tmp = null;
            Path stampedTmp = null;
            Path committed = null;
            long t0 = System.nanoTime();
            boolean recorded = false;
            Throwable failed = null;
            try {
                tmp = files.temporary(id);
                SnapshotBuilder.Built b = builder.build(new SnapshotBuilder.Request(id, actor, trigger, cleanNote,
                        previous.map(SnapshotStore.SnapshotRecord::manifestSha256).orElse(null), warnings), tmp);
                SnapshotTimeStamps.Outcome stamp = timeStamps.stampNew(id, tmp, b.finished().manifestBytes(), b.finished().manifestSha256(),
                        b.finished().manifest().createdAt());
                stampedTmp = stamp.file() == tmp ? null : stamp.file();
                committed = files.commit(stamp.file(), id);
                SnapshotStore.SnapshotRecord rec = record(id, previous, b, actor, trigger, cleanNote, Files.size(committed), stamp);
                db.write(h -> {
                    long latestSeq = store.latest(h).map(SnapshotStore.SnapshotRecord::seq).orElse(0L);
                    if (latestSeq != rec.seq() - 1) {
                        throw Refusal.conflict("another snapshot was created meanwhile; try again");
                    }
                    store.insert(h, rec);
                    // the reports behind what the snapshot froze stay while the snapshot exists (RetentionPruner)
                    jp.akashi.collector.store.MultiRowInsert.run(h, "snapshot_reports", List.of("snapshot_id", "report_id"),
                            b.reportIds().stream().sorted().map(r -> new Object[]{id, r}).toList());
                    if (b.audit().verified() && rec.auditSeq() != null && rec.auditSeq() > 0) {
                        // the head this snapshot signed becomes a sealed checkpoint (never over a chain that failed its check)
                        audit.at(h, rec.auditSeq()).filter(e -> e.hash().equals(rec.auditHash()))
                                .ifPresent(e -> seals.checkpoint(h, e.seq(), e.hash(), e.at(), AuditSeals.SNAPSHOT));
                    }
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("trigger", trigger);
                    d.put("manifestSha256", rec.manifestSha256());
                    d.put("previousSha256", rec.previousSha256());
                    d.put("size", rec.size());
                    d.put("assets", rec.assetCount());
                    d.put("auditHeadSeq", rec.auditSeq());
                    d.put("timeStamp", rec.tsaStatus());
                    audit.append(h, actor, "snapshot.create", id, d);
                    return null;
                });
                chain.record(b.audit());
                LOG.info("snapshot {} written: {} assets, {} files, {} bytes in {} ms", id, rec.assetCount(), rec.fileCount(), rec.size(),
                        (System.nanoTime() - t0) / 1_000_000);
                recorded = true;
                return rec;
            } catch (IOException e) {
                failed = new UncheckedIOException("snapshot could not be written: " + e.getMessage(), e);
                throw (UncheckedIOException) failed;
            } catch (GeneralSecurityException e) {
                failed = new IllegalStateException("snapshot could not be signed: " + e.getMessage(), e);
                throw (IllegalStateException) failed;
            } catch (RuntimeException | Error e) {
                failed = e;
                throw e;
            } finally {
                if (failed != null) {
                    recordCreateFailure(actor, trigger, id, failed);
                }
                metrics.built(trigger, recorded, System.nanoTime() - t0);
                files.discard(tmp);
                files.discard(stampedTmp);
                if (committed != null && db.read(h -> store.byId(h, id)).isEmpty()) {
                    // written but never recorded: not part of the chain, so it must not linger as if it were
                    deleteUnrecorded(committed);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A snapshot that could not be made leaves an audit entry ({@link #FAILED_EVENT}: who, the trigger,
     * the reason), so the daily digest and the audit log say so, not only the server log. When the
     * database itself is what failed (disk full), the entry cannot be written either: the log has it.
     */
    private void recordCreateFailure(String actor, String trigger, String id, Throwable failure) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("trigger", trigger);
        String reason = failure instanceof Refusal r ? r.getMessage() : String.valueOf(failure.getMessage());
        d.put("reason", reason.length() > 500 ? reason.substring(0, 500) + "…" : reason);
        try {
            db.write(h -> audit.append(h, actor, FAILED_EVENT, id, d));
        } catch (RuntimeException e) {
            LOG.error("snapshot {} failed ({}) and the failure could not be recorded in the audit log", id, reason, e);
        }
    }

    private boolean awaitEvaluation() {
        try {
            return evaluation.awaitIdle(awaitEvaluation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for evaluation", e);
        }
    }

    private static SnapshotStore.SnapshotRecord record(String id, Optional<SnapshotStore.SnapshotRecord> previous, SnapshotBuilder.Built b,
                                                       String actor, String trigger, String note, long size, SnapshotTimeStamps.Outcome stamp) {
        SnapshotBuilder.Counts c = b.counts();
        return new SnapshotStore.SnapshotRecord(id, previous.map(p -> p.seq() + 1).orElse(1L), b.createdAt(), actor, trigger, note,
                b.finished().manifestSha256(), b.finished().manifest().previousSha256(), b.finished().manifest().keyFingerprint(),
                id + ".zip", size, c.files(), c.assets(), c.criteria(), c.checkResults(), c.answers(), c.attachments(), c.exceptions(),
                summaryJson(b.scores()), b.audit().headSeq(), b.audit().headHash(), stamp.status(), stamp.time(),
                SnapshotStore.TSA_NONE.equals(stamp.status()) ? 0 : 1, stamp.error());
    }

    static String summaryJson(List<Score> scores) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Score s : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("framework", s.framework());
            m.put("version", s.version());
            m.put("application", s.application());
            m.put("status", s.status());
            m.put("summary", s.summary());
            out.add(m);
        }
        try {
            return Json.mapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteUnrecorded(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove unrecorded snapshot file {}: {}", p, e.getMessage());
        }
    }

    /** Snapshots, newest first. */
    public List<SnapshotStore.SnapshotRecord> listSnapshots(int offset, int limit) {
        return db.read(h -> store.list(h, offset, limit));
    }

    public long countSnapshots() {
        return db.read(store::count);
    }

    public SnapshotStore.SnapshotRecord snapshot(String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            throw Refusal.notFound("no snapshot " + id);
        }
        return db.read(h -> store.byId(h, id)).orElseThrow(() -> Refusal.notFound("no snapshot " + id));
    }

    /** The newest snapshot taken at or before {@code at} (epoch ms), if any: what the state at that time is exported from. */
    public Optional<SnapshotStore.SnapshotRecord> latestAtOrBefore(long at) {
        return db.read(h -> store.latestAtOrBefore(h, at));
    }

    /** The snapshot before {@code s} in the chain (the one whose manifest {@code s} records), if this collector has it. */
    public Optional<SnapshotStore.SnapshotRecord> previousOf(SnapshotStore.SnapshotRecord s) {
        return s.previousSha256() == null ? Optional.empty() : db.read(h -> store.byManifest(h, s.previousSha256()));
    }

    /** The snapshot after {@code s} in the chain (the one that records {@code s}'s manifest), if any. */
    public Optional<SnapshotStore.SnapshotRecord> nextOf(SnapshotStore.SnapshotRecord s) {
        return db.read(h -> store.byPrevious(h, s.manifestSha256()));
    }

    /** The file name a download of {@code s} gets (what the offline verification command names). */
    public String fileName(SnapshotStore.SnapshotRecord s) {
        return downloadName(s);
    }

    /** A snapshot file ready to stream. */
    public record Download(SnapshotStore.SnapshotRecord snapshot, InputStream content, long size, String filename) {
    }

    /**
     * Opens a snapshot for download and records who downloaded it. What is sent is a private copy
     * that was verified just now; a snapshot that does not verify is not sent (409).
     *
     * @param actor   "user:alice" or "share:&lt;share id&gt;"
     * @param details extra audit details (the share link, the remote address)
     */
    public Download downloadSnapshot(String actor, String id, Map<String, Object> details) {
        try (VerifiedSnapshot v = openVerified(id)) {
            requireVerified(v);
            SnapshotStore.SnapshotRecord s = v.record();
            Map<String, Object> d = new LinkedHashMap<>(details);
            d.put("manifestSha256", s.manifestSha256());
            long size = v.size();
            db.write(h -> audit.append(h, actor, "snapshot.download", id, d));
            return new Download(s, v.takeContent(), size, downloadName(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A private copy of the stored snapshot, verified (strict archive reading, hashes, the
     * collector's key, its recorded hash, the chain link): exports and downloads serve from it.
     * The caller closes it; check {@link VerifiedSnapshot#ok()} first.
     */
    public VerifiedSnapshot openVerified(String id) {
        SnapshotStore.SnapshotRecord s = snapshot(id);
        Path p = files.path(id);
        if (!Files.exists(p)) {
            throw new Refusal(Refusal.Kind.GONE, "snapshot " + id + " is recorded but its file is missing from " + files.dir());
        }
        Path copy;
        try {
            copy = files.privateCopy(id);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot " + id + " could not be copied for verification: " + e.getMessage(), e);
        }
        try {
            Checked c = verify(s, copy);
            recordFailure(id, c.verification());
            return new VerifiedSnapshot(s, c.verification(), c.result().manifest(), copy);
        } catch (RuntimeException e) {
            files.discard(copy);
            throw e;
        }
    }

    /** 409 with the problems when a verified copy did not verify. */
    public static void requireVerified(VerifiedSnapshot v) {
        if (!v.ok()) {
            LOG.warn("stored snapshot {} does not verify: {}", v.record().id(), v.verification().problems());
            String problems = String.join("; ", v.verification().problems());
            throw Refusal.conflict("the stored snapshot does not verify, nothing is served from it: " + problems,
                    "保存されているスナップショットの検証に失敗したため、ダウンロードもエクスポートもできません: " + problems);
        }
    }

    String downloadName(SnapshotStore.SnapshotRecord s) {
        String day = zone.compactMinute(s.createdAt());
        return "akashi-snapshot-" + day + "-" + s.id().substring(0, 8) + ".zip";
    }

    /** The stored file of a snapshot (for measurements; what is served comes from {@link #openVerified}). */
    public Path snapshotFile(String id) {
        snapshot(id);
        return files.path(id);
    }

    /** Verification of a stored snapshot with the collector's own key, its recorded hash and its chain link. */
    public record Verification(boolean ok, List<String> problems, List<String> notes, String manifestSha256) {
    }

    private static final String RECORDED_BREAK = "audit log: the collector found its audit chain broken";
    private static final String NOT_EXTENDING = jp.akashi.probes.snapshot.AuditLogCheck.NOT_EXTENDING;

    public Verification verifyStoredSnapshot(String id) {
        SnapshotStore.SnapshotRecord s = snapshot(id);
        Path p = files.path(id);
        if (!Files.exists(p)) {
            return new Verification(false, List.of(p.getFileName() + ": missing from " + files.dir()), List.of(), null);
        }
        Verification v = verify(s, p).verification();
        recordFailure(id, v);
        return v;
    }

    /** A stored snapshot that no longer verifies is a security event, not only a refused request: it is audit-logged. */
    private void recordFailure(String id, Verification v) {
        if (!v.ok()) {
            List<String> problems = v.problems();
            db.write(h -> audit.append(h, "system:verify", "snapshot.verify_failed", id,
                    Map.of("problems", problems.subList(0, Math.min(problems.size(), 20)))));
        }
    }

    private record Checked(SnapshotVerifier.Result result, Verification verification) {
    }

    private Checked verify(SnapshotStore.SnapshotRecord s, Path p) {
        Path previous = null;
        if (s.previousSha256() != null) {
            previous = db.read(h -> h.createQuery("SELECT id FROM snapshots WHERE manifest_sha256 = :m").bind("m", s.previousSha256())
                    .mapTo(String.class).findFirst()).map(files::path).filter(Files::exists).orElse(null);
        }
        SnapshotVerifier.Result r = SnapshotVerifier.verify(p, key.publicKey(), previous);
        List<String> problems = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        // a break the collector itself recorded in the snapshot is a fact about the log, not about this file (the
        // live chain status shows it); the offline verifier still counts it as a problem
        r.problems().forEach(x -> (x.contains(RECORDED_BREAK) ? recorded : problems).add(x));
        // a snapshot that recorded the break also carries the log that no longer extends the previous one: that is
        // the evidence of the rewrite, which an auditor must be able to download (the offline verifier refuses it)
        if (!recorded.isEmpty()) {
            problems.removeIf(x -> x.contains(NOT_EXTENDING) && recorded.add(x));
        }
        if (r.manifestSha256() != null && !r.manifestSha256().equals(s.manifestSha256())) {
            problems.add("manifest.txt hashes to " + r.manifestSha256() + ", but the collector recorded " + s.manifestSha256());
        }
        List<String> notes = new ArrayList<>(r.notes());
        recorded.forEach(x -> notes.add(0, "WARNING: " + x));
        if (s.previousSha256() != null && previous == null) {
            notes.add("the previous snapshot's file is not on this collector: chain link not checked");
        }
        return new Checked(r, new Verification(problems.isEmpty(), problems, notes, r.manifestSha256()));
    }

    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    public String keyFingerprint() {
        return key.fingerprint();
    }
}
