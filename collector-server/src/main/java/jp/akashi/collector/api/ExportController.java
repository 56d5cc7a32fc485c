package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.export.PdfRenderer;
import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/**
 * Exports: {@code <framework>.xlsx} (the self-assessment sheet), {@code <framework>.pdf} (the
 * report in Japanese) and {@code verdicts.csv} (every check on every asset), of the current
 * state, of a snapshot, or of the state at a past date ({@code ?at=2026-10-31}: the latest snapshot
 * taken by then, else the verdict history, verdicts only; the response says which in
 * {@code X-Akashi-As-Of}, {@code X-Akashi-Source} and {@code X-Akashi-Snapshot}). Every export is
 * audit-logged as a download.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
public class ExportController {
    private final ExportService exports;

    public ExportController(ExportService exports) {
        this.exports = exports;
    }

    @Get("/exports/{file}")
    public HttpResponse<StreamedFile> current(Caller caller, @PathVariable String file, @Nullable @QueryValue String version,
                                              @Nullable @QueryValue Boolean remediation, @Nullable @QueryValue String at) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, false);
        if (at != null) {
            return atDate(caller, t, version, ComplianceService.parseDay(at));
        }
        long[] shown = new long[1];
        return send(t, out -> shown[0] = exports.exportCurrent(caller, t, version, out), () -> exports.filename(t, null, shown[0]), shown);
    }

    private HttpResponse<StreamedFile> atDate(Caller caller, ExportService.Target t, String version, java.time.LocalDate day) {
        ExportService.AsOf[] asOf = new ExportService.AsOf[1];
        long[] shown = new long[1];
        MutableHttpResponse<StreamedFile> r = send(t, out -> {
            asOf[0] = exports.exportAt(caller, t, version, day, out);
            shown[0] = asOf[0].at();
        }, () -> exports.filename(t, asOf[0]), shown);
        return asOfHeaders(r, asOf[0]);
    }

    /** Says what an export of a date is the state of. */
    public static <T> MutableHttpResponse<T> asOfHeaders(MutableHttpResponse<T> r, ExportService.AsOf a) {
        r.header("X-Akashi-As-Of", a.day().toString()).header("X-Akashi-Source", a.source().wire());
        if (a.snapshotId() != null) {
            r.header("X-Akashi-Snapshot", a.snapshotId());
        }
        return r;
    }

    @Get("/snapshots/{id}/exports/{file}")
    public HttpResponse<StreamedFile> fromSnapshot(Caller caller, @PathVariable String id, @PathVariable String file,
                                                   @Nullable @QueryValue String version, @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, true);
        long[] at = new long[1];
        return send(t, out -> at[0] = exports.exportFromSnapshot(caller, id, t, version, out), () -> exports.filename(t, id, at[0]), at);
    }

    private MutableHttpResponse<StreamedFile> send(ExportService.Target t, SpooledExport.Content content, Supplier<String> filename,
                                                   long[] at) {
        try {
            if ("pdf".equals(t.format())) {
                exports.requirePdfFont();
            }
            SpooledExport.Spooled s = SpooledExport.spool(content);
            return HttpResponse.ok(new StreamedFile(s.in(), MediaType.of(t.contentType()), at[0], s.size()))
                    .header("Content-Disposition", SpooledExport.contentDisposition(filename.get()))
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff");
        } catch (PdfRenderer.MissingFontException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
    }
}
