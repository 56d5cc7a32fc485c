package jp.akashi.collector.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.akashi.collector.testing.TestCollector;

/**
 * A minimal browser for HTTP-level tests of the console: keeps cookies, does not follow
 * redirects (tests look at them), posts url-encoded forms and reads the CSRF token of the last
 * page it got.
 */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final TestCollector collector;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastCsrf;

    WebClient(TestCollector collector) {
        this.collector = collector;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A response: status, body, headers. */
    record Page(int status, String body, HttpHeaders headers) {
        String location() {
            return headers.firstValue("Location").orElse(null);
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        Optional<String> setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(collector.uri(path)).GET(), Map.of());
    }

    /** A GET with extra request headers (Accept, as a browser sends it). */
    Page get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(collector.uri(path)).GET(), headers);
    }

    /** A download: status, the body's bytes, headers. */
    record Download(int status, byte[] body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** Gets a file as bytes (ZIP, Excel, PDF). */
    Download download(String path) {
        return download(path, Map.of());
    }

    /** Gets a file as bytes with extra request headers. */
    Download download(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(collector.uri(path)).timeout(Duration.ofSeconds(120)).GET();
            headers.forEach(b::header);
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form; {@code fields} are sent as given (no CSRF token added). */
    Page post(String path, Map<String, String> fields) {
        return postWithHeaders(path, fields, Map.of());
    }

    Page postWithHeaders(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return postBody(path, body, headers);
    }

    Page postBody(String path, String urlEncodedBody, Map<String, String> headers) {
        return postBytes(path, "application/x-www-form-urlencoded", urlEncodedBody.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Posts a body of any type, exactly as given. */
    Page postBytes(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(collector.uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, headers);
    }

    /** A file in a multipart form. */
    record Upload(String field, String filename, String contentType, byte[] content) {
    }

    /**
     * Posts a multipart/form-data form as a browser does (fields first, then files; UTF-8 names);
     * {@code fields} are sent as given (no CSRF token added).
     */
    Page postMultipart(String path, Map<String, String> fields, List<Upload> files, Map<String, String> headers) {
        String boundary = "----akashi-test-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n"
                + v + "\r\n"));
        for (Upload u : files) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + u.field() + "\"; filename=\""
                    + u.filename() + "\"\r\nContent-Type: " + u.contentType() + "\r\n\r\n");
            body.writeBytes(u.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), headers);
    }

    /** Posts a multipart form with the CSRF token of the last page this client got, as the form's first field. */
    Page submitMultipart(String path, Map<String, String> fields, List<Upload> files) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("_csrf", csrf());
        all.putAll(fields);
        return postMultipart(path, all, files, Map.of());
    }

    private static void write(java.io.ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts a form with the CSRF token of the last page this client got. */
    Page submit(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return post(path, all);
    }

    /** The CSRF token of the last page that had a form. */
    String csrf() {
        if (lastCsrf == null) {
            throw new IllegalStateException("no page with a form was loaded yet");
        }
        return lastCsrf;
    }

    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Replaces the cookie {@code name} (as a browser would after a Set-Cookie). */
    void setCookie(String name, String value) {
        var store = cookies.getCookieStore();
        store.getCookies().stream().filter(x -> x.getName().equals(name)).toList()
                .forEach(x -> store.getURIs().forEach(u -> store.remove(u, x)));
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        cookies.getCookieStore().add(collector.uri("/"), c);
    }

    /** Logs in through the login form and returns the response to the login POST. */
    Page login(String user, String password) {
        get("/login");
        return submit("/login", Map.of("username", user, "password", password));
    }

    static WebClient loggedIn(TestCollector c, String user, String password) {
        WebClient w = new WebClient(c);
        Page p = w.login(user, password);
        if (p.status() != 303) {
            throw new IllegalStateException("login failed: " + p.status() + " " + p.body());
        }
        return w;
    }

    private Page send(HttpRequest.Builder b, Map<String, String> headers) {
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find() && !m.group(1).isEmpty()) {
                lastCsrf = m.group(1);
            }
            return new Page(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
