package jp.akashi.collector.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

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
            PageText out = new PageText();
            try {
                page.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // console templates are HTML; a route that produces several types (a share link) would otherwise say */*
            response.body(out.text.toString()).contentType(WebPages.HTML);
        }
    }

    /**
     * A page's text as Thymeleaf writes it: a StringWriter without StringBuffer's lock, which it
     * took on each of the many small writes of a page (a profile of bench-web found 9 % of the
     * template samples there).
     */
    private static final class PageText extends Writer {
        final StringBuilder text = new StringBuilder(16384);

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            text.append(s, off, off + len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
