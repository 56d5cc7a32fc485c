package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.api.ApiException;

/**
 * A submitted multipart/form-data form (the evidence upload): its text fields and files, read
 * from the whole request body. {@link CsrfFilter} parses every multipart console request with
 * {@link #parse}, checks the {@code _csrf} field and only then hands the form to the route
 * ({@link #of}); a route therefore never sees an upload whose token was not checked, and HTML
 * forms need no JavaScript to send the token.
 */
final class MultipartForm {
    static final String ATTRIBUTE = "akashi.multipart";
    /** More fields than any console form has; stops a body of thousands of tiny parts. */
    static final int MAX_PARTS = 64;

    /** An uploaded file: the form field it came in, the name the browser gave it, its bytes. */
    record FilePart(String field, String filename, byte[] content) {
    }

    private final Map<String, List<String>> fields;
    private final List<FilePart> files;

    MultipartForm(Map<String, List<String>> fields, List<FilePart> files) {
        this.fields = fields;
        this.files = files;
    }

    /** The form the CSRF filter checked for this request; 403 when there is none (the filter did not pass it). */
    static MultipartForm of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, MultipartForm.class)
                .orElseThrow(() -> ApiException.forbidden("multipart form without a checked CSRF token"));
    }

    /**
     * Parses a multipart/form-data body. Fields are decoded as UTF-8 (what browsers send for a
     * UTF-8 page); file inputs left empty (no file name, no bytes) are left out. A body that does
     * not end with the closing delimiter is refused, so a cut-off upload is never taken in part.
     *
     * @throws IllegalArgumentException when the body is not a complete, well-formed multipart form
     */
    static MultipartForm parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("not multipart/form-data");
        }
        String boundary = boundary(contentType);
        if (boundary == null || !endsWithClosingDelimiter(body, boundary)) {
            throw new IllegalArgumentException("incomplete multipart form");
        }
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostMultipartRequestDecoder decoder = null;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false, StandardCharsets.UTF_8), request,
                    StandardCharsets.UTF_8, MAX_PARTS, body.length + 1);
            Map<String, List<String>> fields = new LinkedHashMap<>();
            List<FilePart> files = new ArrayList<>();
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                if (d instanceof FileUpload f) {
                    byte[] bytes = f.get();
                    if (!f.getFilename().isEmpty() || bytes.length > 0) {
                        files.add(new FilePart(f.getName(), f.getFilename(), bytes));
                    }
                } else if (d instanceof Attribute a) {
                    fields.computeIfAbsent(a.getName(), k -> new ArrayList<>()).add(a.getValue());
                }
            }
            return new MultipartForm(fields, files);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | HttpPostRequestDecoder.NotEnoughDataDecoderException
                 | HttpPostRequestDecoder.TooManyFormFieldsException | HttpPostRequestDecoder.TooLongFormFieldException
                 | IOException e) {
            throw new IllegalArgumentException("malformed multipart form: " + e.getMessage(), e);
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }

    /** The boundary parameter of a multipart content type (quotes removed), or null. */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /** The body's last delimiter is the closing one ({@code --boundary--}), followed at most by line breaks. */
    static boolean endsWithClosingDelimiter(byte[] body, String boundary) {
        byte[] close = ("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII);
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\r' || body[end - 1] == '\n')) {
            end--;
        }
        if (end < close.length) {
            return false;
        }
        for (int i = 0; i < close.length; i++) {
            if (body[end - close.length + i] != close[i]) {
                return false;
            }
        }
        return true;
    }

    /** The text fields as {@link Form} reads them (first value, stripped; blanks are absent). */
    Form form() {
        Map<String, Object> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, v.size() == 1 ? v.get(0) : v));
        return Form.of(m);
    }

    /** The first value of a field exactly as sent, or null. */
    String raw(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The files sent in one field, in the order the browser sent them. */
    List<FilePart> files(String field) {
        return files.stream().filter(f -> f.field().equals(field)).toList();
    }
}
