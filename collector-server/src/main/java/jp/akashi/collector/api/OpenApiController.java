package jp.akashi.collector.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves the API document at GET /openapi.yml: the one micronaut-openapi generated from the
 * controllers when the collector was built ({@value #RESOURCE} in the jar; head in {@link ApiDocument},
 * settings in collector-server/openapi.properties). OpenApiDocumentTest checks it covers the routes.
 */
@Hidden // the document does not describe itself
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {
    /** Where micronaut-openapi writes the document (micronaut.openapi.filename in openapi.properties). */
    public static final String RESOURCE = "/META-INF/swagger/akashi-collector-api.yml";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the collector jar (generated at compile time)");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    public HttpResponse<byte[]> openapi() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml; charset=utf-8"));
    }
}
