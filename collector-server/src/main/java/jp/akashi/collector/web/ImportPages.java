package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.export.SheetImport;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * Importing a filled-in self-assessment sheet in the console: upload the .xlsx, see every row as
 * new / changed / unchanged / refused (nothing is stored yet), then confirm — which stores the
 * previewed file's new and changed rows ({@link ImportPreviews} holds the exact bytes), or says
 * the answers changed since the preview (409) and asks for a new one.
 */
@Controller("/frameworks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.SECURITY})
public class ImportPages {
    static final String FILE = "file";
    /** The badge of each kind of row (Bootstrap's own colours). */
    static final Map<String, String> KIND_CLASS = Map.of(SheetImport.NEW, "text-bg-primary", SheetImport.CHANGED, "text-bg-warning",
            SheetImport.UNCHANGED, "text-bg-light", SheetImport.REFUSED, "text-bg-danger");

    private final SheetImport imports;
    private final ImportPreviews previews;
    private final Catalog catalog;
    private final WebPages pages;

    ImportPages(SheetImport imports, ImportPreviews previews, Catalog catalog, WebPages pages) {
        this.imports = imports;
        this.previews = previews;
        this.catalog = catalog;
        this.pages = pages;
    }

    @Get("/{framework}/import")
    public HttpResponse<?> form(HttpRequest<?> request, @PathVariable String framework) {
        Map<String, Object> m = model(request, framework);
        try {
            imports.importable(framework);
        } catch (Refusal e) {
            return refused(request, m, e);
        }
        request.getParameters().getFirst("stored").filter(n -> n.matches("[0-9]{1,6}"))
                .ifPresent(n -> m.put("done", pages.text(request, "import.stored", n)));
        return pages.page(request, "import", m);
    }

    @Post(value = "/{framework}/import", consumes = MediaType.MULTIPART_FORM_DATA)
    @UploadCsrf
    public HttpResponse<?> preview(HttpRequest<?> request, Caller caller, @PathVariable String framework,
                                   @Part(CsrfFilter.FIELD) @Nullable String csrf, @Part(FILE) @Nullable CompletedFileUpload upload) {
        Map<String, Object> m = model(request, framework);
        List<Uploads.File> files = Uploads.files(upload);
        if (files.size() != 1) {
            return error(request, m, HttpStatus.BAD_REQUEST, pages.text(request, "import.error.file"));
        }
        Uploads.File f = files.get(0);
        SheetImport.Preview p;
        try {
            p = imports.preview(framework, f.filename(), f.content());
        } catch (Refusal e) {
            return refused(request, m, e);
        }
        m.put("preview", p);
        m.put("previewId", previews.put(caller.name(), framework, f.filename(), f.content(), p.basis()));
        return pages.page(request, "import", m);
    }

    @Post(value = "/{framework}/import/{preview}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> confirm(HttpRequest<?> request, Caller caller, @PathVariable String framework, @PathVariable String preview) {
        Map<String, Object> m = model(request, framework);
        Optional<ImportPreviews.Held> held = previews.get(preview, caller.name(), framework);
        if (held.isEmpty()) {
            return error(request, m, HttpStatus.GONE, pages.text(request, "import.error.expired"));
        }
        ImportPreviews.Held h = held.get();
        SheetImport.Imported done;
        try {
            done = imports.confirm(caller, framework, h.filename(), h.bytes(), h.basis(), null);
        } catch (Refusal e) {
            previews.remove(preview);
            return refused(request, m, e);
        }
        previews.remove(preview);
        return HttpResponse.seeOther(URI.create(Links.query("/frameworks/" + Links.enc(framework) + "/import", "stored",
                String.valueOf(done.answers().size()))));
    }

    private Map<String, Object> model(HttpRequest<?> request, String framework) {
        FrameworkVersion v = catalog.latest(framework).orElseThrow(() -> ApiException.notFound("no framework " + framework));
        Map<String, Object> m = pages.model(request, "import.title");
        m.put("framework", framework);
        m.put("frameworkName", FrameworkCards.name(v, ConsoleLanguage.lang(pages.locale(request))));
        m.put("version", v.version());
        m.put("kindClass", KIND_CLASS);
        return m;
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Map<String, Object> m, Refusal e) {
        return error(request, m, RefusalStatus.of(e), pages.message(request, e));
    }

    private HttpResponse<?> error(HttpRequest<?> request, Map<String, Object> m, HttpStatus status, String text) {
        m.put("error", text);
        return pages.page(request, status, "import", m);
    }
}
