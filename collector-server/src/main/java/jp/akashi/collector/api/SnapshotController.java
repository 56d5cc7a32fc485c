package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.snapshot.ShareLinks;
import jp.akashi.collector.snapshot.SnapshotSchedule;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;
import jp.akashi.probes.util.Json;

/** Evidence snapshots: create, list, download, verify; the signing key; share links for external auditors (opened at {@code web.SharePages}). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SnapshotController {
    static final MediaType ZIP = MediaType.of("application/zip");

    private final SnapshotService snapshots;
    private final ShareLinks shares;
    private final SnapshotSchedule schedule;

    public SnapshotController(SnapshotService snapshots, ShareLinks shares, SnapshotSchedule schedule) {
        this.snapshots = snapshots;
        this.shares = shares;
        this.schedule = schedule;
    }

    public record CreateRequest(String note) {
    }

    public record ShareRequest(Integer days, String note) {
    }

    @Post("/api/v1/snapshots")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Status(HttpStatus.CREATED)
    public SnapshotView create(Caller caller, @Nullable @Body CreateRequest req) {
        return view(snapshots.createSnapshot(caller.actor(), SnapshotService.MANUAL, req == null ? null : req.note()));
    }

    @Get("/api/v1/snapshots")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public SnapshotPage list(@QueryValue(defaultValue = "0") int offset, @QueryValue(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("offset >= 0 and 1 <= limit <= 500");
        }
        return new SnapshotPage(snapshots.countSnapshots(), offset, limit,
                snapshots.listSnapshots(offset, limit).stream().map(SnapshotController::view).toList(),
                new Schedule(schedule.expression().orElse(null), schedule.nextRun().map(Instant::toString).orElse(null)),
                snapshots.keyFingerprint());
    }

    /** The collector's snapshot signing key (PEM), public so auditors can fetch and pin it. */
    @Get(value = "/api/v1/snapshots/public-key", produces = "application/x-pem-file")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> publicKey() {
        return HttpResponse.ok(snapshots.publicKeyPem()).contentType(MediaType.of("application/x-pem-file"))
                .header("X-Key-Fingerprint", snapshots.keyFingerprint());
    }

    @Get("/api/v1/snapshots/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> get(@PathVariable String id, @QueryValue(defaultValue = "false") boolean verify) {
        SnapshotView out = view(snapshots.snapshot(id));
        if (!verify) {
            return HttpResponse.ok(out);
        }
        SnapshotService.Verification v = snapshots.verifyStoredSnapshot(id);
        Verification m = new Verification(v.ok(), v.problems(), v.notes());
        if (v.ok()) {
            return HttpResponse.ok(out.verified(m));
        }
        // the error shape of every API refusal, with the problems beside it
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("error", "the stored snapshot does not verify: " + String.join("; ", v.problems()));
        err.put("errorJa", "保存されているスナップショットの検証に失敗しました: " + String.join("; ", v.problems()));
        err.put("status", HttpStatus.CONFLICT.getCode());
        err.put("verification", m);
        err.put("snapshot", out);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CONFLICT).body(err);
    }

    @Get("/api/v1/snapshots/{id}/download")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<StreamedFile> download(Caller caller, HttpRequest<?> request, @PathVariable String id) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", Remote.address(request));
        return zip(snapshots.downloadSnapshot(caller.actor(), id, details));
    }

    /** Handing a snapshot outside is for admin and security, as in the console (auditors take and download). */
    @Post("/api/v1/snapshots/{id}/share")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public NewShare share(Caller caller, @PathVariable String id, @Nullable @Body ShareRequest req) {
        ShareLinks.NewShare s = shares.createShareLink(caller, id, req == null ? null : req.days(), req == null ? null : req.note());
        ShareView v = shareView(s.share());
        return new NewShare(v.id(), v.snapshotId(), v.createdBy(), v.createdAt(), v.expiresAt(), v.note(), v.revokedAt(), v.revokedBy(),
                v.downloads(), v.lastUsedAt(), s.token(), s.path(), s.url());
    }

    @Get("/api/v1/snapshots/{id}/shares")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<ShareView> shares(@PathVariable String id) {
        return shares.listShareLinks(id).stream().map(SnapshotController::shareView).toList();
    }

    @Delete("/api/v1/snapshots/{id}/shares/{shareId}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(Caller caller, @PathVariable String id, @PathVariable String shareId) {
        shares.revokeShareLink(caller, id, shareId);
    }

    /**
     * A snapshot ZIP as every download sends it (also a share link's, {@code web.SharePages}): not
     * cached, no referrer, the manifest hash in a header.
     */
    public static HttpResponse<StreamedFile> zip(SnapshotService.Download d) {
        return HttpResponse.ok(new StreamedFile(d.content(), ZIP, d.snapshot().createdAt(), d.size()))
                .header("Content-Disposition", SpooledExport.contentDisposition(d.filename()))
                .header("X-Snapshot-Manifest-Sha256", d.snapshot().manifestSha256())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SnapshotPage(long total, int offset, int limit, List<SnapshotView> items, Schedule schedule, String keyFingerprint) {
    }

    /** cron and nextRun are null (written) without a schedule. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Schedule(String cron, String nextRun) {
    }

    /**
     * A snapshot; nulls (note, previousSha256 of the first) are written, {@code verification} only
     * when asked for ({@code ?verify=true}). {@code scores} is the stored summary JSON as it is.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SnapshotView(String id, long seq, String createdAt, String createdBy, String trigger, String note, String manifestSha256,
                               String previousSha256, String keyFingerprint, long size, Counts counts, JsonNode scores, AuditHead auditLog,
                               TimeStamp timeStamp, String download,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Verification verification) {
        SnapshotView verified(Verification v) {
            return new SnapshotView(id, seq, createdAt, createdBy, trigger, note, manifestSha256, previousSha256, keyFingerprint, size,
                    counts, scores, auditLog, timeStamp, download, v);
        }
    }

    @Serdeable
    public record Counts(int files, int assets, int criteria, int checkResults, int answers, int attachments, int exceptions) {
    }

    /** The audit log's head when the snapshot was taken (null, written, for snapshots older than the anchors). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditHead(Long headSeq, String headHash) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimeStamp(String status, String time, int attempts, String error, String message) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Verification(boolean ok, List<String> problems, List<String> notes) {
    }

    /** A share link without its token (kept only as a hash); nulls are written. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ShareView(String id, String snapshotId, String createdBy, String createdAt, String expiresAt, String note, String revokedAt,
                            String revokedBy, int downloads, String lastUsedAt) {
    }

    /** A new share link: the share's fields and, this once, its token, path and url (null without a public URL). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NewShare(String id, String snapshotId, String createdBy, String createdAt, String expiresAt, String note, String revokedAt,
                           String revokedBy, int downloads, String lastUsedAt, String token, String path, String url) {
    }

    static SnapshotView view(SnapshotStore.SnapshotRecord s) {
        JsonNode scores;
        try {
            scores = Json.mapper().readTree(s.summary());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot summary unreadable", e);
        }
        return new SnapshotView(s.id(), s.seq(), Instant.ofEpochMilli(s.createdAt()).toString(), s.createdBy(), s.trigger(), s.note(),
                s.manifestSha256(), s.previousSha256(), s.keyFingerprint(), s.size(),
                new Counts(s.fileCount(), s.assetCount(), s.criterionCount(), s.checkResultCount(), s.answerCount(), s.attachmentCount(),
                        s.exceptionCount()),
                scores, new AuditHead(s.auditSeq(), s.auditHash()), timeStampView(s), "/api/v1/snapshots/" + s.id() + "/download", null);
    }

    /** none: no authority configured ("no external time stamp"); pending: not stamped yet (retried); stamped: manifest.tsr joined. */
    static TimeStamp timeStampView(SnapshotStore.SnapshotRecord s) {
        return new TimeStamp(s.tsaStatus(), s.tsaTime() == null ? null : Instant.ofEpochMilli(s.tsaTime()).toString(), s.tsaAttempts(),
                s.tsaError(), switch (s.tsaStatus()) {
                    case SnapshotStore.TSA_STAMPED -> "RFC 3161 time stamp in manifest.tsr";
                    case SnapshotStore.TSA_PENDING -> "time stamp pending: the authority did not answer yet; retried";
                    default -> "no external time stamp";
                });
    }

    static ShareView shareView(SnapshotStore.Share s) {
        return new ShareView(s.id(), s.snapshotId(), s.createdBy(), Instant.ofEpochMilli(s.createdAt()).toString(),
                Instant.ofEpochMilli(s.expiresAt()).toString(), s.note(), s.revokedAt() == null ? null : Instant.ofEpochMilli(s.revokedAt()).toString(),
                s.revokedBy(), s.downloads(), s.lastUsedAt() == null ? null : Instant.ofEpochMilli(s.lastUsedAt()).toString());
    }
}
