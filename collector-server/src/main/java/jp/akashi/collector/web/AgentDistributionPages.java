package jp.akashi.collector.web;

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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.enroll.AgentPackages;
import jp.akashi.collector.enroll.EnrollmentService;
import jp.akashi.collector.enroll.InstallScripts;
import jp.akashi.collector.enroll.ServerUrl;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * エージェントの配布: the packages this collector serves with their SHA-256, and a one-line
 * install per OS with a fresh token (made once per form, shown once). The installers and the
 * packages themselves are public: they hold no secret, and a host that installs has no login.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentDistributionPages {
    private static final MediaType SHELL = new MediaType("text/x-shellscript; charset=utf-8");
    private static final MediaType PLAIN = MediaType.of("text/plain; charset=utf-8");

    private final AgentPackages packages;
    private final InstallScripts scripts;
    private final EnrollmentService enrollment;
    private final ServerUrl serverUrl;
    private final WebPages pages;
    private final jp.akashi.collector.enroll.AgentUpdatePolicy updates;

    public AgentDistributionPages(AgentPackages packages, InstallScripts scripts, EnrollmentService enrollment,
                                  ServerUrl serverUrl, WebPages pages, jp.akashi.collector.enroll.AgentUpdatePolicy updates) {
        this.updates = updates;
        this.packages = packages;
        this.scripts = scripts;
        this.enrollment = enrollment;
        this.serverUrl = serverUrl;
        this.pages = pages;
    }

    @Get("/agents/deploy")
    @Secured(Roles.ADMIN)
    public HttpResponse<?> page(HttpRequest<?> request) {
        return pages.page(request, "agent-deploy", model(request, null));
    }

    /** The self-update form: the agent jar to allow. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SelfUpdateForm(@Nullable String file) {
    }

    /** A token for the one-line installs; a second post of the same form makes none (409). */
    @Post("/agents/deploy")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> token(HttpRequest<?> request, Caller caller, @Body @Valid TokenForm.Typed form) {
        TokenForm f = TokenForm.submit(enrollment, pages, request, caller, form);
        if (f.token() == null) {
            return pages.page(request, f.status(), "agent-deploy", model(request, f.error()));
        }
        EnrollmentService.NewToken t = f.token();
        Map<String, Object> m = model(request, null);
        m.put("token", t);
        m.put("commands", scripts.commands(serverUrl.of(request), t.token()));
        return pages.page(request, HttpStatus.CREATED, "agent-deploy", m);
    }

    /** A token form whose note is too long is shown again with the error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        if (FormErrors.form(e, TokenForm.Typed.class).isEmpty()) {
            throw e;
        }
        TokenForm f = TokenForm.invalid(pages, request, e);
        Map<String, Object> m = model(request, f.error());
        m.put("fieldErrors", FormErrors.messages(e, pages, request));
        FormErrors.form(e, TokenForm.Typed.class).ifPresent(t -> m.put("typedNote", t.note()));
        return pages.page(request, f.status(), "agent-deploy", m);
    }

    /** Allows agents to update themselves to the chosen agent jar (audit-logged; the hash is fixed and signed now). */
    @Post("/agents/deploy/self-update")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> allowSelfUpdate(HttpRequest<?> request, Caller caller, @Body @Valid SelfUpdateForm form) {
        try {
            updates.allow(caller, Uploads.text(form.file()));
        } catch (Refusal e) {
            return pages.page(request, jp.akashi.collector.api.RefusalStatus.of(e), "agent-deploy", model(request, pages.message(request, e)));
        }
        return HttpResponse.seeOther(java.net.URI.create("/agents/deploy?done=selfupdateon#self-update"));
    }

    @Post("/agents/deploy/self-update/withdraw")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> withdrawSelfUpdate(Caller caller) {
        updates.disallow(caller);
        return HttpResponse.seeOther(java.net.URI.create("/agents/deploy?done=selfupdateoff#self-update"));
    }

    @Get("/agent/install.sh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> shell(HttpRequest<?> request) {
        return script(scripts.shell(serverUrl.of(request)), SHELL);
    }

    @Get("/agent/install.ps1")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> powershell(HttpRequest<?> request) {
        return script(scripts.powershell(serverUrl.of(request)), PLAIN);
    }

    @Get("/agent/packages/{file}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> download(@PathVariable String file) throws IOException {
        AgentPackages.AgentPackage pkg = packages.get(file).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no such agent package: " + file.replaceAll("[^A-Za-z0-9._~+-]", "?"), "そのエージェントパッケージはありません"));
        Path p = packages.directory().resolve(pkg.file());
        return Downloads.file(Files.newInputStream(p), MediaType.APPLICATION_OCTET_STREAM_TYPE, Files.getLastModifiedTime(p).toMillis(),
                pkg.size(), pkg.file()).header("X-Akashi-Sha256", pkg.sha256());
    }

    private static HttpResponse<String> script(String text, MediaType type) {
        return HttpResponse.ok(text).contentType(type).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    private Map<String, Object> model(HttpRequest<?> request, String error) {
        Map<String, Object> m = pages.model(request, "deploy.title");
        java.util.List<AgentPackages.AgentPackage> all = packages.list();
        m.put("packages", all);
        m.put("jarPackages", all.stream().filter(p -> p.kind().equals("jar")).toList());
        m.put("selfUpdate", updates.current().orElse(null));
        m.put("packageDir", packages.directory().toString());
        m.put("server", serverUrl.of(request));
        m.put("formNonce", TokenForm.nonce());
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
