package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.function.LongFunction;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.api.ExportController;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/**
 * Exports from the console: {@code <framework>.xlsx} (the self-assessment sheet; Kubota's is the
 * supplier self-assessment file), {@code <framework>.pdf} and {@code verdicts.csv}, of the current
 * state ({@code /exports/…}), of the state at a past date ({@code /exports/…?at=2026-10-31}: the
 * latest snapshot taken by then, else the verdict history, verdicts only) or of a snapshot
 * ({@code /snapshots/{id}/exports/…}). The files come
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
                                   @Nullable @QueryValue Boolean remediation, @Nullable @QueryValue String at) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, false).forViewer(viewer(request));
        if (at != null) {
            LocalDate day = ComplianceService.parseDay(at);
            ExportService.AsOf[] asOf = new ExportService.AsOf[1];
            HttpResponse<?> r = send(request, t, out -> {
                asOf[0] = exports.exportAt(caller, t, blank(version), day, out);
                return asOf[0].at();
            }, shown -> exports.filename(t, asOf[0]));
            return r instanceof MutableHttpResponse<?> m && asOf[0] != null ? ExportController.asOfHeaders(m, asOf[0]) : r;
        }
        return send(request, t, out -> exports.exportCurrent(caller, t, blank(version), out), shown -> exports.filename(t, null, shown));
    }

    @Get("/snapshots/{id}/exports/{file}")
    public HttpResponse<?> fromSnapshot(HttpRequest<?> request, Caller caller, @PathVariable String id, @PathVariable String file,
                                        @Nullable @QueryValue String version, @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, true).forViewer(viewer(request));
        return send(request, t, out -> exports.exportFromSnapshot(caller, id, t, blank(version), out), shown -> exports.filename(t, id, shown));
    }

    /** Writes an export and returns the instant it shows. */
    @FunctionalInterface
    interface Writer {
        long write(java.io.OutputStream out) throws IOException;
    }

    /** The export of a snapshot as a download (also for share links' reports, {@link SharePages}). */
    HttpResponse<?> send(HttpRequest<?> request, ExportService.Target t, String snapshotId, Writer writer) {
        return send(request, t, writer, shown -> exports.filename(t, snapshotId, shown));
    }

    /** The export as a download, or the page of a missing PDF font. */
    private HttpResponse<?> send(HttpRequest<?> request, ExportService.Target t, Writer writer, LongFunction<String> filename) {
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
            return Downloads.file(s.in(), MediaType.of(t.contentType()), at[0], s.size(), filename.apply(at[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
    }

    /** The console language of the person exporting (the report language when the report settings say "the viewer's"). */
    private String viewer(HttpRequest<?> request) {
        return ConsoleLanguage.lang(pages.locale(request));
    }

        private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
