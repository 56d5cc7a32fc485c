package jp.akashi.collector;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.health.CollectorHealth;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Health for load balancers, orchestrators and the demo script, from {@link CollectorHealth}: no
 * database round trip, no secrets (reasons name the component and the driver's error code only).
 * {@code /health} and {@code /health/readiness} answer 503 DOWN while commits fail, the data
 * volume is full or the evaluator keeps failing; {@code /health/liveness} is UP while the process
 * serves requests (restarting it heals none of those states).
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthController {
    private final CollectorHealth health;

    public HealthController(CollectorHealth health) {
        this.health = health;
    }

    @Get
    public HttpResponse<Map<String, Object>> health() {
        return state();
    }

    @Get("/readiness")
    public HttpResponse<Map<String, Object>> readiness() {
        return state();
    }

    @Get("/liveness")
    public Map<String, Object> liveness() {
        return Map.of("status", "UP");
    }

    private HttpResponse<Map<String, Object>> state() {
        List<CollectorHealth.Problem> problems = health.problems();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "UP" : "DOWN");
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        List<CollectorHealth.Problem> warnings = health.warnings();
        if (!warnings.isEmpty()) {
            body.put("warnings", warnings); // the status stays: they do not stop the collector's work
        }
        return HttpResponse.<Map<String, Object>>status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }
}
