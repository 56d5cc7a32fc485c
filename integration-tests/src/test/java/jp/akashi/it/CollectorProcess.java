package jp.akashi.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jp.akashi.agent.transport.PinnedTrust;
import jp.akashi.probes.util.Json;

/** The collector jar running as a separate process with TLS, as a user would run it. */
final class CollectorProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "it-admin-password-42";

    final Path dataDir;
    final int port;
    /** Further environment of the collector process (settings such as AKASHI_HEALTH_RETRY_AFTER, AKASHI_DB_URL). */
    final Map<String, String> env = new java.util.HashMap<>();
    private Process process;
    private Path log;
    private String fingerprint;
    private HttpClient http;
    private final List<String> jvmOptions;

    CollectorProcess(Path dataDir) throws IOException {
        this(dataDir, Map.of(), List.of());
    }

    /**
     * @param env        further environment (e.g. {@code AKASHI_DB_URL} for PostgreSQL)
     * @param jvmOptions further JVM options, e.g. {@code -Dakashi.snapshots.schedule=...} for Micronaut properties
     */
    CollectorProcess(Path dataDir, Map<String, String> env, List<String> jvmOptions) throws IOException {
        this.dataDir = dataDir;
        this.env.putAll(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        log = dataDir.resolve("collector-" + port + "-" + System.nanoTime() + ".log");
        List<String> cmd = new java.util.ArrayList<>(List.of(Jars.java().toString(), "-Xmx384m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", Jars.collector().toString(), "--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AKASHI_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        process = pb.start();
    }

    /** Starts a collector that is expected to refuse to start; returns its exit code (its output is {@link #output()}). */
    int startExpectingExit() throws Exception {
        launch();
        long end = System.currentTimeMillis() + 90_000;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            if (output().contains("TLS certificate fingerprint: ") || System.currentTimeMillis() > end) {
                process.destroyForcibly().waitFor();
                process = null;
                throw new AssertionError("the collector started instead of refusing to: " + output());
            }
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    void start() throws Exception {
        launch();
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("collector exited: " + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            int i = out.indexOf("TLS certificate fingerprint: ");
            if (i >= 0 && out.indexOf('\n', i) > 0) {
                fingerprint = out.substring(i + 29, out.indexOf('\n', i)).strip();
                http = HttpClient.newBuilder().sslContext(new PinnedTrust(fingerprint).sslContext())
                        .connectTimeout(Duration.ofSeconds(5)).build();
                if (healthy()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("collector did not become healthy: " + Files.readString(log));
    }

    private boolean healthy() {
        try {
            return get("/health", null).statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String url() {
        return "https://localhost:" + port;
    }

    String fingerprint() {
        return fingerprint;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET(), bearer);
    }

    HttpResponse<String> post(String path, String bearer, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))), bearer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> put(String path, String bearer, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))), bearer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String bearer) {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String adminToken() {
        return json(post("/api/v1/auth/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD))).get("token").asText();
    }

    /** Creates an enrollment token as admin; returns the token. */
    String enrollmentToken(int maxUses) {
        HttpResponse<String> r = post("/api/v1/enrollment-tokens", adminToken(), Map.of("maxUses", maxUses));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("token").asText();
    }

    /** kill -9: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
