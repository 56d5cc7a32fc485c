package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.Map;

import jp.akashi.collector.evaluate.Notifier;
import jp.akashi.collector.security.Roles;

/**
 * 通知 (admins only): the receivers of degradation notifications by channel and host, and the
 * last deliveries with their status, attempts and error. Never a webhook's URL: its path is the
 * secret that lets anyone post to the channel.
 */
@Controller("/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationPages {
    private final Notifier notifier;
    private final WebPages pages;

    public NotificationPages(Notifier notifier, WebPages pages) {
        this.notifier = notifier;
        this.pages = pages;
    }

    @Get
    @Secured(Roles.ADMIN)
    public HttpResponse<?> page(HttpRequest<?> request) {
        Map<String, Object> m = pages.model(request, "notifications.title");
        m.put("receivers", notifier.receivers());
        m.put("deliveries", notifier.log().recent());
        return pages.page(request, "notifications", m);
    }
}
