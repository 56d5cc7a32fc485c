package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.windows.WindowsFixtureHosts;

/**
 * A report built by the real Windows probes from captured-format fixtures flows through the
 * collector and is decided by the same checks as Linux hosts, from its own facts.
 */
class WindowsReportEvaluationTest {
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"japaneseWin11", "englishServer2022"})
    void windowsFactsDecideTheSameChecks(String fixture) throws Exception {
        FixtureHost host = fixture.equals("japaneseWin11") ? WindowsFixtureHosts.japaneseWin11() : WindowsFixtureHosts.englishServer2022();
        String[] agent = c.enrollAgent();
        Report r = WindowsFixtureHosts.report(host).withAgent(agent[0], "test");
        TestCollector.Response posted = c.postJson("/api/v1/reports", agent[1], r);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        c.awaitEvaluation();
        Map<String, Object> facts = new HashMap<>();
        r.facts().stream().filter(Fact::ok).forEach(f -> facts.put(f.key(), f.value()));
        JsonNode results = c.get("/api/v1/assets/" + posted.json().get("assetId").asText() + "/checks", admin).json().get("results");

        long minLength = ((Number) facts.get("auth.password.min_length")).longValue();
        assertThat(status(results, "auth.password_min_6")).isEqualTo(minLength >= 6 ? "PASS" : "FAIL");
        assertThat(reason(results, "auth.password_min_6")).contains(String.valueOf(minLength));
        assertThat(status(results, "av.installed")).isEqualTo(Boolean.TRUE.equals(facts.get("av.installed")) ? "PASS" : "FAIL");
        assertThat(status(results, "firewall.host_enabled")).isEqualTo(Boolean.TRUE.equals(facts.get("firewall.enabled")) ? "PASS" : "FAIL");
        assertThat(status(results, "os.supported")).as("the end-of-life table knows Windows builds").isIn("PASS", "FAIL");
        assertThat(status(results, "ssh.no_root_login")).as("an SSH check does not apply to Windows").isEqualTo("NOT_APPLICABLE");
        assertThat(status(results, "account.guest_disabled")).isIn("PASS", "FAIL");
    }

    static JsonNode result(JsonNode results, String check) {
        for (JsonNode n : results) {
            if (n.get("check").asText().equals(check)) {
                return n;
            }
        }
        throw new AssertionError("no result for " + check);
    }

    static String status(JsonNode results, String check) {
        return result(results, check).get("status").asText();
    }

    static String reason(JsonNode results, String check) {
        return result(results, check).get("reason").get("ja").asText();
    }
}
