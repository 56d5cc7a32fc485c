package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.DeliveryLog.Channel;
import jp.akashi.probes.util.Json;

/**
 * Tells the outside world about degradations (a criterion going from met to anything worse): a
 * JSON POST of the event to each {@code akashi.notify.webhooks} URL, an Adaptive Card to each
 * Microsoft Teams Workflows webhook ({@code akashi.notify.teams-webhooks}, {@link TeamsCard}) and
 * Block Kit blocks to each Slack incoming webhook ({@code akashi.notify.slack-webhooks},
 * {@link SlackBlocks}). Asynchronously: evaluation never waits. Each delivery is tried up to
 * {@code akashi.notify.attempts} times with a doubling wait when the receiver answers 5xx or
 * cannot be reached (a 4xx is the request's fault and is not repeated), and ends as a row of
 * the {@link DeliveryLog} and of the durable {@link DeliveryHistory} with the receiver's host
 * only — never its URL, which is the secret. The admins choose per channel which kinds of
 * degradation it gets ({@link ChannelSettings}).
 */
@Singleton
public class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** One receiver; {@code key} names it in {@link ChannelSettings} without its URL; {@code storedId} when from the database. */
    record Target(Channel channel, URI uri, String key, String storedId) {
    }

    /**
     * A receiver as the console shows it: channel, host and settings key (never the URL), and the
     * id of a receiver stored in the database (null for one from the configuration).
     */
    public record Receiver(String channel, String host, String key, String storedId) {
    }

    private final List<Target> targets = new ArrayList<>();
    private final NotifyProperties props;
    private final Catalog catalog;
    private final Clock clock;
    private final String publicUrl;
    private final DeliveryLog log;
    private final HttpClient http;
    private final DeliveryHistory history;
    private final ChannelSettings settings;
    private final ChannelSource stored;

    @jakarta.inject.Inject
    public Notifier(NotifyReceivers receivers, jp.akashi.collector.config.CollectorProperties collector,
                    NotifyProperties props, Catalog catalog, Clock clock, DeliveryHistory history, ChannelSettings settings,
                    @io.micronaut.core.annotation.Nullable ChannelSource stored) {
        this(receivers.webhooks(), receivers.teamsWebhooks(), receivers.slackWebhooks(), collector.publicUrl(),
                props, catalog, clock, history, settings, stored);
    }

    public Notifier(List<String> webhooks, List<String> teams, List<String> slack, String publicUrl,
                    NotifyProperties props, Catalog catalog, Clock clock, DeliveryHistory history, ChannelSettings settings,
                    @io.micronaut.core.annotation.Nullable ChannelSource stored) {
        add(Channel.WEBHOOK, "akashi.notify.webhooks", webhooks);
        add(Channel.TEAMS, "akashi.notify.teams-webhooks", teams);
        add(Channel.SLACK, "akashi.notify.slack-webhooks", slack);
        this.props = props;
        this.catalog = catalog;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        this.log = new DeliveryLog(props.logSize());
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
        this.history = history;
        this.settings = settings;
        this.stored = stored;
    }

    private void add(Channel channel, String key, List<String> urls) {
        for (String w : urls == null ? List.<String>of() : urls) {
            if (w == null || w.isBlank()) {
                continue;
            }
            URI u = receiverUri(key, w);
            targets.add(new Target(channel, u, ChannelSettings.key(channel, u.toString()), null));
        }
    }

    /**
     * A receiver's URL, checked: http(s) with a host. The message names {@code what} and the
     * scheme only, never the URL, which is the secret.
     */
    public static URI receiverUri(String what, String url) {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not a URL (docs/CONFIGURATION.md)");
        }
        if ((!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException(what + ": not an http(s) URL (scheme " + u.getScheme()
                    + "); each entry must be https://… or http://… (docs/CONFIGURATION.md)");
        }
        return u;
    }

    /** The configured receivers and those stored in the database. */
    private List<Target> all() {
        if (stored == null) {
            return targets;
        }
        List<Target> out = new ArrayList<>(targets);
        try {
            for (ChannelSource.Stored s : stored.receivers()) {
                out.add(new Target(s.channel(), s.uri(), ChannelSettings.key(s.channel(), s.uri().toString()), s.id()));
            }
        } catch (RuntimeException e) {
            // the database is unreachable: the configured receivers are still told
            LOG.warn("stored chat receivers not read: {}", e.toString());
        }
        return out;
    }

    /** The receivers by channel and host, for the console (never the URLs). */
    public List<Receiver> receivers() {
        return all().stream().map(t -> new Receiver(t.channel().wire(), hostOf(t.uri()), t.key(), t.storedId())).toList();
    }

    public DeliveryLog log() {
        return log;
    }

    /** Sends one {@code criterion.degraded} event (as EvaluationService makes it) to every receiver. */
    public void send(Map<String, Object> event) {
        List<Target> receivers = all();
        if (receivers.isEmpty()) {
            return;
        }
        Degradation d;
        byte[] generic;
        try {
            d = degradation(event);
            generic = Json.mapper().writeValueAsBytes(event);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("notification not made: {}", e.toString());
            return;
        }
        String kind = ChannelSettings.eventFor(d.to());
        Map<String, java.util.Set<String>> chosen;
        try {
            chosen = settings.all();
        } catch (RuntimeException e) {
            LOG.warn("channel event filters not read, every receiver is told: {}", e.toString());
            chosen = Map.of();
        }
        for (Target t : receivers) {
            if (chosen.containsKey(t.key()) && !chosen.get(t.key()).contains(kind)) {
                continue; // the admins chose that this channel does not get this kind of degradation
            }
            try {
                byte[] body = switch (t.channel()) {
                    case WEBHOOK -> generic;
                    case TEAMS -> Json.mapper().writeValueAsBytes(TeamsCard.payload(d));
                    case SLACK -> Json.mapper().writeValueAsBytes(SlackBlocks.payload(d));
                };
                post(t, d.criterion(), body, 1);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.warn("notification not serialisable: {}", e.getMessage());
            }
        }
    }

    /** The event with the catalog's number and framework name, and the console link when the collector's URL is set. */
    Degradation degradation(Map<String, Object> event) {
        String id = String.valueOf(event.get("criterion"));
        Criterion c = catalog.criterion(id).orElse(null);
        String framework = c != null ? c.framework() : id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
        String number = c != null && c.number() != null && !c.number().isBlank() ? c.number()
                : id.substring(id.indexOf(':') + 1);
        FrameworkVersion fv = catalog.latest(framework).orElse(null);
        Text name = fv != null && fv.name() != null
                ? new Text(fv.name().ja(), fv.name().en() != null ? fv.name().en() : fv.name().ja())
                : new Text(framework, framework);
        Text reason = null;
        if (event.get("reasons") instanceof List<?> rs && !rs.isEmpty() && rs.get(0) instanceof Text t && t.ja() != null) {
            reason = t;
        }
        Instant at = event.get("at") != null ? Instant.parse(String.valueOf(event.get("at"))) : clock.instant();
        String link = publicUrl.isEmpty() ? null : publicUrl + "/criteria/" + id;
        return new Degradation(id, number, framework, name, verdict(event.get("from")), verdict(event.get("to")), reason, at, link);
    }

    private static Verdict verdict(Object wire) {
        return Verdict.valueOf(String.valueOf(wire).toUpperCase());
    }

    private void post(Target t, String criterion, byte[] body, int attempt) {
        HttpRequest req = HttpRequest.newBuilder(t.uri()).timeout(props.timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "akashi-collector")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            Integer status = resp == null ? null : resp.statusCode();
            if (err == null && status / 100 == 2) {
                log.add(new DeliveryLog.Delivery(t.channel(), hostOf(t.uri()), criterion, true, status, attempt, null, clock.instant()));
                history.add(clock.millis(), t.channel().wire(), hostOf(t.uri()), "criterion.degraded", criterion, true, status, attempt, null);
                return;
            }
            String why = err != null ? scrub(t.uri(), describe(err)) : "HTTP " + status;
            boolean again = (err != null || status / 100 == 5) && attempt < props.attempts();
            if (again) {
                long wait = props.backoff().toMillis() << (attempt - 1);
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(() -> post(t, criterion, body, attempt + 1));
            } else {
                log.add(new DeliveryLog.Delivery(t.channel(), hostOf(t.uri()), criterion, false, status, attempt, why, clock.instant()));
                history.add(clock.millis(), t.channel().wire(), hostOf(t.uri()), "criterion.degraded", criterion, false, status, attempt, why);
                LOG.warn("{} notification to {} failed after {} attempt(s): {}", t.channel().wire(), hostOf(t.uri()), attempt, why);
            }
        });
    }

    private static String describe(Throwable err) {
        Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** An error's text without the URL's path or query, should a library put them in. */
    static String scrub(URI uri, String text) {
        String out = text;
        for (Function<URI, String> part : List.<Function<URI, String>>of(URI::toString, URI::getRawPath, URI::getRawQuery, URI::getPath)) {
            String p = part.apply(uri);
            if (p != null && p.length() > 1) {
                out = out.replace(p, "…");
            }
        }
        return out.length() > 300 ? out.substring(0, 300) + "…" : out;
    }

    static String hostOf(URI u) {
        return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }
}
