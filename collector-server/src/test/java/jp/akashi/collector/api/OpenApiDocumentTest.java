package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * The API document that micronaut-openapi generates at compile time (in the jar at
 * {@link OpenApiController#RESOURCE}) describes every /api route of the running collector, with its
 * method, and nothing else; GET /openapi.yml serves it; its Swagger UI page (/api-docs) is the
 * admins'.
 */
class OpenApiDocumentTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static JsonNode generated() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiController.RESOURCE)) {
            assertThat(in).as(OpenApiController.RESOURCE + " on the classpath (written by the compiler)").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    static Set<String> operations(JsonNode doc) {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        return documented;
    }

    @Test
    void theGeneratedDocumentDescribesEveryApiRouteAndNoOther() throws IOException {
        JsonNode doc = generated();
        assertThat(doc.at("/info/title").asText()).isEqualTo("Akashi collector API");
        assertThat(doc.at("/info/version").asText()).as("the project's version").doesNotContain("${").isNotBlank();
        assertThat(doc.at("/components/securitySchemes").has("bearer")).isTrue();
        assertThat(doc.at("/components/securitySchemes").has("session")).isTrue();
        Set<String> routes = new TreeSet<>();
        c.bean(Router.class).uriRoutes().forEach(route -> {
            UriRouteInfo<?, ?> info = route;
            String path = info.getUriMatchTemplate().toPathString();
            if (path.startsWith("/api/") && !"HEAD".equals(info.getHttpMethodName())) {
                routes.add(info.getHttpMethodName() + " " + path);
            }
        });
        assertThat(routes).as("the collector's /api routes").hasSizeGreaterThan(50);
        assertThat(operations(doc)).as("generated document's operations vs. the collector's /api routes").isEqualTo(routes);
    }

    @Test
    void noOperationTakesTheCallerFromTheRequest() throws IOException {
        // security.Caller is bound from the authentication, not sent: it is no parameter or body field
        String text = generated().toString();
        assertThat(text).doesNotContain("#/components/schemas/Caller\"").doesNotContain("\"name\":\"caller\"");
    }

    @Test
    void getOpenapiYmlServesTheGeneratedDocument() throws IOException {
        TestCollector.Response r = c.get("/openapi.yml", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(r.body())).isEqualTo(generated());
    }

    @Test
    void swaggerUiIsTheAdminsPage() throws Exception {
        TestCollector.Response admin = c.get("/api-docs", c.adminToken());
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("id=\"swagger-ui\"").contains("/swagger-ui/swagger-ui-bundle.js")
                .contains("/static/api-docs.js").doesNotContain("<script>");
        String csp = admin.raw().headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as("the console's policy, no exception for this page").contains("script-src 'self';")
                .doesNotContain("unsafe");
        for (String file : new String[] {"/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-ui.css", "/static/api-docs.js"}) {
            assertThat(c.get(file, null).status()).as(file).isEqualTo(200);
        }

        TestCollector.Response auditor = c.get("/api-docs", c.userToken("docs-auditor", "auditor"));
        assertThat(auditor.status()).as("an auditor is refused").isEqualTo(403);
        TestCollector.Response security = c.get("/api-docs", c.userToken("docs-security", "security"));
        assertThat(security.status()).as("a security person is refused").isEqualTo(403);
        TestCollector.Response anonymous = c.get("/api-docs", null);
        assertThat(anonymous.status()).as("anonymous: to the login page").isIn(302, 303);
        assertThat(anonymous.raw().headers().firstValue("Location").orElse("")).startsWith("/login");
        assertThat(Arrays.asList(auditor.status(), anonymous.status())).doesNotContain(200);
    }
}
