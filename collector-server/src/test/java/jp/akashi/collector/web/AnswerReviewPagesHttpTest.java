package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** On the criterion page an answer waiting for review says so; another person approves it there, the one who answered cannot. */
class AnswerReviewPagesHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.answers.review-frameworks", "kubota"));
        Seed.user(c, "rv-writer", "security", "rv-writer-password-1");
        Seed.user(c, "rv-checker", "security", "rv-checker-password-1");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void aPendingAnswerIsApprovedOnThePageByAnotherPerson() {
        String writer = c.login("rv-writer", "rv-writer-password-1");
        String id = c.postJson("/api/v1/criteria/kubota:2/answers", writer, Map.of("status", "met", "comment", "規程を改訂"))
                .json().get("id").asText();
        WebClient w = WebClient.loggedIn(c, "rv-writer", "rv-writer-password-1");
        String own = w.get("/criteria/kubota:2").body();
        assertThat(own).contains("確認待ち").doesNotContain("/answers/" + id + "/review");
        WebClient.Page self = w.submit("/criteria/kubota:2/answers/" + id + "/review", Map.of("decision", "approve", "note", ""));
        assertThat(self.location()).contains("reviewError=own");
        assertThat(w.get(self.location()).body()).contains("回答者は自分の回答を確認できません");

        WebClient checker = WebClient.loggedIn(c, "rv-checker", "rv-checker-password-1");
        assertThat(checker.get("/criteria/kubota:2").body()).contains("action=\"/criteria/kubota:2/answers/" + id + "/review\"");
        WebClient.Page ok = checker.submit("/criteria/kubota:2/answers/" + id + "/review", Map.of("decision", "approve", "note", "確認済"));
        assertThat(ok.location()).isEqualTo("/criteria/kubota:2?done=saved");
        c.awaitEvaluation();
        String after = checker.get("/criteria/kubota:2").body();
        assertThat(after).contains("確認済み").contains("answer-current");
    }
}
