package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * A method's access rule replaces its controller's, never widens it: the controller of the
 * compliance API allows admin, security and auditor, and its re-evaluation route allows admin
 * alone (the two lists used to be merged, so auditors and security could start a full pass).
 */
class MethodRoleRuleTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void reevaluationIsForAdminsOnlyAsItsMethodSays() {
        assertThat(c.postJson("/api/v1/evaluations", c.userToken("auditor-r", "auditor"), Map.of()).status()).isEqualTo(403);
        assertThat(c.postJson("/api/v1/evaluations", c.userToken("security-r", "security"), Map.of()).status()).isEqualTo(403);
        assertThat(c.postJson("/api/v1/evaluations", c.adminToken(), Map.of()).status()).isEqualTo(202);
        // the controller's own rule still holds where the method declares none
        assertThat(c.get("/api/v1/frameworks", c.userToken("auditor-r2", "auditor")).status()).isEqualTo(200);
    }
}
