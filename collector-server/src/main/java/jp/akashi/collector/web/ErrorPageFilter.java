package jp.akashi.collector.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns error responses outside the API (access refused by the auth or CSRF filters, service
 * errors, unknown pages) into a console page in the person's language, instead of JSON. It runs
 * outermost (before the auth filter) so that it also sees responses those filters produce.
 * Only 400 and 409 show the service's own detail, since those tell the person what to fix.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-100) // outside micronaut-security's filter and CsrfFilter, so it sees the responses they cut short
public class ErrorPageFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageFilter.class);
    private final WebPages pages;

    public ErrorPageFilter(WebPages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    public void render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        // machines' endpoints keep their JSON errors: the API and the metrics scrape
        if (status < 400 || WebRoutes.api(request) || SecurityHeadersFilter.isStatic(request.getPath())
                || request.getPath().equals("/health") || request.getPath().startsWith("/health/")
                || request.getPath().equals(jp.akashi.collector.metrics.MetricsController.PATH)
                || response.getContentType().map(t -> t.getName().equals(MediaType.TEXT_HTML)).orElse(false)) {
            return;
        }
        Map<?, ?> body = response.getBody(Map.class).orElse(Map.of());
        Map<String, Object> model = pages.model(request, "error.title");
        model.put("status", status);
        model.put("messageKey", messageKey(status, body.get("reason")));
        if (status == 400 || status == 409 || status == 503) {
            // the reason in the person's language where the error has one (errorJa)
            Object ja = "ja".equals(ConsoleLanguage.lang(pages.locale(request))) ? body.get("errorJa") : null;
            Optional.ofNullable(ja != null ? ja : body.get("error")).map(Object::toString).ifPresent(d -> model.put("detail", d));
        }
        try {
            response.body(pages.html(request, "error", model)).contentType(WebPages.HTML);
        } catch (RuntimeException e) {
            // keep the original (JSON) error rather than failing the response
            LOG.warn("cannot render the error page for status {}", status, e);
        }
    }

    static String messageKey(int status, Object reason) {
        if (CsrfFilter.REASON.equals(reason)) {
            return "error.csrf";
        }
        return switch (status) {
            case 400 -> "error.badRequest";
            case 403 -> "error.forbidden";
            case 404 -> "error.notFound";
            case 409 -> "error.conflict";
            case 413 -> "error.tooLarge";
            case 429 -> "error.throttled";
            default -> status >= 500 ? "error.server" : "error.generic";
        };
    }
}
