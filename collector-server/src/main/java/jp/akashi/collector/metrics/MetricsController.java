package jp.akashi.collector.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import jp.akashi.collector.Refusal;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Operators' metrics in the Prometheus text format. The route is public to the authentication
 * filter because a scraper is no user or agent; {@link ScrapeAccess} decides (token or admin).
 */
@Controller(MetricsController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetricsController {
    public static final String PATH = "/metrics";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final ScrapeAccess access;

    public MetricsController(PrometheusMeterRegistry registry, ScrapeAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> scrape(HttpRequest<?> request) {
        try {
            access.check(request);
        } catch (Refusal e) {
            // the scrape rule is an access rule like the filter's: say so, as the filter does
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (e.ja() != null) {
                body.put("errorJa", e.ja());
            }
            body.put("status", e.status());
            return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(e.status())).body(body).header(jp.akashi.collector.security.AccessRefusals.REFUSAL_HEADER, "access");
        }
        return HttpResponse.ok(registry.scrape()).contentType(MediaType.of(PROMETHEUS_TEXT)).header("Cache-Control", "no-store");
    }
}
