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
    public Map<String, Object> upload(Caller caller, @PathVariable String framework, @Nullable @Part("file") CompletedFileUpload file,
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

    /** The preview as JSON; {@code written} (the answer ids stored) only after a confirmed import. */
    public static Map<String, Object> view(SheetImport.Preview p, List<String> written) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", p.framework());
        m.put("version", p.version());
        m.put("filename", p.filename());
        m.put("sha256", p.sha256());
        m.put("dryRun", written == null);
        m.put("counts", p.counts());
        m.put("noAnswer", p.noAnswer());
        m.put("sheetsRead", p.sheetsRead());
        Map<String, Object> notRead = new LinkedHashMap<>();
        p.sheetsNotRead().forEach((sheet, why) -> notRead.put(sheet, Map.of("reason", why.en(), "reasonJa", why.ja())));
        m.put("sheetsNotRead", notRead);
        m.put("basis", p.token());
        m.put("rows", p.items().stream().map(ImportController::row).toList());
        if (written != null) {
            m.put("written", written);
        }
        return m;
    }

    private static Map<String, Object> row(SheetImport.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind());
        m.put("criterion", i.criterionId());
        m.put("id", i.id());
        m.put("cell", i.cell());
        m.put("answer", i.word());
        m.put("status", i.status());
        m.put("comment", i.comment());
        if (i.current() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", i.current().status());
            c.put("comment", i.current().comment());
            c.put("answeredBy", i.current().answeredBy());
            c.put("answeredAt", java.time.Instant.ofEpochMilli(i.current().answeredAt()).toString());
            m.put("current", c);
        } else {
            m.put("current", null);
        }
        m.put("reason", i.reason());
        m.put("reasonJa", i.reasonJa());
        return m;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
