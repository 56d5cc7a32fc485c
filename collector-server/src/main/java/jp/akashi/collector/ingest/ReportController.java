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

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.Remote;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/** Agents post their reports here (JSON, optionally gzip-compressed). */
@Controller("/api/v1/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    private final IngestService ingest;
    private final int maxBodyBytes;
    private final jp.akashi.collector.health.CollectorHealth health;
    private final jp.akashi.collector.metrics.IngestMetrics metrics;
    private final jp.akashi.collector.enroll.AgentUpdatePolicy updates;

    public ReportController(IngestService ingest, IngestProperties limits,
                            jp.akashi.collector.health.CollectorHealth health, jp.akashi.collector.metrics.IngestMetrics metrics,
                            jp.akashi.collector.enroll.AgentUpdatePolicy updates) {
        this.ingest = ingest;
        this.updates = updates;
        this.metrics = metrics;
        this.maxBodyBytes = limits.maxBodyBytes();
        this.health = health;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.AGENT)
    public HttpResponse<Map<String, Object>> post(Caller caller, @Body byte[] body, HttpRequest<?> request) {
        try {
            HttpResponse<Map<String, Object>> answer = accept(caller, body, request);
            metrics.accepted(answer.status() == io.micronaut.http.HttpStatus.OK);
            return answer;
        } catch (RuntimeException e) {
            metrics.notAccepted(e);
            throw e;
        }
    }

    private HttpResponse<Map<String, Object>> accept(Caller caller, byte[] body, HttpRequest<?> request) {
        if (body == null || body.length == 0) {
            throw FieldRefusal.of("body", "empty body", "本文が空です");
        }
        if (body.length > maxBodyBytes) {
            throw new Refusal(Refusal.Kind.TOO_LARGE,
                    "report body exceeds " + maxBodyBytes + " bytes (compress it, or raise akashi.ingest.max-body-bytes)",
                    "報告の本文が " + maxBodyBytes + " バイトを超えています（圧縮するか akashi.ingest.max-body-bytes を増やしてください）");
        }
        // a damaged database or a data volume below its floor acknowledges nothing: 503, Retry-After
        health.refusal().ifPresent(refusal -> {
            throw refusal;
        });
        boolean gzip = gzipped(request.getHeaders().getAll("Content-Encoding"), body);
        IngestService.Result r = ingest.ingest(caller.id(), body, gzip, Remote.address(request),
                sentAt(request.getHeaders().get(SENT_AT_HEADER)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", r.reportId());
        out.put("assetId", r.assetId());
        out.put("status", r.duplicate() ? "duplicate" : "stored");
        // an administrator allows self-update and this agent is older: where to get the signed package
        updates.offerFor(r.agentVersion()).ifPresent(offer -> out.put("update", offer));
        return r.duplicate() ? HttpResponse.ok(out) : HttpResponse.created(out);
    }

    /** The agent's clock when it sent the request (epoch milliseconds), for the clock-skew warning. */
    public static final String SENT_AT_HEADER = "X-Akashi-Sent-At";

    /**
     * The header's value, or null when absent or not a plain number of milliseconds: a garbled
     * optional header must not cost the report (the skew then stays unknown).
     */
    static Long sentAt(String header) {
        if (header == null || header.isEmpty() || header.length() > 15 || !header.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(header);
    }

    /**
     * Whether the body is gzip: by header, or by its magic bytes (a JSON document never starts
     * with 0x1f). The server does not decompress requests itself (request-decompression-enabled
     * is off): a body that does not decode is the sender's error, a 400 the agent keeps aside
     * instead of retrying, and the decompressed size is bounded here.
     */
    static boolean gzipped(java.util.List<String> contentEncoding, byte[] body) {
        boolean gzip = body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        int codings = 0;
        for (String header : contentEncoding) {
            for (String token : header.split(",")) {
                String t = token.strip().toLowerCase(java.util.Locale.ROOT);
                if (t.isEmpty() || t.equals("identity")) {
                    continue;
                }
                if (!t.equals("gzip") && !t.equals("x-gzip")) {
                    throw FieldRefusal.of("Content-Encoding", FieldRefusal.shown(t, 40) + " is not supported (send gzip or no encoding)",
                            FieldRefusal.shown(t, 40) + " には対応していません（gzip か無圧縮で送ってください）");
                }
                codings++;
            }
        }
        if (codings > 1) {
            throw FieldRefusal.of("Content-Encoding", "one gzip layer at most", "gzip は 1 段までです");
        }
        if (codings == 1 && !gzip) {
            throw FieldRefusal.of("Content-Encoding", "says gzip, but the body is not gzip", "gzip とありますが、本文は gzip ではありません");
        }
        return gzip;
    }
}
