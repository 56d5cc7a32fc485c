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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.digest.DigestMailer;
import jp.akashi.collector.digest.DigestProperties;
import jp.akashi.collector.digest.MailSettings;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * The person's own mail settings (メール通知): the address, whether the daily digest comes and
 * which of its sections; the language is the console language the person chose. Shows the last
 * days' outcomes, so a person sees why no digest came.
 */
@Controller("/account/mail")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountMailPages {
    private final MailSettings settings;
    private final DigestMailer mailer;
    private final DigestProperties digest;
    private final WebPages pages;
    private final Clock clock;

    public AccountMailPages(MailSettings settings, DigestMailer mailer, DigestProperties digest, WebPages pages, Clock clock) {
        this.settings = settings;
        this.mailer = mailer;
        this.digest = digest;
        this.pages = pages;
        this.clock = clock;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> page(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String done) {
        MailSettings.Setting s = settings.of(caller.id()).orElse(null);
        Map<String, Object> m = model(request, caller, s == null ? "" : s.email(), s == null || s.digest(),
                s == null ? new LinkedHashSet<>(MailSettings.SECTIONS) : s.sections());
        if ("saved".equals(done)) {
            m.put("done", pages.text(request, "mail.saved"));
        }
        return pages.page(request, "account-mail", m);
    }

    /** The mail settings form; {@code section} is a repeated checkbox. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MailForm(@Nullable String email, @Nullable String digest,
                           @Nullable @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> section) {
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> save(HttpRequest<?> request, Caller caller, @Body @Valid MailForm form) {
        String email = Uploads.text(form.email());
        boolean on = "on".equals(Uploads.text(form.digest()));
        Set<String> sections = new LinkedHashSet<>(Uploads.list(form.section()));
        try {
            settings.save(caller.id(), email, on, sections, clock.millis());
        } catch (Refusal e) {
            Map<String, Object> m = model(request, caller, email == null ? "" : email, on, sections);
            m.put("error", pages.message(request, e));
            return pages.page(request, HttpStatus.BAD_REQUEST, "account-mail", m);
        }
        return HttpResponse.seeOther(URI.create("/account/mail?done=saved"));
    }

    private Map<String, Object> model(HttpRequest<?> request, Caller caller, String email, boolean on, Set<String> sections) {
        Map<String, Object> m = pages.model(request, "mail.title");
        m.put("email", email);
        m.put("digestOn", on);
        m.put("sections", MailSettings.SECTIONS);
        m.put("chosen", sections);
        m.put("mailActive", mailer.active());
        m.put("digestTime", digest.localTime().toString());
        m.put("runs", mailer.recentRuns(caller.id(), 7));
        return m;
    }
}
