package jp.akashi.collector.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/**
 * The head of the API document that micronaut-openapi writes at compile time from the
 * controllers' annotations (META-INF/swagger/akashi-collector-api.yml in the jar; settings in
 * collector-server/openapi.properties). {@link OpenApiController} serves it at GET /openapi.yml
 * and the console shows it to admins with Swagger UI (web.ApiDocsPages, /api-docs). There is no
 * document-wide security requirement: micronaut-openapi gives each operation its route's
 * {@code @Secured} roles (as the scopes of {@value #BEARER}), and an operation without one is open.
 */
@OpenAPIDefinition(
        info = @Info(
                title = "Akashi collector API",
                version = "${akashi.version}",
                description = ApiDocument.DESCRIPTION),
        servers = @Server(url = "/"))
@SecurityScheme(
        name = ApiDocument.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A person's token from POST /api/v1/auth/login or an API token, or an agent's "
                + "credential (aka_…) from enrollment: Authorization: Bearer <token>.")
@SecurityScheme(
        name = ApiDocument.SESSION,
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE,
        paramName = "AKASHI_SESSION",
        description = "The console's session cookie (AKASHI_SESSION). A request that changes something with "
                + "the cookie must also send the session's CSRF token in the X-CSRF-Token header.")
public final class ApiDocument {
    static final String BEARER = "bearer";
    static final String SESSION = "session";

    static final String DESCRIPTION = """
            Akashi (証) collects technical security evidence and evaluates it against Japanese security \
            frameworks (METI SCS ★3/★4, Kubota v2.0, 安全・安心マーク). All endpoints take and return JSON \
            unless stated. Log in with POST /api/v1/auth/login and send the token as \
            `Authorization: Bearer <token>`. Agents authenticate with their own credential (`aka_…`).
            
            Errors are `{"error": "…", "status": N}` with a 4xx/5xx status (and `errorJa`, the same in \
            Japanese, where the problem is one a person or an agent must fix); a refused request changes \
            nothing. Responses are never cached (`Cache-Control: no-store`). Upload limit: 20 MB per \
            evidence file and for the files of one answer together; a request body may be at most 21 MB, \
            a larger one gets 413 with the same error body. Reports have their own limit \
            (`akashi.ingest.max-body-bytes`, 8 MB); their format is docs/INGEST.md.
            
            This document is generated from the collector's code when it is built (micronaut-openapi).""";

    private ApiDocument() {
    }
}
