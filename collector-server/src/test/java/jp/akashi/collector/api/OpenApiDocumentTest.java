package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** Every /api route (and the share links, which outsiders call) is described in openapi.yml, and the document describes no route that does not exist. */
class OpenApiDocumentTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void documentMatchesTheRoutes() throws Exception {
        TestCollector.Response r = c.get("/openapi.yml", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.body());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> routes = new TreeSet<>();
        c.bean(Router.class).uriRoutes().forEach(route -> {
            UriRouteInfo<?, ?> info = route;
            String path = info.getUriMatchTemplate().toPathString();
            if ((path.startsWith("/api/") || path.startsWith("/share/")) && !"HEAD".equals(info.getHttpMethodName())) {
                routes.add(info.getHttpMethodName() + " " + path);
            }
        });
        assertThat(documented).as("openapi.yml paths vs. the collector's /api routes").isEqualTo(routes);
    }
}
