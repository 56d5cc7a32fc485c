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
    public Map<String, Object> create(Caller caller, @Nullable @Body CreateRequest req) {
        return view(snapshots.createSnapshot(caller.actor(), SnapshotService.MANUAL, req == null ? null : req.note()));
    }

    @Get("/api/v1/snapshots")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> list(@QueryValue(defaultValue = "0") int offset, @QueryValue(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("offset >= 0 and 1 <= limit <= 500");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", snapshots.countSnapshots());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("items", snapshots.listSnapshots(offset, limit).stream().map(SnapshotController::view).toList());
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("cron", schedule.expression().orElse(null));
        sched.put("nextRun", schedule.nextRun().map(Instant::toString).orElse(null));
        out.put("schedule", sched);
        out.put("keyFingerprint", snapshots.keyFingerprint());
        return out;
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
    public HttpResponse<Map<String, Object>> get(@PathVariable String id, @QueryValue(defaultValue = "false") boolean verify) {
        Map<String, Object> out = view(snapshots.snapshot(id));
        if (!verify) {
            return HttpResponse.ok(out);
        }
        SnapshotService.Verification v = snapshots.verifyStoredSnapshot(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", v.ok());
        m.put("problems", v.problems());
        m.put("notes", v.notes());
        if (v.ok()) {
            out.put("verification", m);
            return HttpResponse.ok(out);
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
    public Map<String, Object> share(Caller caller, @PathVariable String id, @Nullable @Body ShareRequest req) {
        ShareLinks.NewShare s = shares.createShareLink(caller, id, req == null ? null : req.days(), req == null ? null : req.note());
        Map<String, Object> out = shareView(s.share());
        out.put("token", s.token());
        out.put("path", s.path());
        out.put("url", s.url());
        return out;
    }

    @Get("/api/v1/snapshots/{id}/shares")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<Map<String, Object>> shares(@PathVariable String id) {
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

    static Map<String, Object> view(SnapshotStore.SnapshotRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("seq", s.seq());
        m.put("createdAt", Instant.ofEpochMilli(s.createdAt()).toString());
        m.put("createdBy", s.createdBy());
        m.put("trigger", s.trigger());
        m.put("note", s.note());
        m.put("manifestSha256", s.manifestSha256());
        m.put("previousSha256", s.previousSha256());
        m.put("keyFingerprint", s.keyFingerprint());
        m.put("size", s.size());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", s.fileCount());
        counts.put("assets", s.assetCount());
        counts.put("criteria", s.criterionCount());
        counts.put("checkResults", s.checkResultCount());
        counts.put("answers", s.answerCount());
        counts.put("attachments", s.attachmentCount());
        counts.put("exceptions", s.exceptionCount());
        m.put("counts", counts);
        try {
            m.put("scores", Json.mapper().readTree(s.summary()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot summary unreadable", e);
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("headSeq", s.auditSeq());
        a.put("headHash", s.auditHash());
        m.put("auditLog", a);
        m.put("timeStamp", timeStampView(s));
        m.put("download", "/api/v1/snapshots/" + s.id() + "/download");
        return m;
    }

    /** none: no authority configured ("no external time stamp"); pending: not stamped yet (retried); stamped: manifest.tsr joined. */
    static Map<String, Object> timeStampView(SnapshotStore.SnapshotRecord s) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("status", s.tsaStatus());
        t.put("time", s.tsaTime() == null ? null : Instant.ofEpochMilli(s.tsaTime()).toString());
        t.put("attempts", s.tsaAttempts());
        t.put("error", s.tsaError());
        t.put("message", switch (s.tsaStatus()) {
            case SnapshotStore.TSA_STAMPED -> "RFC 3161 time stamp in manifest.tsr";
            case SnapshotStore.TSA_PENDING -> "time stamp pending: the authority did not answer yet; retried";
            default -> "no external time stamp";
        });
        return t;
    }

    static Map<String, Object> shareView(SnapshotStore.Share s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("snapshotId", s.snapshotId());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", Instant.ofEpochMilli(s.createdAt()).toString());
        m.put("expiresAt", Instant.ofEpochMilli(s.expiresAt()).toString());
        m.put("note", s.note());
        m.put("revokedAt", s.revokedAt() == null ? null : Instant.ofEpochMilli(s.revokedAt()).toString());
        m.put("revokedBy", s.revokedBy());
        m.put("downloads", s.downloads());
        m.put("lastUsedAt", s.lastUsedAt() == null ? null : Instant.ofEpochMilli(s.lastUsedAt()).toString());
        return m;
    }
}
