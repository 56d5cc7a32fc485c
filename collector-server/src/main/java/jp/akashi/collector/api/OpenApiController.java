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

/** Serves the API description (openapi.yml); OpenApiDocumentTest keeps it in step with the routes. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {
    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yml missing from the collector jar");
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
