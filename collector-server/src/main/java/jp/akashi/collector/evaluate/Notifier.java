package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.probes.util.Json;

/**
 * Tells the outside world about degradations (a criterion going from met to anything worse):
 * a JSON POST to each configured webhook ({@code akashi.notify.webhooks}), asynchronously, with
 * a timeout and a few retries. A failed delivery is logged, never blocks evaluation.
 */
@Singleton
public class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final List<URI> hooks = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Notifier(@Value("${akashi.notify.webhooks:}") List<String> webhooks) {
        for (String w : webhooks) {
            if (w != null && !w.isBlank()) {
                URI u = URI.create(w.strip());
                if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                    throw new IllegalArgumentException("akashi.notify.webhooks: not an http(s) URL: " + w);
                }
                hooks.add(u);
            }
        }
    }

    public boolean enabled() {
        return !hooks.isEmpty();
    }

    public void send(Map<String, Object> event) {
        if (hooks.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("notification not serialisable: {}", e.getMessage());
            return;
        }
        for (URI hook : hooks) {
            post(hook, body, 1);
        }
    }

    private void post(URI hook, byte[] body, int attempt) {
        HttpRequest req = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "akashi-collector")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            boolean ok = err == null && resp.statusCode() / 100 == 2;
            if (!ok) {
                String why = err != null ? err.toString() : "HTTP " + resp.statusCode();
                if (attempt < 3) {
                    java.util.concurrent.CompletableFuture.delayedExecutor(attempt * 5L, java.util.concurrent.TimeUnit.SECONDS)
                            .execute(() -> post(hook, body, attempt + 1));
                } else {
                    LOG.warn("webhook {} failed after {} attempts: {}", hook.getHost(), attempt, why);
                }
            }
        });
    }
}
