package jp.akashi.collector;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

import jp.akashi.collector.security.Allowed;

/** Liveness for load balancers and the demo script: no secrets, no database round trip. */
@Controller("/health")
@Allowed(Allowed.PUBLIC)
public class HealthController {
    @Get
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
