package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.UncheckedIOException;

import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.export.PdfRenderer;
import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/**
 * Exports: {@code <framework>.xlsx} (the self-assessment sheet), {@code <framework>.pdf} (the
 * report in Japanese) and {@code verdicts.csv} (every check on every asset), of the current
 * state or of a snapshot. Every export is audit-logged as a download.
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
                                              @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, false);
        long[] at = new long[1];
        return send(t, null, out -> at[0] = exports.exportCurrent(caller, t, version, out), at);
    }

    @Get("/snapshots/{id}/exports/{file}")
    public HttpResponse<StreamedFile> fromSnapshot(Caller caller, @PathVariable String id, @PathVariable String file,
                                                   @Nullable @QueryValue String version, @Nullable @QueryValue Boolean remediation) {
        ExportService.Target t = ExportService.Target.parse(file).withRemediation(remediation, true);
        long[] at = new long[1];
        return send(t, id, out -> at[0] = exports.exportFromSnapshot(caller, id, t, version, out), at);
    }

    private HttpResponse<StreamedFile> send(ExportService.Target t, String snapshotId, SpooledExport.Content content, long[] at) {
        try {
            if ("pdf".equals(t.format())) {
                exports.requirePdfFont();
            }
            SpooledExport.Spooled s = SpooledExport.spool(content);
            return HttpResponse.ok(new StreamedFile(s.in(), MediaType.of(t.contentType()), at[0], s.size()))
                    .header("Content-Disposition", SpooledExport.contentDisposition(exports.filename(t, snapshotId, at[0])))
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff");
        } catch (PdfRenderer.MissingFontException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
    }
}
