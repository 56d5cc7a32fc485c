package jp.akashi.collector.web;

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
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.enroll.EnrollCommands;
import jp.akashi.collector.enroll.EnrollmentService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * Enrollment tokens: create one and show the ready-to-paste enroll commands (once: only the
 * token's hash is kept), list and revoke them.
 */
@Controller("/enrollment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnrollmentPages {
    private final EnrollmentService enrollment;
    private final WebPages pages;
    private final Clock clock;
    private final String fingerprint;
    private final jp.akashi.collector.enroll.ServerUrl serverUrl;
    private final jp.akashi.collector.enroll.InstallScripts installScripts;

    public EnrollmentPages(EnrollmentService enrollment, WebPages pages, Clock clock,
                           jp.akashi.collector.config.CollectorProperties collector, jp.akashi.collector.enroll.ServerUrl serverUrl,
                           jp.akashi.collector.enroll.InstallScripts installScripts) {
        this.installScripts = installScripts;
        this.enrollment = enrollment;
        this.pages = pages;
        this.clock = clock;
        this.fingerprint = collector.tlsFingerprint();
        this.serverUrl = serverUrl;
    }

    /** A token as the list shows it, with its state at this moment. */
    public record TokenRow(AgentStore.EnrollmentToken token, String state) {
        public boolean active() {
            return "active".equals(state);
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request) {
        return pages.page(request, "enrollment", listModel(request, null, null));
    }

    @Post
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Caller caller, @Body @Valid TokenForm.Typed form) {
        TokenForm f = TokenForm.submit(enrollment, pages, request, caller, form);
        if (f.token() == null) {
            // a reload of the "created" page re-posts the form: show the list, make nothing
            return pages.page(request, f.status(), "enrollment", listModel(request, f.error(), f.alreadyCreated() ? null : form));
        }
        EnrollmentService.NewToken t = f.token();
        String server = serverUrl.of(request);
        Map<String, Object> m = pages.model(request, "enrollment.created.title");
        m.put("token", t);
        m.put("server", server);
        m.put("fingerprint", fingerprint);
        m.put("commands", EnrollCommands.forToken(server, t.token(), fingerprint));
        m.put("install", installScripts.commands(server, t.token()));
        return pages.page(request, HttpStatus.CREATED, "enrollment-created", m);
    }

    /** A note too long comes back on the list with the form as typed and the error in the reader's language. */
    @Error(exception = ConstraintViolationException.class)
    public HttpResponse<?> invalid(HttpRequest<?> request, ConstraintViolationException e) {
        Optional<TokenForm.Typed> typed = FormErrors.form(e, TokenForm.Typed.class);
        if (typed.isEmpty()) {
            throw e;
        }
        TokenForm f = TokenForm.invalid(pages, request, e);
        Map<String, Object> m = listModel(request, f.error(), typed.get());
        m.put("fieldErrors", FormErrors.messages(e, pages, request));
        return pages.page(request, f.status(), "enrollment", m);
    }

    @Post("/{id}/revoke")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(Caller caller, @PathVariable String id) {
        enrollment.revokeToken(caller, id);
        return HttpResponse.seeOther(URI.create("/enrollment?done=revoked"));
    }

    /** @param typed the refused form, shown again as typed (null: the defaults) */
    private Map<String, Object> listModel(HttpRequest<?> request, String error, TokenForm.Typed typed) {
        long now = clock.millis();
        Map<String, Object> m = pages.model(request, "enrollment.title");
        m.put("typed", Map.of("ttlHours", or(typed == null ? null : typed.ttlHours(), "24"),
                "maxUses", or(typed == null ? null : typed.maxUses(), "1"), "note", or(typed == null ? null : typed.note(), "")));
        m.put("tokens", enrollment.tokens().stream().map(t -> new TokenRow(t, state(t, now))).toList());
        m.put("formNonce", TokenForm.nonce());
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    private static String or(String typed, String fallback) {
        return typed == null ? fallback : typed;
    }

    static String state(AgentStore.EnrollmentToken t, long now) {
        if (t.revokedAt() != null) {
            return "revoked";
        }
        if (t.expiresAt() < now) {
            return "expired";
        }
        return t.uses() >= t.maxUses() ? "usedUp" : "active";
    }

}
