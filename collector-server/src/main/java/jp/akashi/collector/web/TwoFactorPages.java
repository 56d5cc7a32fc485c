package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.TwoFactorService;

/**
 * Two-factor login in the console: a person sets up TOTP on {@code /account/two-factor} (secret,
 * {@code otpauth://} URI and its QR code; done only after one correct code; then 10 recovery
 * codes, shown on that one response and never again); admins reset a person's second factor and
 * decide (on the users page, {@link UserPages}) whether every local account must have one
 * ({@link TwoFactorGate} then insists).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TwoFactorPages {
    static final String PAGE = "/account/two-factor";

    private final TwoFactorService twoFactor;
    private final WebPages pages;

    public TwoFactorPages(TwoFactorService twoFactor, WebPages pages) {
        this.twoFactor = twoFactor;
        this.pages = pages;
    }

    @Get(PAGE)
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, Caller caller) {
        return page(request, caller, HttpStatus.OK, null, null);
    }

    /** Starts (or restarts) enrolment with a new secret; the page then shows it until a code confirms it. */
    @Post(PAGE + "/start")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> start(HttpRequest<?> request, Caller caller) {
        try {
            twoFactor.begin(caller);
        } catch (Refusal e) {
            return page(request, caller, HttpStatus.CONFLICT, pages.message(request, e), null);
        }
        return HttpResponse.seeOther(URI.create(PAGE));
    }

    /** The confirmation form: the app's first code. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodeForm(@Nullable String code) {
    }

    @Post(PAGE + "/confirm")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> confirm(HttpRequest<?> request, Caller caller, @Body @Valid CodeForm form) {
        List<String> codes;
        try {
            codes = twoFactor.confirm(caller, Uploads.text(form.code()));
        } catch (Refusal e) {
            return page(request, caller, HttpStatus.BAD_REQUEST, pages.message(request, e), null);
        }
        return page(request, caller, HttpStatus.OK, null, codes);
    }

    /** Ten new recovery codes replace the old ones (shown once). */
    @Post(PAGE + "/recovery-codes")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> recoveryCodes(HttpRequest<?> request, Caller caller) {
        List<String> codes;
        try {
            codes = twoFactor.newRecoveryCodes(caller);
        } catch (Refusal e) {
            return page(request, caller, HttpStatus.CONFLICT, pages.message(request, e), null);
        }
        return page(request, caller, HttpStatus.OK, null, codes);
    }

    /** An admin removes a person's second factor (lost phone). */
    @Post("/users/{id}/two-factor/reset")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> reset(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        try {
            twoFactor.reset(caller, id);
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.seeOther(URI.create("/users/" + id + "?done=twoFactorNone"));
        }
        return HttpResponse.seeOther(URI.create("/users/" + id + "?done=twoFactorReset"));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, Caller caller, HttpStatus status, String error, List<String> codes) {
        Map<String, Object> m = pages.model(request, "twoFactor.title");
        TwoFactorService.State state = twoFactor.state(caller.id());
        m.put("state", state);
        if (state.pending()) {
            twoFactor.pending(caller).ifPresent(e -> {
                m.put("enrolment", e);
                m.put("qr", QrSvg.dataUri(e.uri()));
            });
        }
        if (codes != null) {
            m.put("recoveryCodes", codes);
        }
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, status, "two-factor", m);
    }
}
