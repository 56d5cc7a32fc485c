package jp.akashi.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jp.akashi.collector.CollectorMain;
import jp.akashi.probes.util.Json;

/**
 * A real collector on a free port with its own SQLite file, for API tests. HTTP (TLS off) keeps
 * the tests simple; TLS is exercised by the end-to-end tests with the real jars.
 */
public final class TestCollector implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password-123";

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private ApplicationContext ctx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestCollector() throws Exception {
        this(Map.of());
    }

    public TestCollector(Map<String, String> extraEnv) throws Exception {
        this(extraEnv, Map.of());
    }

    public TestCollector(Map<String, String> extraEnv, Map<String, Object> properties) throws Exception {
        this(Files.createTempDirectory("akashi-test-"), extraEnv, properties);
    }

    /** A collector on the given data directory: another instance's, as on a shared volume (several collectors on one PostgreSQL). */
    public TestCollector(Path dataDir, Map<String, String> extraEnv, Map<String, Object> properties) throws Exception {
        this(extraEnv, dataDir, properties);
        start();
    }

    /** Not started. */
    private TestCollector(Map<String, String> extraEnv, Path dataDir, Map<String, Object> properties) {
        this.dataDir = dataDir;
        this.port = freePortUnchecked();
        this.env = new HashMap<>(extraEnv);
        this.properties = properties;
        env.put("AKASHI_ADMIN_PASSWORD", ADMIN_PASSWORD);
    }

    /**
     * A collector on a data directory the test prepared (a damaged database, a small disk), not
     * started yet: the test calls {@link #start()} and may expect it to refuse.
     */
    public static TestCollector unstarted(Path dataDir, Map<String, Object> properties) throws IOException {
        return new TestCollector(Map.of(), dataDir, properties);
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> properties;

    public void start() throws Exception {
        ctx = CollectorMain.start(new String[]{"--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--tls", "off"},
                env, properties);
    }

    /** Waits until every queued evaluation is done, so verdicts reflect what was posted. */
    public void awaitEvaluation() {
        try {
            if (!bean(jp.akashi.collector.evaluate.EvaluationService.class).awaitIdle(java.time.Duration.ofSeconds(60))) {
                throw new IllegalStateException("evaluation did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops and starts again on the same data directory with other configuration (e.g. check parameters). */
    public void restartWith(Map<String, Object> newProperties) throws Exception {
        stop();
        properties = newProperties;
        start();
    }

    public void stop() {
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
    }

    public ApplicationContext context() {
        return ctx;
    }

    public <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A response with its JSON body parsed (null when empty or not JSON). */
    public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    /** Uploads one evidence file as the console's form does (multipart field "file"). */
    public Response uploadAttachment(String bearer, String filename, byte[] content) {
        String boundary = "----akashi" + System.nanoTime();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send("POST", "/api/v1/attachments", bearer, b.toByteArray(), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    public Response send(String method, String path, String bearer, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : Json.mapper().readTree(r.body());
            } catch (IOException e) {
                // not JSON (HTML pages)
            }
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String bearer) {
        return send("GET", path, bearer, null, Map.of());
    }

    public Response postJson(String path, String bearer, Object body) {
        try {
            return send("POST", path, bearer, Json.mapper().writeValueAsBytes(body), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String login(String user, String password) {
        Response r = postJson("/api/v1/auth/login", null, Map.of("username", user, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        return r.json().get("token").asText();
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Creates a user with a role and returns a bearer token for it. */
    public String userToken(String username, String role) {
        String pw = "password-of-" + username;
        Response r = postJson("/api/v1/users", adminToken(), Map.of("username", username, "role", role, "password", pw));
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create user: " + r.status() + " " + r.body());
        }
        return login(username, pw);
    }

    /** The security user who approves the exceptions tests request ({@link #approve}); made on first use. */
    public static final String APPROVER = "exception-approver";
    private String approverToken;

    /**
     * Approves an exception request as {@link #APPROVER} (a second person: the requester may not
     * decide their own request) and returns the approved exception.
     */
    public synchronized Response approve(String exceptionId) {
        if (approverToken == null) {
            approverToken = userToken(APPROVER, "security");
        }
        Response r = postJson("/api/v1/exceptions/" + exceptionId + "/approve", approverToken, Map.of());
        if (r.status() != 200) {
            throw new IllegalStateException("approval failed: " + r.status() + " " + r.body());
        }
        return r;
    }

    /** Requests an exception as {@code bearer} and has {@link #APPROVER} approve it; returns the request's answer (201). */
    public Response approvedException(String bearer, Map<String, Object> request) {
        Response r = postJson("/api/v1/exceptions", bearer, request);
        if (r.status() == 201) {
            approve(r.json().get("id").asText());
        }
        return r;
    }

    /** Enrolls a new agent and returns {agentId, credential}. */
    public String[] enrollAgent() {
        Response t = postJson("/api/v1/enrollment-tokens", adminToken(), Map.of("maxUses", 1));
        Response e = postJson("/api/v1/enroll", null, Map.of("token", t.json().get("token").asText(), "name", "test"));
        if (e.status() != 201) {
            throw new IllegalStateException("enroll failed: " + e.status() + " " + e.body());
        }
        return new String[]{e.json().get("agentId").asText(), e.json().get("credential").asText()};
    }

    @Override
    public void close() throws IOException {
        stop();
        if (!Files.exists(dataDir)) {
            return; // a shared data directory another instance already removed
        }
        try (Stream<Path> s = Files.walk(dataDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
