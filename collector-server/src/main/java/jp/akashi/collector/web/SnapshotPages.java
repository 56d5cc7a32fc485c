package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.api.Remote;
import jp.akashi.collector.enroll.ServerUrl;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.snapshot.ShareLinks;
import jp.akashi.collector.snapshot.SnapshotSchedule;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;
import jp.akashi.probes.util.Json;

/**
 * Evidence snapshots: the chain of signed snapshots (newest first, with each recorded link), taking
 * one now, a snapshot's page (contents, hashes, how to verify it offline, downloads, exports from
 * it, share links) and its download. Everything is done by {@link SnapshotService} and
 * {@link ShareLinks}, which also audit-log it. Auditors may take and download snapshots; share
 * links, which hand a snapshot to someone outside, are for admin and security.
 */
@Controller("/snapshots")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SnapshotPages {
    static final int PAGE_SIZE = 50;
    static final String PUBLIC_KEY_FILE = "akashi-snapshot-public-key.pem";

    /** One part of a snapshot ZIP as its page explains it ({@code snapshot.contents.<key>} says what it is). */
    public record ContentLine(String key, String path) {
    }

    /** What a snapshot holds (docs/SNAPSHOTS.md), in the order the page lists it. */
    static final List<ContentLine> CONTENTS = List.of(
            new ContentLine("manifest", "manifest.txt"),
            new ContentLine("signature", "manifest.sig"),
            new ContentLine("key", "collector-public-key.pem"),
            new ContentLine("readme", "README.txt"),
            new ContentLine("snapshot", "snapshot.json"),
            new ContentLine("report", "report.html"),
            new ContentLine("frameworks", "data/frameworks/<framework>/<version>.json"),
            new ContentLine("criteria", "data/criteria.json"),
            new ContentLine("scores", "data/scores.json"),
            new ContentLine("checks", "data/checks.json"),
            new ContentLine("assets", "data/assets.jsonl"),
            new ContentLine("results", "data/check-results.jsonl"),
            new ContentLine("answers", "data/answers.json"),
            new ContentLine("exceptions", "data/exceptions.json"),
            new ContentLine("audit", "data/audit-log.jsonl"),
            new ContentLine("reports", "evidence/reports/<sha>.json.gz"),
            new ContentLine("attachments", "attachments/<framework>/<number>_<file name>"));
    private final SnapshotService snapshots;
    private final ShareLinks shares;
    private final SnapshotSchedule schedule;
    private final PdfFontCheck pdfFont;
    private final ServerUrl serverUrl;
    private final WebPages pages;
    private final Clock clock;

    public SnapshotPages(SnapshotService snapshots, ShareLinks shares, SnapshotSchedule schedule, PdfFontCheck pdfFont,
                         ServerUrl serverUrl, WebPages pages, Clock clock) {
        this.snapshots = snapshots;
        this.shares = shares;
        this.schedule = schedule;
        this.pdfFont = pdfFont;
        this.serverUrl = serverUrl;
        this.pages = pages;
        this.clock = clock;
    }

    /**
     * A snapshot in the list with its recorded link to the one before.
     *
     * @param chain      {@code first} (the chain starts here), {@code linked} (it records the previous snapshot's
     *                   manifest hash), {@code broken} (it records another hash) or {@code missing} (the previous
     *                   snapshot is not on this collector)
     * @param keyChanged signed by another key than the snapshot before it
     */
    public record Row(SnapshotStore.SnapshotRecord s, String chain, String previousId, boolean keyChanged) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue Integer page) {
        return pages.page(request, "snapshots", listModel(request, Pager.pageNumber(page), null));
    }

    /** The take-a-snapshot form: an optional note (any text, Japanese included). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SnapshotForm(@Nullable @Size(max = 255, message = "{snapshots.error.note}") String note) {
    }

    /** The share form: the days as typed (a non-number is explained on the page) and a note. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShareForm(@Nullable String days, @Nullable @Size(max = 255, message = "{share.error.note}") String note) {
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid SnapshotForm form) {
        String note = Uploads.text(form.note());
        SnapshotStore.SnapshotRecord s;
        try {
            s = snapshots.createSnapshot(caller.actor(), SnapshotService.MANUAL, note);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST && RefusalStatus.of(e) != HttpStatus.CONFLICT) {
                throw e;
            }
            Map<String, Object> m = listModel(request, 1, pages.text(request, "snapshots.error.rejected", pages.message(request, e)));
            m.put("typedNote", note);
            return pages.page(request, RefusalStatus.of(e), "snapshots", m);
        }
        return HttpResponse.seeOther(URI.create("/snapshots/" + s.id() + "?done=created"));
    }

    /** A note too long comes back with the form as typed and the field's error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        Optional<SnapshotForm> created = FormErrors.form(e, SnapshotForm.class);
        if (created.isPresent()) {
            Map<String, Object> m = listModel(request, 1, pages.text(request, "snapshots.error.rejected", FormErrors.first(fields)));
            m.put("typedNote", Uploads.text(created.get().note()));
            m.put("fieldErrors", fields);
            return pages.page(request, HttpStatus.BAD_REQUEST, "snapshots", m);
        }
        Optional<ShareForm> share = FormErrors.form(e, ShareForm.class);
        Optional<String> id = FormErrors.pathId(request, SHARES_PATH);
        if (share.isPresent() && id.isPresent()) {
            return shareError(request, snapshots.snapshot(id.get()), pages.text(request, "share.error.rejected", FormErrors.first(fields)),
                    share.get(), fields);
        }
        throw e;
    }

    private static final java.util.regex.Pattern SHARES_PATH = java.util.regex.Pattern.compile("/snapshots/([^/]+)/shares");

    /** The signing key, to compare with the one the organisation published and to verify snapshots offline. */
    @Get("/public-key")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> publicKey() {
        byte[] pem = snapshots.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
        return Downloads.file(new ByteArrayInputStream(pem), MediaType.of("application/x-pem-file"), clock.millis(), pem.length,
                PUBLIC_KEY_FILE).header("X-Key-Fingerprint", snapshots.keyFingerprint());
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue Boolean verify) {
        return pages.page(request, "snapshot", detailModel(request, snapshots.snapshot(id), Boolean.TRUE.equals(verify), null));
    }

    @Get("/{id}/download")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> download(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", Remote.address(request));
        details.put("via", "console");
        SnapshotService.Download d = snapshots.downloadSnapshot(caller.actor(), id, details);
        return Downloads.file(d.content(), MediaType.of("application/zip"), d.snapshot().createdAt(), d.size(), d.filename())
                .header("X-Snapshot-Manifest-Sha256", d.snapshot().manifestSha256());
    }

    @Post("/{id}/shares")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> share(HttpRequest<?> request, Caller caller, @PathVariable String id, @Body @Valid ShareForm form) {
        SnapshotStore.SnapshotRecord s = snapshots.snapshot(id);
        ShareLinks.NewShare created;
        try {
            String days = Uploads.text(form.days());
            created = shares.createShareLink(caller, id, days == null ? null : Integer.valueOf(days), Uploads.text(form.note()));
        } catch (NumberFormatException e) {
            return shareError(request, s, pages.text(request, "share.error.days", ShareLinks.MAX_DAYS), form);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return shareError(request, s, pages.text(request, "share.error.rejected", pages.message(request, e)), form);
        }
        Map<String, Object> m = pages.model(request, "share.created.title");
        m.put("s", s);
        m.put("share", created.share());
        m.put("link", created.url() != null ? created.url() : serverUrl.of(request) + created.path());
        return pages.page(request, HttpStatus.CREATED, "share-created", m);
    }

    @Post("/{id}/shares/{shareId}/revoke")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeShare(Caller caller, @PathVariable String id, @PathVariable String shareId) {
        shares.revokeShareLink(caller, id, shareId);
        return HttpResponse.seeOther(URI.create("/snapshots/" + id + "?done=revoked"));
    }

    /** The snapshot page again with the refusal and the share form as typed. */
    private HttpResponse<?> shareError(HttpRequest<?> request, SnapshotStore.SnapshotRecord s, String error, ShareForm typed) {
        return shareError(request, s, error, typed, Map.of());
    }

    private HttpResponse<?> shareError(HttpRequest<?> request, SnapshotStore.SnapshotRecord s, String error, ShareForm typed,
                                       Map<String, String> fieldErrors) {
        Map<String, Object> m = detailModel(request, s, false, error);
        m.put("fieldErrors", fieldErrors);
        if (typed.days() != null) {
            m.put("defaultDays", typed.days());
        }
        m.put("typedNote", typed.note());
        return pages.page(request, HttpStatus.BAD_REQUEST, "snapshot", m);
    }

    private Map<String, Object> listModel(HttpRequest<?> request, int page, String error) {
        Map<String, Object> m = pages.model(request, "snapshots.title");
        long total = snapshots.countSnapshots();
        Pager pager = Pager.of(page, PAGE_SIZE, total, "/snapshots", "page", Map.of());
        // one row more than shown: the oldest row on the page needs the one before it for its chain link
        m.put("rows", rows(snapshots.listSnapshots(pager.offset(), PAGE_SIZE + 1), PAGE_SIZE));
        m.put("pager", pager);
        m.put("schedule", schedule.expression().orElse(null));
        m.put("scheduleText", schedule.expression()
                .flatMap(e -> CronText.describe(e, ConsoleLanguage.lang(pages.locale(request)))).orElse(null));
        m.put("nextRun", schedule.nextRun().map(java.time.Instant::toEpochMilli).orElse(null));
        m.put("scheduleZone", schedule.zone().getId());
        m.put("keyFingerprint", snapshots.keyFingerprint());
        m.put("typedNote", "");
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    /** The list rows (newest first) with their chain state; {@code fetched} holds one more, older row when there is one. */
    static List<Row> rows(List<SnapshotStore.SnapshotRecord> fetched, int shown) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < Math.min(shown, fetched.size()); i++) {
            SnapshotStore.SnapshotRecord s = fetched.get(i);
            SnapshotStore.SnapshotRecord before = i + 1 < fetched.size() && fetched.get(i + 1).seq() == s.seq() - 1 ? fetched.get(i + 1) : null;
            out.add(new Row(s, chain(s, before), before == null ? null : before.id(),
                    before != null && !before.keyFingerprint().equals(s.keyFingerprint())));
        }
        return out;
    }

    static String chain(SnapshotStore.SnapshotRecord s, SnapshotStore.SnapshotRecord before) {
        if (s.previousSha256() == null) {
            return s.seq() == 1 ? "first" : "broken";
        }
        if (before == null) {
            return "missing";
        }
        return s.previousSha256().equals(before.manifestSha256()) ? "linked" : "broken";
    }

    /** A framework's score at the snapshot's instant, as its summary recorded it. */
    public record ScoreLine(String framework, String version, String application, String status, String summary) {
    }

    /** A share link with its state now: active, expired or revoked. */
    public record ShareRow(SnapshotStore.Share share, String state) {
        public boolean active() {
            return "active".equals(state);
        }
    }

    private Map<String, Object> detailModel(HttpRequest<?> request, SnapshotStore.SnapshotRecord s, boolean verify, String error) {
        Map<String, Object> m = pages.model(request, "snapshot.title");
        String lang = ConsoleLanguage.lang(pages.locale(request));
        Optional<SnapshotStore.SnapshotRecord> previous = snapshots.previousOf(s);
        String fileName = snapshots.fileName(s);
        List<ScoreLine> scores = scores(s.summary(), lang);
        m.put("s", s);
        m.put("previous", previous.orElse(null));
        m.put("next", snapshots.nextOf(s).orElse(null));
        m.put("fileName", fileName);
        m.put("keyFingerprint", snapshots.keyFingerprint());
        m.put("publicKeyFile", PUBLIC_KEY_FILE);
        m.put("verifyCommand", verifyCommand(fileName, previous.map(snapshots::fileName).orElse(null)));
        m.put("scores", scores);
        m.put("frameworks", new ArrayList<>(new LinkedHashSet<>(scores.stream().map(ScoreLine::framework).toList())));
        m.put("pdfProblem", pdfFont.problem().orElse(null));
        m.put("contents", CONTENTS);
        if (verify) {
            m.put("verification", snapshots.verifyStoredSnapshot(s.id()));
        }
        long now = clock.millis();
        m.put("shares", shares.listShareLinks(s.id()).stream().map(x -> new ShareRow(x, shareState(x, now))).toList());
        m.put("maxDays", ShareLinks.MAX_DAYS);
        m.put("defaultDays", ShareLinks.DEFAULT_DAYS);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    /** The offline check an auditor runs with the agent's jar, on the file names the downloads get. */
    static String verifyCommand(String fileName, String previousFileName) {
        return "java -jar akashi-agent.jar verify " + fileName + " --public-key " + PUBLIC_KEY_FILE
                + (previousFileName == null ? "" : " --previous " + previousFileName);
    }

    static String shareState(SnapshotStore.Share s, long now) {
        if (s.revokedAt() != null) {
            return "revoked";
        }
        return s.expiresAt() <= now ? "expired" : "active";
    }

    static List<ScoreLine> scores(String summaryJson, String lang) {
        List<ScoreLine> out = new ArrayList<>();
        try {
            for (JsonNode n : Json.mapper().readTree(summaryJson)) {
                JsonNode text = n.path("summary");
                String line = "en".equals(lang) && text.hasNonNull("en") ? text.path("en").asText() : text.path("ja").asText(null);
                out.add(new ScoreLine(n.path("framework").asText(), n.path("version").asText(), n.path("application").asText(),
                        n.path("status").asText(), line));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot summary unreadable", e);
        }
        return out;
    }
}
