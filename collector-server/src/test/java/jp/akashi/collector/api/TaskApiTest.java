package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * A failing check becomes a task with an owner and a due date; the task closes itself when the
 * check passes on the next report; "won't fix" becomes an exception request; bad owners, dates
 * and duplicates are refused and change nothing; auditors read only.
 */
class TaskApiTest {
    static TestCollector c;
    static String[] agent;
    static String assetId;
    static String sec;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        agent = c.enrollAgent();
        Response r = c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "task-host", "mid-task-host",
                Reports.linuxPolicyFacts("task-host", false)));
        assetId = r.json().get("assetId").asText();
        sec = c.userToken("task-owner", "security");
        auditor = c.userToken("task-auditor", "auditor");
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static String inDays(int n) {
        return LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(n).toString();
    }

    static Map<String, Object> task(String type, String target, String asset, String owner, String due) {
        Map<String, Object> m = new HashMap<>();
        m.put("targetType", type);
        m.put("targetId", target);
        m.put("assetId", asset);
        m.put("owner", owner);
        m.put("due", due);
        m.put("note", "定義ファイル更新の仕組みを入れる");
        return m;
    }

    JsonNode mine(String bearer) {
        return c.get("/api/v1/tasks?mine=true", bearer).json();
    }

    @Test
    void aTaskClosesItselfWhenItsCheckPasses() throws Exception {
        Response t = c.postJson("/api/v1/tasks", sec, task("check", "av.installed", assetId, "task-owner", inDays(7)));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String id = t.json().get("id").asText();
        assertThat(t.json().get("status").asText()).isEqualTo("open");
        // an open task's closing fields are there as null, not left out
        for (String k : List.of("closedAt", "closedBy", "closedReason", "exceptionId")) {
            assertThat(t.json().has(k) && t.json().get(k).isNull()).as(k).isTrue();
        }
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "av.installed", assetId, "task-owner", inDays(7))).status())
                .as("one open task per target").isEqualTo(409);
        assertThat(mine(sec).toString()).contains(id);
        Response moving = c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of("status", "in_progress"));
        assertThat(moving.json().get("status").asText()).isEqualTo("in_progress");

        c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "task-host", "mid-task-host",
                Reports.linuxPolicyFacts("task-host", true)));
        c.awaitEvaluation();
        JsonNode closed = null;
        for (JsonNode x : c.get("/api/v1/tasks?closed=true", auditor).json()) {
            if (x.get("id").asText().equals(id)) {
                closed = x;
            }
        }
        assertThat(closed).as("closed by itself once the check passed").isNotNull();
        assertThat(closed.get("closedReason").asText()).isEqualTo("passed");
        assertThat(closed.get("closedBy").asText()).isEqualTo("system:tasks");
        assertThat(c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of("status", "open")).status()).isEqualTo(409);
        assertThat(c.get("/api/v1/audit-log?limit=100", c.adminToken()).body()).contains("task.create").contains("task.close");
    }

    @Test
    void wontFixBecomesAnExceptionRequest() {
        Response t = c.postJson("/api/v1/tasks", sec, task("criterion", "kubota:137", null, "task-owner", inDays(3)));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String id = t.json().get("id").asText();
        Response noReason = c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of("status", "wont_fix", "exceptionExpiresAt", inDays(90)));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errorJa").asText()).contains("理由");
        Response noExpiry = c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of("status", "wont_fix", "note", "閉域網のため"));
        assertThat(noExpiry.status()).as("an exception always expires").isEqualTo(400);
        Response wont = c.postJson("/api/v1/tasks/" + id + "/status", sec,
                Map.of("status", "wont_fix", "note", "閉域網の制御装置のため月次で手動更新", "exceptionExpiresAt", inDays(90)));
        assertThat(wont.status()).as(wont.body()).isEqualTo(200);
        assertThat(wont.json().get("closedReason").asText()).isEqualTo("exception");
        String exceptionId = wont.json().get("exceptionId").asText();
        JsonNode requested = null;
        for (JsonNode e : c.get("/api/v1/exceptions", auditor).json()) {
            if (e.get("id").asText().equals(exceptionId)) {
                requested = e;
            }
        }
        assertThat(requested).isNotNull();
        assertThat(requested.get("state").asText()).as("another person still has to approve it").isEqualTo("requested");
        assertThat(requested.get("justification").asText()).isEqualTo("閉域網の制御装置のため月次で手動更新");
    }

    @Test
    void badTasksAreRefusedAndChangeNothing() {
        int before = c.get("/api/v1/tasks", auditor).json().size();
        Response auditorOwner = c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", assetId, "task-auditor", inDays(3)));
        assertThat(auditorOwner.status()).isEqualTo(400);
        assertThat(auditorOwner.json().get("errorJa").asText()).contains("担当者");
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", assetId, "nobody", inDays(3))).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", assetId, "task-owner", inDays(-1))).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", assetId, "task-owner", "来週")).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "no.such.check", assetId, "task-owner", inDays(3))).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", "no-such-asset", "task-owner", inDays(3))).status())
                .isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", sec, task("criterion", "kubota:1", assetId, "task-owner", inDays(3))).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks", auditor, task("check", "av.realtime", assetId, "task-owner", inDays(3))).status())
                .isEqualTo(403);
        assertThat(c.get("/api/v1/tasks", auditor).json()).hasSize(before);
        Response t = c.postJson("/api/v1/tasks", sec, task("check", "av.realtime", assetId, "task-owner", inDays(3)));
        String id = t.json().get("id").asText();
        Response noStatus = c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of());
        assertThat(noStatus.status()).as("a missing status is a 400, not a 500").isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks/" + id + "/status", sec, Map.of("status", "closed")).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/tasks/no-such-task/status", sec, Map.of("status", "done")).status()).isEqualTo(404);
    }
}
