package jp.akashi.collector.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a page that micronaut-views prepared (a {@link Writable} body) while the response can
 * still change: a template error then becomes an ordinary 500 with an error page
 * ({@link ErrorPageFilter}), instead of a 200 whose body breaks off half-way. Runs just outside
 * micronaut-views' filter (phase RENDERING, before).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(RenderedPages.ORDER)
public class RenderedPages {
    /** {@code ServerFilterPhase.RENDERING.before()}: after the views filter on the way out. */
    static final int ORDER = 48751;

    @ResponseFilter
    public void render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.body() instanceof Writable page) {
            StringWriter out = new StringWriter(16384);
            try {
                page.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // console templates are HTML; a route that produces several types (a share link) would otherwise say */*
            response.body(out.toString()).contentType(WebPages.HTML);
        }
    }
}
