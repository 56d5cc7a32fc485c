package jp.akashi.collector.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;

import java.util.Map;

import jp.akashi.collector.answer.UploadPolicy;

/**
 * A body over the server's request limit (micronaut.server.max-request-size): 413 in the API's
 * error shape with the limit a person can act on, instead of Micronaut's own error document —
 * whether the body was refused while read (ContentLengthExceededException) or at once by its
 * Content-Length. Console routes get their error page from the same status.
 */
@Controller
public class RequestTooLarge {
    static final long MB = UploadPolicy.MAX_BYTES / 1024 / 1024;
    static final String MESSAGE = "request body too large: evidence files may have up to " + MB
            + " MB (each, and the files of one answer together); reports have their own limit (akashi.ingest.max-body-bytes)";
    static final String MESSAGE_JA = "送信されたデータが大きすぎます。証跡ファイルは1ファイルも1回の送信の合計も " + MB + " MB までです";

    @Error(global = true, exception = ContentLengthExceededException.class)
    public HttpResponse<Map<String, Object>> exceeded(HttpRequest<?> request, ContentLengthExceededException e) {
        return body();
    }

    @Error(global = true, status = HttpStatus.REQUEST_ENTITY_TOO_LARGE)
    public HttpResponse<Map<String, Object>> status(HttpRequest<?> request) {
        return body();
    }

    static HttpResponse<Map<String, Object>> body() {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(Map.of("error", MESSAGE, "errorJa", MESSAGE_JA, "status", HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()));
    }
}
