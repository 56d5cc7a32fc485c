package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * Deny by default: a route that declares no {@code @Secured} rule is refused to everyone, admin
 * included, so that a forgotten annotation cannot open an endpoint. The route exists only in this
 * test's collector.
 */
class UnruledRouteTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false, "akashi.test.unruled-route", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void aRouteWithoutARuleIsRefusedToEveryCaller() {
        TestCollector.Response anonymous = c.get("/api/v1/unruled", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue(AccessRefusals.REFUSAL_HEADER)).contains("access");
        TestCollector.Response admin = c.get("/api/v1/unruled", c.adminToken());
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().get("error").asText()).isEqualTo("your role (admin) may not do this");
        assertThat(c.get("/api/v1/unruled", c.enrollAgent()[1]).status()).isEqualTo(403);
    }

    @Controller("/api/v1/unruled")
    @Requires(property = "akashi.test.unruled-route", value = "true")
    static class Unruled {
        @Get
        String open() {
            return "should never be reached";
        }
    }
}
