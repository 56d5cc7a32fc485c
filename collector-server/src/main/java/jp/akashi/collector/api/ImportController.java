package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.export.SheetImport;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * Importing a filled-in self-assessment sheet (multipart field {@code file}): {@code dryRun=true}
 * (the default) classifies every row with an answer as new / changed / unchanged / refused and
 * stores nothing; {@code dryRun=false} stores the new and changed rows as answers by the caller,
 * all or none. Passing the preview's {@code basis} makes the import refuse (409) when the answers
 * changed since that preview.
 */
@Controller("/api/v1/frameworks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.SECURITY})
public class ImportController {
    private final SheetImport imports;

    public ImportController(SheetImport imports) {
        this.imports = imports;
    }

    @Post(value = "/{framework}/import", consumes = MediaType.MULTIPART_FORM_DATA)
    public ImportView upload(Caller caller, @PathVariable String framework, @Nullable @Part("file") CompletedFileUpload file,
                                      @Nullable @QueryValue Boolean dryRun, @Nullable @QueryValue String basis) {
        if (file == null) {
            throw Refusal.badRequest("multipart field 'file' (the .xlsx workbook) required", "ファイル（.xlsx）を選んでください");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dryRun == null || dryRun) {
            return view(imports.preview(framework, file.getFilename(), bytes), null);
        }
        SheetImport.Imported done = imports.confirm(caller, framework, file.getFilename(), bytes, null, blank(basis));
        return view(done.preview(), done.answers().stream().map(a -> a.id()).toList());
    }

    /** The preview; nulls are written, except {@code written} (the answer ids stored), there only after a confirmed import. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportView(String framework, String version, String filename, String sha256, boolean dryRun, Map<String, Integer> counts,
                             int noAnswer, List<String> sheetsRead, Map<String, NotRead> sheetsNotRead, String basis, List<Row> rows,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> written) {
    }

    /** Why a sheet of the workbook was not read. */
    @Serdeable
    public record NotRead(String reason, String reasonJa) {
    }

    /** A row with an answer: {@code current} is the stored answer it would change (null for none). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(String kind, String criterion, String id, String cell, String answer, String status, String comment, Current current,
                      String reason, String reasonJa) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Current(String status, String comment, String answeredBy, String answeredAt) {
    }

    public static ImportView view(SheetImport.Preview p, List<String> written) {
        Map<String, NotRead> notRead = new LinkedHashMap<>();
        p.sheetsNotRead().forEach((sheet, why) -> notRead.put(sheet, new NotRead(why.en(), why.ja())));
        return new ImportView(p.framework(), p.version(), p.filename(), p.sha256(), written == null, p.counts(), p.noAnswer(), p.sheetsRead(),
                notRead, p.token(), p.items().stream().map(ImportController::row).toList(), written);
    }

    private static Row row(SheetImport.Item i) {
        SheetImport.Current c = i.current();
        return new Row(i.kind(), i.criterionId(), i.id(), i.cell(), i.word(), i.status(), i.comment(),
                c == null ? null : new Current(c.status(), c.comment(), c.answeredBy(), java.time.Instant.ofEpochMilli(c.answeredAt()).toString()),
                i.reason(), i.reasonJa());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
