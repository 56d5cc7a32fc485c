package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/**
 * Exports from the console: {@code <framework>.xlsx} (the self-assessment sheet; Kubota's is the
 * supplier self-assessment file), {@code <framework>.pdf} and {@code verdicts.csv}, of the current
 * state ({@code /exports/…}) or of a snapshot ({@code /snapshots/{id}/exports/…}). The files come
 * from {@link ExportService}, which also audit-logs them; a missing PDF font is a page that says
 * what to install instead of a broken download.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
public class ExportPages {
    private final ExportService exports;
    private final PdfFontCheck pdfFont;
    private final WebPages pages;

    public ExportPages(ExportService exports, PdfFontCheck pdfFont, WebPages pages) {
        this.exports = exports;
        this.pdfFont = pdfFont;
        this.pages = pages;
    }

    @Get("/exports/{file}")
    public HttpResponse<?> current(HttpRequest<?> request, Caller caller, @PathVariable String file, @Nullable @QueryValue String version,
                                   @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, false);
        return send(request, t, null, out -> exports.exportCurrent(caller, t, blank(version), out));
    }

    @Get("/snapshots/{id}/exports/{file}")
    public HttpResponse<?> fromSnapshot(HttpRequest<?> request, Caller caller, @PathVariable String id, @PathVariable String file,
                                        @Nullable @QueryValue String version, @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, true);
        return send(request, t, id, out -> exports.exportFromSnapshot(caller, id, t, blank(version), out));
    }

    /** Writes an export and returns the instant it shows. */
    @FunctionalInterface
    interface Writer {
        long write(java.io.OutputStream out) throws IOException;
    }

    /** The export as a download, or the page of a missing PDF font (also for share links' reports, {@link SharePages}). */
    HttpResponse<?> send(HttpRequest<?> request, ExportService.Target t, String snapshotId, Writer writer) {
        if ("pdf".equals(t.format())) {
            Optional<String> missing = pdfFont.problem();
            if (missing.isPresent()) {
                Map<String, Object> m = pages.model(request, "error.title");
                m.put("status", HttpStatus.SERVICE_UNAVAILABLE.getCode());
                m.put("messageKey", "export.pdfFontMissing");
                m.put("detail", missing.get());
                return pages.page(request, HttpStatus.SERVICE_UNAVAILABLE, "error", m);
            }
        }
        long[] at = new long[1];
        try {
            SpooledExport.Spooled s = SpooledExport.spool(out -> at[0] = writer.write(out));
            return Downloads.file(s.in(), MediaType.of(t.contentType()), at[0], s.size(), exports.filename(t, snapshotId, at[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
