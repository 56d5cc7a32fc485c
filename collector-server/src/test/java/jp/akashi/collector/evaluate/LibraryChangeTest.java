package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;

/** A changed check library or catalog re-evaluates every asset at start, without waiting for new reports. */
class LibraryChangeTest {

    @Test
    void aChangedCheckParameterReEvaluatesStoredFactsAtStart() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            String admin = c.adminToken();
            String[] agent = c.enrollAgent();
            List<Fact> facts = new ArrayList<>(Reports.linuxPolicyFacts("lib-1", true));
            facts.removeIf(f -> f.key().startsWith("account.admin"));
            facts.add(Reports.ok("account.admin_count", 4L));
            facts.add(Reports.ok("account.admins", List.of("root", "alice", "bob", "carol")));
            assertThat(c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "lib-1", "lib-1", facts)).status()).isEqualTo(201);
            c.awaitEvaluation();
            assertThat(adminCheck(c, admin).get("status").asText()).isEqualTo("PASS");

            // the same facts, a stricter limit: nothing new is reported, the start alone re-evaluates
            c.restartWith(Map.of("akashi.checks.params.max_admins", 3));
            c.awaitEvaluation();
            JsonNode after = adminCheck(c, c.adminToken());
            assertThat(after.get("status").asText()).isEqualTo("FAIL");
            assertThat(after.get("reason").get("ja").asText()).contains("上限 3");
        }
    }

    private static JsonNode adminCheck(TestCollector c, String token) {
        String id = c.get("/api/v1/assets", token).json().get("items").get(0).get("id").asText();
        for (JsonNode r : c.get("/api/v1/assets/" + id + "/checks", token).json().get("results")) {
            if (r.get("check").asText().equals("account.admin_count")) {
                return r;
            }
        }
        throw new AssertionError("no account.admin_count result");
    }
}
