package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The audit log page: the hash chain's status (verified, or the first entry that breaks it after
 * a row was altered in the database, with the reason; a red banner for admins on every page; the
 * break recorded in the log and reported until an admin appends a repair entry), filters by actor, action and dates, and the export buttons
 * for the roles the export API allows.
 */
class AuditPagesHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        Seed.user(c, "kansa", "auditor", "auditor-password-1");
        Seed.user(c, "sec", "security", "security-password-1");
        Seed.linuxHost(c, "audited-host");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    static String column(long seq, String column) {
        return c.bean(Database.class).read(h -> h.createQuery("SELECT " + column + " FROM audit_log WHERE seq = :s").bind("s", seq)
                .mapTo(String.class).one());
    }

    static void set(long seq, String column, String value) {
        c.bean(Database.class).write(h -> h.createUpdate("UPDATE audit_log SET " + column + " = :v WHERE seq = :s").bind("v", value)
                .bind("s", seq).execute());
    }

    static long head() {
        return c.bean(Database.class).read(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
    }

    /** An admin acknowledges the recorded break; the chain verifies again from the sealed repair entry. */
    static void repair(WebClient w, String why) {
        assertThat(w.get("/audit").body()).contains("id=\"audit-repair\"");
        Page refused = w.submit("/audit/repair", Map.of("note", " "));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("修復できません").contains("メモ（修復の理由）");
        Page done = w.submit("/audit/repair", Map.of("note", why));
        assertThat(done.status()).isEqualTo(303);
        assertThat(column(head(), "action")).isEqualTo("audit.chain_repaired");
        assertThat(column(head(), "details")).contains(why);
        String page = w.get("/audit").body();
        assertThat(page).contains("ハッシュ連鎖を検証しました").contains("の修復記録で").doesNotContain("id=\"audit-repair\"");
        assertThat(w.get("/").body()).doesNotContain("id=\"audit-chain-banner\"");
    }

    @Test
    void theChainIsVerifiedAndATamperedEntryIsNamedRecordedAndRepaired() {
        WebClient w = admin();
        String page = w.get("/audit").body();
        assertThat(page).contains("ハッシュ連鎖を検証しました").contains("alert-success").contains("先頭からの再計算")
                .contains("href=\"/audit?full=true\"").doesNotContain("id=\"audit-repair\"");

        // an old entry altered in the database: found by the full recomputation (the button, every 10 minutes, the export)
        String original = column(2, "actor");
        set(2, "actor", "user:someone-else");
        try {
            String broken = w.get("/audit?full=true").body();
            assertThat(broken).contains("ハッシュ連鎖が番号 2 で切れています").contains("alert-danger").contains("href=\"/audit?before=3\"")
                    .contains("番号 2 の記録がハッシュと一致しません");
            assertThat(w.get("/audit").body()).as("a broken chain is recomputed each time").contains("番号 2 で切れています");
            assertThat(w.get("/").body()).as("a red banner on every page for admins").contains("id=\"audit-chain-banner\"")
                    .contains("監査ログのハッシュ連鎖が壊れています");
            WebClient auditor = WebClient.loggedIn(c, "kansa", "auditor-password-1");
            assertThat(auditor.get("/audit").body()).contains("alert-danger").doesNotContain("id=\"audit-repair\"");
            assertThat(auditor.post("/audit/repair", Map.of("note", "x", "_csrf", auditor.csrf())).status()).isEqualTo(403);
        } finally {
            set(2, "actor", original);
        }
        // put back, the break stays reported: it was recorded in the log itself, and only a repair entry closes it
        assertThat(column(head() - 1, "action") + column(head(), "action")).contains("audit.chain_broken");
        String after = w.get("/audit?full=true").body();
        assertThat(after).contains("alert-danger").contains("修復されていません").contains("番号 2 の記録がハッシュと一致しません");
        repair(w, "seq 2 was edited by a test and put back");

        // the newest entry and entries added since the last full run are checked on every view
        long anchor = head();
        String details = column(anchor, "details");
        set(anchor, "details", "{\"forged\":true}");
        try {
            assertThat(w.get("/audit").body()).contains("ハッシュ連鎖が番号 " + anchor + " で切れています");
        } finally {
            set(anchor, "details", details);
        }
        repair(w, "the newest entry was edited by a test and put back");
        WebClient.loggedIn(c, "kansa", "auditor-password-1");
        long added = head();
        String actor = column(added, "actor");
        set(added, "actor", "user:nobody");
        try {
            assertThat(w.get("/audit").body()).contains("ハッシュ連鎖が番号 " + added + " で切れています");
        } finally {
            set(added, "actor", actor);
        }
        repair(w, "an entry added since the last full run was edited by a test and put back");
    }

    @Test
    void filtersNarrowByActorActionAndDay() {
        WebClient w = admin();
        w.get("/assets");
        String asset = c.get("/api/v1/assets", c.adminToken()).json().get("items").get(0).get("id").asText();
        w.get("/assets/" + asset);
        assertThat(w.submit("/assets/" + asset, Map.of("owner", "監査 太郎")).status()).isEqualTo(303);
        WebClient.loggedIn(c, "kansa", "auditor-password-1");

        String byAction = w.get("/audit?action=asset.update").body();
        assertThat(byAction).contains("<code>asset.update</code>").contains("監査 太郎").doesNotContain("title=\"user:kansa\"")
                .contains("<option value=\"asset.update\" selected=\"selected\">");
        String byActor = w.get("/audit?actor=KANSA").body();
        assertThat(byActor).as("the actor's name, the stored actor as its title").contains("title=\"user:kansa\">kansa<").doesNotContain("監査 太郎");
        String group = w.get("/audit?action=auth").body();
        assertThat(group).as("an action group").contains("auth.login").doesNotContain(">asset.update<");

        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        assertThat(w.get("/audit?from=" + today + "&to=" + today + "&action=asset.update").body()).contains("監査 太郎");
        assertThat(w.get("/audit?from=" + tomorrow).body()).contains("記録はありません");
        Page bad = w.get("/audit?from=2026-13-45");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("日付は 2026-11-20 の形式").contains("value=\"2026-13-45\"");
        assertThat(w.get("/audit?actor=%3Cscript%3E").body()).contains("value=\"&lt;script&gt;\"").doesNotContain("value=\"<script>");
    }

    @Test
    void exportButtonsFollowTheExportApiRoles() {
        assertThat(admin().get("/audit").body()).contains("href=\"/api/v1/audit-log/export?format=csv\"")
                .contains("href=\"/api/v1/audit-log/export?format=jsonl\"");
        WebClient auditor = WebClient.loggedIn(c, "kansa", "auditor-password-1");
        assertThat(auditor.get("/audit").body()).contains("href=\"/api/v1/audit-log/export?format=jsonl\"");
        WebClient.Download csv = auditor.download("/api/v1/audit-log/export?format=csv");
        assertThat(csv.status()).as("the session cookie opens the export").isEqualTo(200);
        assertThat(csv.header("X-Audit-Chain")).isEqualTo("verified");
        WebClient sec = WebClient.loggedIn(c, "sec", "security-password-1");
        assertThat(sec.get("/audit").body()).contains("ハッシュ連鎖を検証しました").doesNotContain("/api/v1/audit-log/export");
    }
}
