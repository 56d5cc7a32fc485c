package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

import jp.akashi.collector.security.Roles;

/**
 * The API document (GET /openapi.yml, generated at build time by micronaut-openapi) in Swagger UI,
 * for admins. Swagger UI's own files are those micronaut-openapi copies into the jar
 * (META-INF/swagger/views/swagger-ui/res, mapped at /swagger-ui/** in application.yml); the page is
 * the console's, so no inline script is needed under the Content-Security-Policy (/static/api-docs.js
 * starts Swagger UI).
 */
@Controller("/api-docs")
public class ApiDocsPages {
    static final String PATH = "/api-docs";

    private final WebPages pages;

    public ApiDocsPages(WebPages pages) {
        this.pages = pages;
    }

    @Get
    @Secured(Roles.ADMIN)
    public HttpResponse<?> show(HttpRequest<?> request) {
        return pages.page(request, "api-docs", pages.model(request, "apiDocs.title"));
    }
}
