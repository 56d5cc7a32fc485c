package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.evaluate.DeliveryLog;
import jp.akashi.collector.evaluate.Notifier;
import jp.akashi.collector.evaluate.Text;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.util.Json;

/**
 * Degradations delivered over real HTTP to local receivers standing in for Teams, Slack and a
 * generic webhook: each body's shape, a 500 retried until it is taken, a 400 not retried, and the
 * delivery log (and the admins' 通知 page) naming hosts only, never a webhook's secret path.
 */
class NotificationDeliveryHttpTest {
    static HttpServer receiver;
    static TestCollector c;
    static final Map<String, List<JsonNode>> bodies = new ConcurrentHashMap<>();
    static final AtomicInteger flakyCalls = new AtomicInteger();
    static final AtomicInteger badCalls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String p : List.of("/teams/SECRET-T", "/slack/SECRET-S", "/flaky/SECRET-F", "/bad/SECRET-B")) {
            receiver.createContext(p, ex -> {
                bodies.computeIfAbsent(p, k -> new CopyOnWriteArrayList<>()).add(Json.mapper().readTree(ex.getRequestBody().readAllBytes()));
                int status = 200;
                if (p.startsWith("/flaky")) {
                    status = flakyCalls.incrementAndGet() < 3 ? 500 : 200;
                } else if (p.startsWith("/bad")) {
                    badCalls.incrementAndGet();
                    status = 400;
                }
                ex.sendResponseHeaders(status, -1);
                ex.close();
            });
        }
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("akashi.notify.teams-webhooks", base + "/teams/SECRET-T");
        props.put("akashi.notify.slack-webhooks", List.of(base + "/slack/SECRET-S", base + "/flaky/SECRET-F"));
        props.put("akashi.notify.webhooks", base + "/bad/SECRET-B");
        props.put("akashi.notify.backoff", "PT0.05S");
        props.put("akashi.public-url", "https://akashi.example/");
        c = new TestCollector(Map.of(), props);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        receiver.stop(0);
    }

    static void await(Predicate<List<DeliveryLog.Delivery>> done, DeliveryLog log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!done.test(log.recent()) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void eachChannelGetsItsShapeRetriesOn500NotOn400AndTheLogKeepsNoSecret() throws Exception {
        Notifier n = c.bean(Notifier.class);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("event", "criterion.degraded");
        ev.put("criterion", "meti-scs:4-4-5-1");
        ev.put("from", "met");
        ev.put("to", "not_met");
        ev.put("at", Instant.parse("2026-05-01T00:00:00Z").toString());
        ev.put("reasons", List.of(new Text("1 台中 1 台で不適合", "1 of 1 hosts fail")));
        long t0 = System.nanoTime();
        n.send(ev);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("asynchronous").isLessThan(2_000);
        await(l -> l.size() >= 4, n.log());

        JsonNode teams = bodies.get("/teams/SECRET-T").get(0);
        assertThat(teams.get("type").asText()).isEqualTo("message");
        JsonNode card = teams.get("attachments").get(0).get("content");
        assertThat(teams.get("attachments").get(0).get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.get("body").get(0).get("text").asText()).startsWith("基準の低下: ").endsWith(" 4-4-5-1");
        assertThat(card.get("actions").get(0).get("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.get("actions").get(0).get("url").asText()).isEqualTo("https://akashi.example/criteria/meti-scs:4-4-5-1");

        JsonNode slack = bodies.get("/slack/SECRET-S").get(0);
        assertThat(slack.get("text").asText()).contains("4-4-5-1", "達成 → 未達成", "Met → Not met");
        assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.get("blocks").get(1).get("type").asText()).isEqualTo("section");
        assertThat(slack.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(slack.get("blocks").get(1).get("text").get("text").asText()).contains("*理由:* 1 台中 1 台で不適合");

        JsonNode generic = bodies.get("/bad/SECRET-B").get(0);
        assertThat(generic.get("event").asText()).isEqualTo("criterion.degraded");
        assertThat(generic.get("criterion").asText()).isEqualTo("meti-scs:4-4-5-1");

        List<DeliveryLog.Delivery> log = n.log().recent();
        assertThat(log).hasSize(4);
        assertThat(flakyCalls.get()).as("500, 500, then 200").isEqualTo(3);
        assertThat(bodies.get("/flaky/SECRET-F")).hasSize(3);
        assertThat(badCalls.get()).as("a 400 is not retried").isEqualTo(1);
        String port = ":" + receiver.getAddress().getPort();
        assertThat(log).anySatisfy(d -> {
            assertThat(d.channel()).isEqualTo(DeliveryLog.Channel.SLACK);
            assertThat(d.delivered()).isTrue();
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.status()).isEqualTo(200);
        });
        assertThat(log).anySatisfy(d -> {
            assertThat(d.channel()).isEqualTo(DeliveryLog.Channel.WEBHOOK);
            assertThat(d.delivered()).isFalse();
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.status()).isEqualTo(400);
            assertThat(d.error()).isEqualTo("HTTP 400");
        });
        assertThat(log).anySatisfy(d -> {
            assertThat(d.channel()).isEqualTo(DeliveryLog.Channel.TEAMS);
            assertThat(d.delivered()).isTrue();
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(log).allSatisfy(d -> {
            assertThat(d.host()).isEqualTo("127.0.0.1" + port);
            assertThat(d.criterion()).isEqualTo("meti-scs:4-4-5-1");
            assertThat(String.valueOf(d)).doesNotContain("SECRET", "/teams", "/slack", "/flaky", "/bad");
        });

        // the admins' page shows the receivers and the deliveries by host, never the paths
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String page = w.get("/notifications").body();
        assertThat(page).contains("通知の配信状況", "127.0.0.1" + port, "Microsoft Teams", "Slack", "配信済み", "失敗", "HTTP 400")
                .doesNotContain("SECRET", "/teams/", "/slack/", "/flaky/", "/bad/");
        assertThat(w.get("/agents").body()).contains("href=\"/notifications\"");
        String auditor = c.userToken("notify-auditor", "auditor");
        assertThat(c.get("/notifications", auditor).status()).isEqualTo(403);
    }

    @Test
    void aConnectionErrorIsRetriedAndLoggedWithoutThePath() throws Exception {
        int dead = TestCollector.freePort();
        jp.akashi.collector.evaluate.NotifyProperties p = new jp.akashi.collector.evaluate.NotifyProperties(2,
                java.time.Duration.ofMillis(20), java.time.Duration.ofSeconds(2), 10);
        Notifier n = new Notifier(List.of(), List.of(), List.of("http://127.0.0.1:" + dead + "/services/SECRET-X"), "", p,
                c.bean(jp.akashi.collector.catalog.Catalog.class), java.time.Clock.systemUTC(),
                c.bean(jp.akashi.collector.evaluate.DeliveryHistory.class), c.bean(jp.akashi.collector.evaluate.ChannelSettings.class), null);
        n.send(Map.of("event", "criterion.degraded", "criterion", "meti-scs:4-4-5-1", "from", "met", "to", "unknown",
                "at", "2026-05-01T00:00:00Z", "reasons", List.of()));
        await(l -> !l.isEmpty(), n.log());
        DeliveryLog.Delivery d = n.log().recent().get(0);
        assertThat(d.delivered()).isFalse();
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.status()).isNull();
        assertThat(d.error()).isNotBlank().doesNotContain("SECRET");
        assertThat(d.host()).isEqualTo("127.0.0.1:" + dead);
    }
}
