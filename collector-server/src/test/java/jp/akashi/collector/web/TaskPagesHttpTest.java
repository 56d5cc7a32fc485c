package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.task.Task;
import jp.akashi.collector.task.TaskStore;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The console's task journey: 「タスクにする」 on a failing check of an asset opens the form with
 * the check and the asset filled in; the task shows under the owner's 自分のタスク; an overdue task
 * is on the dashboard; the status changes; auditors see tasks and change nothing.
 */
class TaskPagesHttpTest {
    static TestCollector c;
    static String assetId;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        assetId = Seed.asset(c, id -> Reports.host(id, "tp-host", "mid-tp-host", Reports.linuxPolicyFacts("tp-host", false)));
        Seed.user(c, "tp-owner", "security", "tp-owner-password-1");
        Seed.user(c, "tp-auditor", "auditor", "tp-auditor-password-1");
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void longTaskListsArePagedFiftyAtATime() {
        jp.akashi.collector.catalog.Catalog catalog = c.bean(jp.akashi.collector.catalog.Catalog.class);
        List<String> criteria = catalog.frameworks().get(0).latest().criteria().stream().map(k -> k.globalId()).limit(55).toList();
        String due = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(20).toString();
        for (String k : criteria) {
            TestCollector.Response r = c.postJson("/api/v1/tasks", c.adminToken(), Map.of("targetType", "criterion", "targetId", k,
                    "owner", "tp-owner", "due", due, "note", "ページ送り"));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        WebClient owner = WebClient.loggedIn(c, "tp-owner", "tp-owner-password-1");
        for (String view : List.of("mine", "open")) {
            String first = owner.get("/tasks?view=" + view).body();
            assertThat(first.split("class=\"task-status\"", -1).length - 1).as(view + ": one page").isEqualTo(50);
            assertThat(first).contains("rel=\"next\"").contains("href=\"/tasks?view=" + view + "&amp;page=2\"");
            String second = owner.get("/tasks?view=" + view + "&page=2").body();
            assertThat(second.split("class=\"task-status\"", -1).length - 1).as(view + ": the rest").isGreaterThanOrEqualTo(5).isLessThan(50);
            assertThat(second).contains("rel=\"prev\"");
        }
    }

    @Test
    void aFailingCheckBecomesTheOwnersTaskAndAnOverdueOneIsOnTheDashboard() {
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String asset = admin.get("/assets/" + assetId).body();
        assertThat(asset).contains("href=\"/tasks?check=av.installed&amp;asset=" + assetId + "\"");
        String form = admin.get("/tasks?check=av.installed&asset=" + assetId).body();
        assertThat(form).contains("value=\"av.installed\"").contains("value=\"" + assetId + "\"");
        String due = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(5).toString();
        Page bad = admin.submit("/tasks", Map.of("targetType", "check", "targetId", "av.installed", "assetId", assetId,
                "owner", "tp-auditor", "due", due, "note", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("担当者は有効な管理者かセキュリティ担当を選んでください");
        Page created = admin.submit("/tasks", Map.of("targetType", "check", "targetId", "av.installed", "assetId", assetId,
                "owner", "tp-owner", "due", due, "note", "ClamAV を導入"));
        assertThat(created.location()).isEqualTo("/tasks?view=open&done=created");

        WebClient owner = WebClient.loggedIn(c, "tp-owner", "tp-owner-password-1");
        String mine = owner.get("/tasks").body();
        assertThat(mine).contains("ClamAV を導入").contains("href=\"/assets/" + assetId + "#check-av.installed\"").contains(due);
        String id = c.get("/api/v1/tasks?mine=false", c.adminToken()).json().get(0).get("id").asText();
        Page progress = owner.submit("/tasks/" + id + "/status", Map.of("status", "in_progress", "note", "", "exceptionExpires", ""));
        assertThat(progress.status()).isEqualTo(303);
        assertThat(owner.get("/tasks").body()).contains("対応中");

        // a task past its due day (written directly: the form refuses past days)
        long now = System.currentTimeMillis();
        c.bean(Database.class).write(h -> {
            c.bean(TaskStore.class).insert(h, new Task("overdue-task", "check", "av.realtime", assetId, "tp-owner", "2026-01-05",
                    Task.OPEN, "期日超過の例", "admin", now, now, null, null, null, null));
            return null;
        });
        String dashboard = owner.get("/").body();
        String card = dashboard.substring(dashboard.indexOf("id=\"overdue-tasks\""), dashboard.indexOf("id=\"failing-checks\""));
        assertThat(card).contains("2026-01-05").contains("av.realtime").contains("自分のタスク 2 件");
        assertThat(owner.get("/tasks?view=overdue").body()).contains("期日超過の例").doesNotContain("ClamAV を導入");

        WebClient auditor = WebClient.loggedIn(c, "tp-auditor", "tp-auditor-password-1");
        String auditorView = auditor.get("/tasks?view=open").body();
        assertThat(auditorView).contains("ClamAV を導入").doesNotContain("action=\"/tasks\"").doesNotContain("/status\"");
        auditor.get("/tasks");
        assertThat(auditor.submit("/tasks/" + id + "/status", Map.of("status", "done", "note", "", "exceptionExpires", "")).status())
                .isEqualTo(403);
    }
}
