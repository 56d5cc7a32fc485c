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
import io.micronaut.http.annotation.PathVariable;
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
import java.util.stream.Collectors;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.digest.DigestMailer;
import jp.akashi.collector.evaluate.ChannelSettings;
import jp.akashi.collector.evaluate.DeliveryHistory;
import jp.akashi.collector.evaluate.Notifier;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.targets.ChatReceivers;

/**
 * 通知 (admins only): the chat receivers by channel and host with the events each one gets (set
 * here), and the durable delivery history of mail and chat with status, attempts and error.
 * Never a webhook's URL: its path is the secret that lets anyone post to the channel.
 */
@Controller("/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationPages {
    private final Notifier notifier;
    private final ChannelSettings channels;
    private final DeliveryHistory history;
    private final DigestMailer mailer;
    private final ChatReceivers stored;
    private final WebPages pages;
    private final Clock clock;

    public NotificationPages(Notifier notifier, ChannelSettings channels, DeliveryHistory history, DigestMailer mailer, ChatReceivers stored,
                             WebPages pages, Clock clock) {
        this.notifier = notifier;
        this.stored = stored;
        this.channels = channels;
        this.history = history;
        this.mailer = mailer;
        this.pages = pages;
        this.clock = clock;
    }

    @Get
    @Secured(Roles.ADMIN)
    public HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Map<String, Object> m = pages.model(request, "notifications.title");
        if ("saved".equals(done) || "added".equals(done) || "removed".equals(done)) {
            m.put("done", pages.text(request, "notifications." + done));
        }
        return show(request, HttpStatus.OK, m);
    }

    /** A channel's events form; {@code event} is a repeated checkbox. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelForm(@Nullable String channel, @Nullable @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> event) {
    }

    /** The new-receiver form: its kind and URL. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReceiverForm(@Nullable String channel, @Nullable String url) {
    }

    /** Sets which events one configured chat channel gets (none ticked: the channel is muted). */
    @Post("/channels")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> channel(HttpRequest<?> request, @Body @Valid ChannelForm form) {
        Set<String> known = notifier.receivers().stream().map(Notifier.Receiver::key).collect(Collectors.toSet());
        try {
            channels.save(Uploads.text(form.channel()), known, new LinkedHashSet<>(Uploads.list(form.event())), clock.millis());
        } catch (Refusal e) {
            Map<String, Object> m = pages.model(request, "notifications.title");
            m.put("error", pages.message(request, e));
            return show(request, HttpStatus.BAD_REQUEST, m);
        }
        return HttpResponse.seeOther(URI.create("/notifications?done=saved"));
    }

    /** Adds a chat receiver; its URL is stored encrypted and never shown again. */
    @Post("/receivers")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> addReceiver(HttpRequest<?> request, Caller caller, @Body @Valid ReceiverForm form) {
        try {
            stored.add(caller, Uploads.text(form.channel()), Uploads.text(form.url()));
        } catch (Refusal e) {
            Map<String, Object> m = pages.model(request, "notifications.title");
            m.put("error", pages.message(request, e));
            m.put("newChannel", Uploads.text(form.channel())); // the URL is not echoed back
            return show(request, HttpStatus.BAD_REQUEST, m);
        }
        return HttpResponse.seeOther(URI.create("/notifications?done=added"));
    }

    @Post("/receivers/{id}/delete")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> removeReceiver(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        try {
            stored.remove(caller, id);
        } catch (Refusal e) {
            Map<String, Object> m = pages.model(request, "notifications.title");
            m.put("error", pages.message(request, e));
            return show(request, HttpStatus.NOT_FOUND, m);
        }
        return HttpResponse.seeOther(URI.create("/notifications?done=removed"));
    }

    private HttpResponse<?> show(HttpRequest<?> request, HttpStatus status, Map<String, Object> m) {
        m.put("receivers", notifier.receivers());
        Map<String, Set<String>> chosen = channels.all();
        m.put("events", ChannelSettings.EVENTS);
        m.put("chosen", notifier.receivers().stream().collect(Collectors.toMap(Notifier.Receiver::key,
                r -> chosen.getOrDefault(r.key(), new LinkedHashSet<>(ChannelSettings.EVENTS)), (a, b) -> a)));
        m.put("mailActive", mailer.active());
        m.put("channelKinds", java.util.List.of("webhook", "teams", "slack"));
        m.put("deliveries", history.recent(DeliveryHistory.PAGE));
        return pages.page(request, status, "notifications", m);
    }
}
