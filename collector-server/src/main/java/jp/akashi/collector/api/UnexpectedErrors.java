package jp.akashi.collector.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Any failure no closer handler answers: an API-shaped 500 that names nothing internal. (The
 * framework's default answer quoted the exception, which for a failed statement held its SQL and
 * bound values, a password hash among them.) The log has the whole exception under the same ref.
 */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class UnexpectedErrors implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
        return internalError(request, e);
    }

    /** The 500 answer for {@code e}, logged with a reference the answer carries. */
    static HttpResponse<?> internalError(HttpRequest<?> request, Throwable e) {
        String ref = Long.toString(System.currentTimeMillis(), 36) + "-" + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 20), 36);
        LOG.error("{} {} failed (ref {})", request.getMethod(), request.getPath(), ref, e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal error on the collector; its log has the details under ref " + ref);
        body.put("errorJa", "コレクター内部でエラーが発生しました（詳細はコレクターのログの ref " + ref + " にあります）");
        body.put("status", 500);
        body.put("ref", ref);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }
}
