package jp.akashi.agent.transport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;

import jp.akashi.probes.util.Json;

/** HTTP(S) calls to the collector: enrollment and report delivery. */
public final class CollectorClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI server;
    private final PinnedTrust trust;
    private final HttpClient http;
    private final String userAgent;

    public CollectorClient(String server, String fingerprint, String version) throws GeneralSecurityException {
        this.server = parseServer(server);
        this.trust = new PinnedTrust(fingerprint);
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1);
        if (this.server.getScheme().equals("https")) {
            b.sslContext(trust.sslContext());
        }
        this.http = b.build();
        this.userAgent = "akashi-agent/" + version;
    }

    /** Validates the server URL: http(s), a host, no credentials, no query. */
    public static URI parseServer(String s) {
        URI u;
        try {
            u = URI.create(s.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server is not a URL: " + s);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
            throw new IllegalArgumentException("--server must look like https://collector.example.com:8443");
        }
        if (u.getUserInfo() != null || u.getQuery() != null) {
            throw new IllegalArgumentException("--server must not contain credentials or a query");
        }
        return u;
    }

    public PinnedTrust trust() {
        return trust;
    }

    /** The outcome of one call, classified for the spool's decisions. */
    public record Outcome(Kind kind, int status, String message, JsonNode body, Duration retryAfter) {
        public Outcome(Kind kind, int status, String message, JsonNode body) {
            this(kind, status, message, body, null);
        }

        public enum Kind {
            /** 2xx. */
            OK,
            /** The collector refused this request for good (400, 409, 413, 422). */
            REJECTED,
            /** The collector refused the credential (401/403): stop, re-enroll. */
            UNAUTHORIZED,
            /** Unreachable, timed out, 5xx or 429: try again later. */
            TRANSIENT,
            /** TLS trust failure (pin mismatch, untrusted certificate): never send. */
            UNTRUSTED
        }
    }

    public Outcome enroll(String token, String name) {
        Map<String, String> body = name == null ? Map.of("token", token) : Map.of("token", token, "name", name);
        try {
            return send(HttpRequest.newBuilder(server.resolve("/api/v1/enroll"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))));
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, e.getMessage(), null);
        }
    }

    /** Posts one gzip-compressed report. */
    public Outcome postReport(String credential, byte[] gzJson) {
        return send(HttpRequest.newBuilder(server.resolve("/api/v1/reports"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", "Bearer " + credential)
                // the collector compares it with its own clock: evidence time stamps depend on the agent's
                .header("X-Akashi-Sent-At", Long.toString(System.currentTimeMillis()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzJson)));
    }

    /**
     * Downloads {@code path} (a path on the collector, e.g. {@code /agent/packages/…}) over the same
     * pinned connection into {@code target}, at most {@code maxBytes}.
     *
     * @throws IOException with a readable reason when the download fails or is too large
     */
    public void download(String path, java.nio.file.Path target, long maxBytes) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("User-Agent", userAgent).GET().build();
        HttpResponse<java.io.InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (SSLException e) {
            throw new IOException(tlsMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (java.io.InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("GET " + path + " answered HTTP " + resp.statusCode());
            }
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(target)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException("GET " + path + " is larger than " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
        }
    }

    /** A small text resource of the collector (GET), or an exception saying why not. */
    public String getText(String path) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(server.resolve(path)).timeout(REQUEST_TIMEOUT).header("User-Agent", userAgent).GET().build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IOException("GET " + path + " answered HTTP " + resp.statusCode());
            }
            return resp.body();
        } catch (SSLException e) {
            throw new IOException(tlsMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Outcome send(HttpRequest.Builder b) {
        HttpRequest req = b.timeout(REQUEST_TIMEOUT).header("User-Agent", userAgent).build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            return new Outcome(Outcome.Kind.UNTRUSTED, 0, tlsMessage(e), null);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, "connection to " + server + " timed out", null);
        } catch (HttpTimeoutException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, "the collector did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", null);
        } catch (ConnectException e) {
            return new Outcome(Outcome.Kind.TRANSIENT, 0, "cannot connect to " + server + " (is the collector running?)", null);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) {
                return new Outcome(Outcome.Kind.UNTRUSTED, 0, tlsMessage(ssl), null);
            }
            return new Outcome(Outcome.Kind.TRANSIENT, 0, "network error talking to " + server + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Outcome.Kind.TRANSIENT, 0, "interrupted", null);
        }
        JsonNode body = null;
        String message = null;
        try {
            body = resp.body().length == 0 ? null : Json.mapper().readTree(resp.body());
            message = body != null && body.hasNonNull("error") ? body.get("error").asText() : null;
        } catch (IOException e) {
            message = "unexpected response (not JSON)";
        }
        int s = resp.statusCode();
        Outcome.Kind kind;
        if (s >= 200 && s < 300) {
            kind = Outcome.Kind.OK;
        } else if (s == 401 || s == 403) {
            kind = Outcome.Kind.UNAUTHORIZED;
        } else if (s == 400 || s == 409 || s == 413 || s == 422) {
            kind = Outcome.Kind.REJECTED;
        } else {
            kind = Outcome.Kind.TRANSIENT;
        }
        Duration retryAfter = kind == Outcome.Kind.TRANSIENT
                ? retryAfter(resp.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now()) : null;
        return new Outcome(kind, s, message == null ? "HTTP " + s : message, body, retryAfter);
    }

    /** The longest wait a collector can ask for: a wrong header must not silence an agent for days. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /**
     * A {@code Retry-After} header (RFC 9110: seconds, or an HTTP date) as a wait of 1 s to
     * {@link #MAX_RETRY_AFTER}; null when absent or unreadable.
     */
    public static Duration retryAfter(String header, java.time.Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        String h = header.strip();
        if (h.chars().allMatch(Character::isDigit)) {
            try {
                d = Duration.ofSeconds(Long.parseLong(h));
            } catch (NumberFormatException e) {
                d = MAX_RETRY_AFTER;
            }
        } else {
            try {
                d = Duration.between(now, java.time.ZonedDateTime.parse(h, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private String tlsMessage(SSLException e) {
        StringBuilder sb = new StringBuilder("TLS handshake with " + server + " failed: ");
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        sb.append(t.getMessage());
        if (trust.presented() != null) {
            sb.append(" (the collector presented a certificate with fingerprint ").append(PinnedTrust.fingerprint(trust.presented())).append(')');
        }
        return sb.toString();
    }
}
