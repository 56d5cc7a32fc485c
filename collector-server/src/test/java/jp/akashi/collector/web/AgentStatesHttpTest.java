package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;

/**
 * Agents are shown as they are: never reported, reporting, reporting with errors, late, stopped,
 * revoked; only an agent reporting on time without failing probes counts as 稼働中. Also the
 * agent's clock skew, and that reloading the "token created" page makes no second token.
 */
class AgentStatesHttpTest {
    private static final Pattern ACTIVE = Pattern.compile("稼働中 (\\d+) 台");

    @Test
    void onlyAgentsReportingOnTimeCountAsActive() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String[] silent = c.enrollAgent();
            assertThat(active(w.get("/agents").body())).as("an agent that never reported is not 稼働中").isZero();
            assertThat(stateOf(w, silent[0])).isEqualTo("neverReported");
            assertThat(w.get("/agents").body()).contains("登録後、まだ一度も報告がありません");

            String[] clean = c.enrollAgent();
            assertThat(post(c, clean, "clean-1", cleanFacts("clean-1", 900), null).status()).isEqualTo(201);
            assertThat(stateOf(w, clean[0])).isEqualTo("reporting");
            assertThat(active(w.get("/agents").body())).isEqualTo(1);

            String[] failing = c.enrollAgent();
            List<Fact> withError = cleanFacts("fail-1", 900);
            withError.add(Reports.error("auth.lockout.threshold", "permission denied"));
            post(c, failing, "fail-1", withError, null);
            assertThat(stateOf(w, failing[0])).isEqualTo("reportingWithErrors");
            assertThat(active(w.get("/agents").body())).as("probes failing: reporting, but not 稼働中").isEqualTo(1);

            // the clean agent's last report moves 20 minutes into the past: one 15-minute interval missed
            shift(c, clean[0], 20 * 60_000L);
            assertThat(stateOf(w, clean[0])).isEqualTo("late");
            assertThat(w.get("/agents").body()).contains("1 回分の報告が届いていません");
            shift(c, clean[0], 40 * 60_000L);
            assertThat(stateOf(w, clean[0])).as("three intervals missed").isEqualTo("stopped");
            assertThat(active(w.get("/agents").body())).isZero();

            c.postJson("/api/v1/agents/" + failing[0] + "/revoke", c.adminToken(), Map.of());
            assertThat(stateOf(w, failing[0])).isEqualTo("revoked");

            String dashboard = w.get("/").body();
            assertThat(dashboard).contains("要確認 2 台");
            JsonNode api = c.get("/api/v1/agents", c.adminToken()).json();
            assertThat(api.findValuesAsText("state")).containsExactlyInAnyOrder("neverReported", "stopped", "revoked");
        }
    }

    @Test
    void aClockMoreThanTwoMinutesOffIsFlagged() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String[] right = c.enrollAgent();
            String[] behind = c.enrollAgent();
            post(c, right, "right-1", cleanFacts("right-1", 900), Long.toString(System.currentTimeMillis()));
            post(c, behind, "behind-1", cleanFacts("behind-1", 900), Long.toString(System.currentTimeMillis() - 300_000));
            String page = w.get("/agents").body();
            assertThat(page).contains("時計のずれ 300 秒").doesNotContain("時計のずれ 0 秒");
            JsonNode api = c.get("/api/v1/agents", c.adminToken()).json();
            for (JsonNode a : api) {
                assertThat(a.get("clockSkewed").asBoolean()).isEqualTo(a.get("id").asText().equals(behind[0]));
            }
            // a garbled header costs nothing: the report is stored and the skew stays unknown
            String[] garbled = c.enrollAgent();
            assertThat(post(c, garbled, "garbled-1", cleanFacts("garbled-1", 900), "yesterday").status()).isEqualTo(201);
        }
    }

    @Test
    void reloadingTheCreatedPageMakesNoSecondToken() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String form = w.get("/enrollment").body();
            Matcher n = Pattern.compile("name=\"formNonce\" value=\"([0-9a-f]+)\"").matcher(form);
            assertThat(n.find()).as("the form carries a one-time value").isTrue();
            Map<String, String> fields = Map.of("ttlHours", "24", "maxUses", "1", "note", "reload", "formNonce", n.group(1));
            assertThat(w.submit("/enrollment", fields).status()).isEqualTo(201);
            WebClient.Page again = w.submit("/enrollment", fields);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("新しいトークンは作成していません");
            assertThat(c.get("/api/v1/enrollment-tokens", c.adminToken()).json().size()).isEqualTo(1);
            // a fresh rendering of the form makes a fresh token
            Matcher n2 = Pattern.compile("name=\"formNonce\" value=\"([0-9a-f]+)\"").matcher(w.get("/enrollment").body());
            assertThat(n2.find()).isTrue();
            assertThat(n2.group(1)).isNotEqualTo(n.group(1));
            assertThat(w.submit("/enrollment", Map.of("ttlHours", "24", "maxUses", "1", "note", "", "formNonce", n2.group(1)))
                    .status()).isEqualTo(201);
        }
    }

    private static List<Fact> cleanFacts(String host, long intervalSeconds) {
        List<Fact> f = new ArrayList<>();
        f.add(Reports.ok("os.family", "linux"));
        f.add(Reports.ok("os.hostname", host));
        f.add(Reports.ok("agent.interval_seconds", intervalSeconds));
        return f;
    }

    private static TestCollector.Response post(TestCollector c, String[] agent, String host, List<Fact> facts, String sentAt)
            throws Exception {
        byte[] body = jp.akashi.probes.util.Json.mapper().writeValueAsBytes(Reports.host(agent[0], host, host, facts));
        return c.send("POST", "/api/v1/reports", agent[1], body,
                sentAt == null ? Map.of("Content-Type", "application/json")
                        : Map.of("Content-Type", "application/json", "X-Akashi-Sent-At", sentAt));
    }

    /** Moves the agent's last report {@code ms} into the past, as if that much time had passed. */
    private static void shift(TestCollector c, String agentId, long ms) {
        c.bean(Database.class).write(h -> h.createUpdate("UPDATE agents SET last_seen_at = last_seen_at - :d, "
                + "late_after = late_after - :d, stopped_after = stopped_after - :d WHERE id = :id")
                .bind("d", ms).bind("id", agentId).execute());
    }

    private static String stateOf(WebClient w, String agentId) {
        String page = w.get("/agents").body();
        Matcher m = Pattern.compile("<tr data-state=\"([A-Za-z]+)\">\\s*<td><span[^>]*>[^<]*</span><div class=\"sub\"><code>"
                + Pattern.quote(agentId) + "</code>").matcher(page);
        assertThat(m.find()).as("row of agent " + agentId).isTrue();
        return m.group(1);
    }

    private static int active(String page) {
        Matcher m = ACTIVE.matcher(page);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
