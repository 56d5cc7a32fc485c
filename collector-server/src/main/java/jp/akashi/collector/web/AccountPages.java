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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.Remote;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/** The person's own account: password change and language. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountPages {
    private final AuthService auth;
    private final WebPages pages;
    private final WebCookies cookies;

    public AccountPages(AuthService auth, WebPages pages, WebCookies cookies) {
        this.auth = auth;
        this.pages = pages;
        this.cookies = cookies;
    }

    @Get("/account/password")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> passwordForm(HttpRequest<?> request, Caller caller) {
        if (auth.isSsoAccount(caller.id())) {
            return passwordPage(request, caller, HttpStatus.CONFLICT, pages.text(request, "password.error.sso"));
        }
        return passwordPage(request, caller, HttpStatus.OK, null);
    }

    /** The password form; the passwords are taken exactly as typed (spaces kept), {@link PasswordRules} checks them. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasswordForm(@Nullable String current, @Nullable String password, @Nullable String confirm) {
    }

    /** The language switch: the language and the page to go back to. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LanguageForm(@Nullable String lang, @Nullable String next) {
    }

    /**
     * Changes the password. The service ends all of the person's sessions (a stolen session dies
     * with the old password); the browser then gets a fresh session with the new one.
     */
    @Post("/account/password")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> changePassword(HttpRequest<?> request, Caller caller, @Body @Valid PasswordForm form) {
        if (auth.isSsoAccount(caller.id())) {
            // the password is the identity provider's business
            return passwordPage(request, caller, HttpStatus.CONFLICT, pages.text(request, "password.error.sso"));
        }
        String current = form.current();
        String next = form.password();
        String error = PasswordRules.check(pages, request, caller.name(), next, form.confirm());
        AuthService.Login l = null;
        if (error == null) {
            try {
                l = auth.changePasswordAndReopen(caller, current, next, Remote.address(request), LoginPages.userAgent(request));
            } catch (Refusal e) {
                // a wrong current password is FORBIDDEN; a password the policy refuses says which rule
                error = e.kind() == Refusal.Kind.FORBIDDEN ? pages.text(request, "password.error.current")
                        : PasswordRules.refusal(pages, request, e, "password.error.rejected");
            }
        }
        if (error != null) {
            return passwordPage(request, caller, HttpStatus.BAD_REQUEST, error);
        }
        return HttpResponse.seeOther(URI.create("/?done=password")).cookie(cookies.session(l.token()));
    }

    /** Switches the console's language (also for visitors on the login page) and remembers it for the person. */
    @Post("/lang")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> language(HttpRequest<?> request, @Body @Valid LanguageForm form) {
        String lang = "en".equals(Uploads.text(form.lang())) ? "en" : "ja";
        Caller.of(request).filter(Caller::isUser).ifPresent(c -> auth.setLocale(c, lang));
        return HttpResponse.seeOther(URI.create(WebRoutes.safeNext(Uploads.text(form.next())))).cookie(cookies.lang(lang));
    }

    private MutableHttpResponse<?> passwordPage(HttpRequest<?> request, Caller caller, HttpStatus status, String error) {
        Map<String, Object> m = pages.model(request, "password.title");
        m.put("mustChange", auth.mustChangePassword(caller.id()));
        m.put("sso", auth.isSsoAccount(caller.id()));
        m.put("minLength", AuthService.MIN_PASSWORD_LENGTH);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, status, "password", m);
    }
}
