package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.ReportSettings;
import jp.akashi.collector.api.Remote;
import jp.akashi.collector.api.SnapshotController;
import jp.akashi.collector.enroll.ServerUrl;
import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.security.Secrets;
import jp.akashi.collector.snapshot.ShareLinks;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;

/**
 * A share link for an external auditor, no account needed: {@code /share/<token>} opens a landing
 * page in a browser (what the snapshot is, who shared it and until when, how to verify it offline,
 * its downloads); a client that does not ask for HTML (curl, scripts) gets the ZIP there as it
 * always did. The page offers only that snapshot's ZIP ({@code /share/<token>/snapshot.zip}) and
 * the Excel and PDF reports rendered from it ({@code /share/<token>/exports/<framework>.xlsx|pdf},
 * by {@link ExportService} as for the console). {@link ShareLinks} decides every request (bad
 * tokens: the same 404, throttled), counts each download as a use and audit-logs it. The token is
 * written only into this page's own relative links and its language switch; responses send no
 * referrer and are not cached.
 */
@Controller("/share/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class SharePages {
    /** The files whose SHA-256 is the manifest hash (inside the ZIP). */
    static final String MANIFEST = "manifest.txt";

    private final ShareLinks shares;
    private final SnapshotService snapshots;
    private final ExportService exports;
    private final ExportPages exportPages;
    private final PdfFontCheck pdfFont;
    private final ServerUrl serverUrl;
    private final WebCookies cookies;
    private final WebPages pages;

    public SharePages(ShareLinks shares, SnapshotService snapshots, ExportService exports, ExportPages exportPages, PdfFontCheck pdfFont,
                      ServerUrl serverUrl, WebCookies cookies, WebPages pages) {
        this.shares = shares;
        this.snapshots = snapshots;
        this.exports = exports;
        this.exportPages = exportPages;
        this.pdfFont = pdfFont;
        this.serverUrl = serverUrl;
        this.cookies = cookies;
        this.pages = pages;
    }

    /** The landing page for a browser; the ZIP, exactly as before, for any client whose Accept does not name text/html. */
    @Get(produces = MediaType.ALL) // whatever the client accepts (application/zip, application/json, …): it always got the ZIP
    public HttpResponse<?> open(HttpRequest<?> request, @PathVariable String token) {
        if (!wantsHtml(request)) {
            return zip(request, token);
        }
        ShareLinks.Shared shared = shares.openShared(token, Remote.address(request));
        SnapshotStore.SnapshotRecord s = shared.snapshot();
        Map<String, Object> m = pages.model(request, "sharePage.title");
        String base = "/share/" + token;
        String fileName = snapshots.fileName(s);
        m.put("s", s);
        m.put("share", shared.share());
        m.put("sharedBy", shared.sharedBy());
        // what the snapshot itself recorded (company, the frameworks its reports show), never today's settings
        Optional<ReportSettings> recorded = exports.recordedSettings(s.id());
        List<String> frameworks = ExportService.frameworksOf(s.summary());
        List<String> shown = recorded.map(rs -> frameworks.stream().filter(rs::shows).toList()).orElse(frameworks);
        m.put("company", recorded.map(ReportSettings::company).orElse(null));
        m.put("verifyFailed", recorded.isEmpty());
        m.put("collector", serverUrl.of(request));
        m.put("fileName", fileName);
        m.put("zipHref", base + "/snapshot.zip");
        m.put("exportBase", base + "/exports/");
        m.put("frameworks", shown.isEmpty() ? frameworks : shown);
        m.put("pdfProblem", pdfFont.problem().orElse(null));
        m.put("verifyCommand", "akashi-agent verify " + fileName);
        m.put("hashCommands", hashCommands());
        // the language switch comes back here (a same-origin form field; the page's links carry the token anyway)
        m.put("here", base);
        String csrf = WebCookies.read(request, WebCookies.PRE_SESSION).orElse(null);
        boolean fresh = csrf == null;
        if (fresh) {
            csrf = Secrets.newSecret("");
        }
        m.put("csrf", csrf);
        MutableHttpResponse<?> r = pages.page(request, "share", m).header("Vary", "Accept")
                .header("X-Robots-Tag", "noindex, nofollow");
        return fresh ? r.cookie(cookies.preSession(csrf)) : r;
    }

    /** The snapshot's ZIP, a use of the link, audit-logged as {@code snapshot.download}. */
    @Get(uri = "/snapshot.zip", produces = MediaType.ALL)
    public HttpResponse<?> snapshotZip(HttpRequest<?> request, @PathVariable String token) {
        return zip(request, token);
    }

    /** A framework's Excel or PDF rendered from the snapshot, a use of the link, audit-logged as {@code export.download}. */
    @Get(uri = "/exports/{file}", produces = MediaType.ALL)
    public HttpResponse<?> export(HttpRequest<?> request, @PathVariable String token, @PathVariable String file) {
        String remote = Remote.address(request);
        SnapshotStore.Share share = shares.checkShared(token, remote);
        ExportService.Target t = ExportService.Target.parse(file);
        if (t.framework() == null || !ExportService.frameworksOf(snapshots.snapshot(share.snapshotId()).summary()).contains(t.framework())) {
            throw Refusal.notFound("a share link offers the snapshot's <framework>.xlsx and <framework>.pdf of the frameworks it holds");
        }
        // counted once the file is about to be written (not for the page of a missing PDF font)
        return exportPages.send(request, t, share.snapshotId(), out -> {
            shares.countUse(share);
            return exports.exportSharedSnapshot(ShareLinks.actor(share), share.snapshotId(), t, ShareLinks.useDetails(share, remote), out);
        });
    }

    private HttpResponse<?> zip(HttpRequest<?> request, String token) {
        return SnapshotController.zip(shares.downloadShared(token, Remote.address(request)));
    }

    /** A browser navigating asks for text/html; curl, scripts and HTTP libraries send no Accept or other types. */
    static boolean wantsHtml(HttpRequest<?> request) {
        for (String accept : request.getHeaders().getAll("Accept")) {
            if (accept.toLowerCase(Locale.ROOT).contains("text/html")) {
                return true;
            }
        }
        return false;
    }

    /** A shell and how to hash the manifest there, to compare with the manifest hash. */
    public record HashCommand(String shell, String command) {
    }

    static List<HashCommand> hashCommands() {
        return List.of(new HashCommand("Linux / macOS", "sha256sum " + MANIFEST + "    # macOS: shasum -a 256 " + MANIFEST),
                new HashCommand("PowerShell", "Get-FileHash " + MANIFEST + " -Algorithm SHA256"),
                new HashCommand("Windows (cmd)", "certutil -hashfile " + MANIFEST + " SHA256"));
    }
}
