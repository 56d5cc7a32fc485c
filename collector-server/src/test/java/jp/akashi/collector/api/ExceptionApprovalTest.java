package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Exceptions are requested by one person and decided by another (admin or security role, never
 * the requester); a request covers nothing until it is approved, and a typed approver name is
 * refused (it used to be the only "approval": whoever typed a name approved it).
 */
class ExceptionApprovalTest {
    static TestCollector c;
    static String requester;
    static String approver;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        requester = c.userToken("sec-requester", "security");
        approver = c.userToken("sec-approver", "security");
        auditor = c.userToken("audit-reader", "auditor");
        String[] agent = c.enrollAgent();
        c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "appr-1", "appr-1", Reports.linuxPolicyFacts("appr-1", false)));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    String verdict(String criterion) {
        c.awaitEvaluation();
        return ComplianceApiTest.criterion(c.get("/api/v1/compliance/kubota", approver).json(), criterion).get("verdict").asText();
    }

    static Map<String, Object> request(String why) {
        return Map.of("targetType", "criterion", "targetId", "kubota:137", "justification", why,
                "expiresAt", LocalDate.now().plusMonths(2).toString());
    }

    Response decide(String id, String what, String bearer, String note) {
        return c.postJson("/api/v1/exceptions/" + id + "/" + what, bearer, note == null ? Map.of() : Map.of("note", note));
    }

    @Test
    void aRequestCoversNothingUntilAnotherPersonApprovesIt() {
        assertThat(verdict("kubota:137")).isEqualTo("not_met");
        Response req = c.postJson("/api/v1/exceptions", requester, request("閉域網の制御装置のため月次で手動更新"));
        assertThat(req.status()).as(req.body()).isEqualTo(201);
        assertThat(req.json().get("state").asText()).isEqualTo("requested");
        assertThat(req.json().get("approver").isNull()).isTrue();
        for (String k : List.of("revokedAt", "decidedBy", "decidedAt", "decisionNote")) {
            assertThat(req.json().has(k) && req.json().get(k).isNull()).as(k + " is there, null").isTrue();
        }
        String id = req.json().get("id").asText();
        assertThat(verdict("kubota:137")).as("a request is not an exception yet").isEqualTo("not_met");

        Response self = decide(id, "approve", requester, null);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().get("error").asText()).contains("requester");
        assertThat(self.json().get("errorJa").asText()).contains("申請者");
        assertThat(decide(id, "approve", auditor, null).status()).isEqualTo(403);
        assertThat(verdict("kubota:137")).isEqualTo("not_met");

        Response ok = decide(id, "approve", approver, "部長承認済み");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("state").asText()).isEqualTo("active");
        assertThat(ok.json().get("approver").asText()).isEqualTo("sec-approver");
        assertThat(ok.json().get("decisionNote").asText()).isEqualTo("部長承認済み");
        JsonNode v = ComplianceApiTest.criterion(c.get("/api/v1/compliance/kubota", approver).json(), "kubota:137");
        c.awaitEvaluation();
        v = ComplianceApiTest.criterion(c.get("/api/v1/compliance/kubota", approver).json(), "kubota:137");
        assertThat(v.get("verdict").asText()).isEqualTo("met");
        assertThat(v.get("exception").get("approver").asText()).isEqualTo("sec-approver");

        assertThat(decide(id, "approve", approver, null).status()).as("decided once").isEqualTo(409);
        assertThat(decide(id, "reject", approver, "x").status()).isEqualTo(409);
        JsonNode audit = c.get("/api/v1/audit-log?limit=50", c.adminToken()).json();
        assertThat(audit.toString()).contains("exception.request").contains("exception.approve");

        assertThat(c.send("POST", "/api/v1/exceptions/" + id + "/revoke", approver, null, Map.of()).status()).isEqualTo(204);
        assertThat(verdict("kubota:137")).isEqualTo("not_met");
    }

    @Test
    void aRejectedRequestNeverCoversAndNeedsAReason() {
        Response req = c.postJson("/api/v1/exceptions", requester, request("却下される申請"));
        String id = req.json().get("id").asText();
        Response noReason = decide(id, "reject", approver, null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errorJa").asText()).contains("理由");
        assertThat(decide(id, "reject", requester, "自分で").status()).isEqualTo(403);
        Response rejected = decide(id, "reject", approver, "代替策が不十分");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asText()).isEqualTo("rejected");
        assertThat(rejected.json().get("decidedBy").asText()).isEqualTo("sec-approver");
        assertThat(decide(id, "approve", approver, null).status()).isEqualTo(409);
        assertThat(verdict("kubota:137")).isEqualTo("not_met");
        assertThat(c.get("/api/v1/exceptions", auditor).json().toString()).contains("\"state\":\"rejected\"");
    }

    @Test
    void aTypedApproverIsRefusedAndChangesNothing() {
        int before = c.get("/api/v1/exceptions", approver).json().size();
        Map<String, Object> typed = new java.util.HashMap<>(request("typed"));
        typed.put("approver", "CISO");
        Response r = c.postJson("/api/v1/exceptions", requester, typed);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("approver");
        assertThat(c.get("/api/v1/exceptions", approver).json()).hasSize(before);
    }

    @Test
    void theRequesterMayWithdrawAPendingRequest() {
        Response req = c.postJson("/api/v1/exceptions", requester, request("取り下げ"));
        String id = req.json().get("id").asText();
        assertThat(c.send("POST", "/api/v1/exceptions/" + id + "/revoke", requester, null, Map.of()).status()).isEqualTo(204);
        assertThat(decide(id, "approve", approver, null).status()).isEqualTo(409);
    }
}
