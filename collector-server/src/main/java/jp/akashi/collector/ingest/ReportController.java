package jp.akashi.collector.ingest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.Remote;
import jp.akashi.collector.security.Allowed;
import jp.akashi.collector.security.Caller;

/** Agents post their reports here (JSON, optionally gzip-compressed). */
@Controller("/api/v1/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    private final IngestService ingest;
    private final int maxBodyBytes;

    public ReportController(IngestService ingest, @io.micronaut.context.annotation.Value("${akashi.ingest.max-body-bytes:8388608}") int maxBodyBytes) {
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Allowed.AGENT)
    public HttpResponse<Map<String, Object>> post(Caller caller, @Body byte[] body, HttpRequest<?> request) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("empty body");
        }
        if (body.length > maxBodyBytes) {
            throw new ApiException(io.micronaut.http.HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "report body exceeds " + maxBodyBytes + " bytes (compress it, or raise akashi.ingest.max-body-bytes)");
        }
        String enc = request.getHeaders().get("Content-Encoding");
        // gzip by header, or by its magic bytes (a JSON document never starts with 0x1f)
        boolean gzip = (enc != null && enc.strip().equalsIgnoreCase("gzip"))
                || (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b);
        IngestService.Result r = ingest.ingest(caller.id(), body, gzip, Remote.address(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", r.reportId());
        out.put("assetId", r.assetId());
        out.put("status", r.duplicate() ? "duplicate" : "stored");
        return r.duplicate() ? HttpResponse.ok(out) : HttpResponse.created(out);
    }
}
