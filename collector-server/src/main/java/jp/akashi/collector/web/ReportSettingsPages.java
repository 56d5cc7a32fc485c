package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.export.ReportSettingsService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.store.ReportSettings;

/**
 * レポート設定 (admins only): the company the PDF, Excel and report.html name, their logo, the
 * frameworks reports show by default and the report language. Saved in the database (every
 * collector uses them) and audit-logged; new snapshots record the settings they were built with.
 */
@Controller("/report-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
public class ReportSettingsPages {
    static final String LOGO = "logo";

    private final ReportSettingsService settings;
    private final Catalog catalog;
    private final WebPages pages;

    public ReportSettingsPages(ReportSettingsService settings, Catalog catalog, WebPages pages) {
        this.settings = settings;
        this.catalog = catalog;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Map<String, Object> m = pages.model(request, "reportSettings.title");
        if ("saved".equals(done) || "logo".equals(done) || "logoRemoved".equals(done)) {
            m.put("done", pages.text(request, "reportSettings.done." + done));
        }
        return show(request, HttpStatus.OK, m);
    }

    /** The report settings form; {@code framework} is a repeated checkbox. The company name may be any text (Japanese included). */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SettingsForm(@Nullable @Size(max = 200, message = "{reportSettings.error.company}") String company, @Nullable String language, @Nullable @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> framework) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> save(HttpRequest<?> request, Caller caller, @Body @Valid SettingsForm form) {
        try {
            settings.update(caller, Uploads.text(form.company()), Uploads.text(form.language()), Uploads.list(form.framework()));
        } catch (Refusal e) {
            return refused(request, e);
        }
        return HttpResponse.seeOther(URI.create("/report-settings?done=saved"));
    }

    @Post(value = "/logo", consumes = MediaType.MULTIPART_FORM_DATA)
    @UploadCsrf
    public HttpResponse<?> logo(HttpRequest<?> request, Caller caller, @Part(CsrfFilter.FIELD) @Nullable String csrf,
                                @Part(LOGO) @Nullable CompletedFileUpload upload) {
        List<Uploads.File> files = Uploads.files(upload);
        try {
            if (files.size() != 1) {
                throw Refusal.badRequest("choose one PNG or JPEG file for the logo", "ロゴの PNG または JPEG ファイルを 1 つ選んでください。");
            }
            settings.setLogo(caller, files.get(0).filename(), files.get(0).content());
        } catch (Refusal e) {
            return refused(request, e);
        }
        return HttpResponse.seeOther(URI.create("/report-settings?done=logo"));
    }

    @Post("/logo/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> removeLogo(Caller caller) {
        settings.removeLogo(caller);
        return HttpResponse.seeOther(URI.create("/report-settings?done=logoRemoved"));
    }

    /** A company name too long comes back with the field's error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        if (FormErrors.form(e, SettingsForm.class).isEmpty()) {
            throw e;
        }
        Map<String, String> fields = FormErrors.messages(e, pages, request);
        Map<String, Object> m = pages.model(request, "reportSettings.title");
        m.put("error", FormErrors.first(fields));
        m.put("fieldErrors", fields);
        m.put("typedCompany", FormErrors.form(e, SettingsForm.class).map(SettingsForm::company).orElse(""));
        return show(request, HttpStatus.BAD_REQUEST, m);
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Refusal e) {
        Map<String, Object> m = pages.model(request, "reportSettings.title");
        m.put("error", pages.message(request, e));
        return show(request, HttpStatus.BAD_REQUEST, m);
    }

    private HttpResponse<?> show(HttpRequest<?> request, HttpStatus status, Map<String, Object> m) {
        ReportSettings s = settings.current();
        String lang = ConsoleLanguage.lang(pages.locale(request));
        m.put("settings", s);
        m.put("savedCompany", settings.savedCompany());
        m.put("defaultCompany", settings.defaultCompany() == null ? "" : settings.defaultCompany());
        m.put("languages", ReportSettings.LANGUAGES);
        m.put("frameworkNames", catalog.frameworks().stream()
                .map(f -> Map.entry(f.id(), FrameworkCards.name(f.latest(), lang))).toList());
        m.put("logoUri", s.logo() == null ? null : s.logo().dataUri());
        m.put("maxLogoKb", ReportSettingsService.MAX_LOGO_BYTES / 1024);
        m.put("maxLogoSide", ReportSettingsService.MAX_LOGO_SIDE);
        return pages.page(request, status, "report-settings", m);
    }
}
