package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * For a framework configured to need review (akashi.answers.review-frameworks), an answer counts
 * only once a second admin or security user approved it (never the one who answered); until then,
 * or when it is sent back, the answer before it still decides the verdict.
 */
class AnswerReviewTest {
    static TestCollector c;
    static String answerer;
    static String reviewer;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.answers.review-frameworks", "kubota"));
        answerer = c.userToken("ans-writer", "security");
        reviewer = c.userToken("ans-reviewer", "security");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    String verdict(String framework, String id) {
        c.awaitEvaluation();
        return ComplianceApiTest.criterion(c.get("/api/v1/compliance/" + framework, reviewer).json(), id).get("verdict").asText();
    }

    Response review(String answerId, String bearer, String decision, String note) {
        return c.postJson("/api/v1/answers/" + answerId + "/review", bearer, note == null ? Map.of("decision", decision)
                : Map.of("decision", decision, "note", note));
    }

    @Test
    void anAnswerCountsOnlyOnceAnotherPersonApprovedIt() {
        Response a = c.postJson("/api/v1/criteria/kubota:1/answers", answerer, Map.of("status", "met", "comment", "方針書あり"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("review").asText()).isEqualTo("pending");
        String id = a.json().get("id").asText();
        assertThat(verdict("kubota", "kubota:1")).as("not counted before review").isEqualTo("unanswered");

        Response self = review(id, answerer, "approve", null);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().get("errorJa").asText()).contains("回答者");
        Response ok = review(id, reviewer, "approve", "確認しました");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(verdict("kubota", "kubota:1")).isEqualTo("met");
        assertThat(review(id, reviewer, "approve", null).status()).as("reviewed once").isEqualTo(409);

        Response worse = c.postJson("/api/v1/criteria/kubota:1/answers", answerer, Map.of("status", "not_met"));
        String worseId = worse.json().get("id").asText();
        assertThat(verdict("kubota", "kubota:1")).as("the approved answer still decides").isEqualTo("met");
        assertThat(review(worseId, reviewer, "reject", null).status()).as("a send-back needs a reason").isEqualTo(400);
        assertThat(review(worseId, reviewer, "reject", "根拠の添付がありません").status()).isEqualTo(200);
        assertThat(verdict("kubota", "kubota:1")).isEqualTo("met");
        JsonNode audit = c.get("/api/v1/audit-log?limit=100", c.adminToken()).json();
        assertThat(audit.toString()).contains("answer.approve").contains("answer.reject");
    }

    @Test
    void frameworksWithoutReviewCountAnswersAtOnce() {
        Response a = c.postJson("/api/v1/criteria/jaipa-isp:1-1-1/answers", answerer, Map.of("status", "met"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("review").isNull()).isTrue();
        assertThat(verdict("jaipa-isp", "jaipa-isp:1-1-1")).isEqualTo("met");
        assertThat(review(a.json().get("id").asText(), reviewer, "approve", null).status()).as("nothing to review").isEqualTo(409);
    }
}
