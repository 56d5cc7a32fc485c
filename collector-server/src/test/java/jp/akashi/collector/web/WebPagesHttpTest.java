package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.collector.security.Role;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/** What the console's pages show and do, through HTTP against a real collector. */
class WebPagesHttpTest {
    static TestCollector c;
    static String assetA;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        assetA = Seed.linuxHost(c, "web-host-a");
        Seed.linuxHost(c, "web-host-b");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    @Test
    void theDashboardCountsAssetsAndShowsRecentReports() {
        String page = admin().get("/").body();
        assertThat(page).contains("<title>ダッシュボード | Akashi</title>").contains("OS別の資産").contains("Linux")
                .contains("web-host-a").contains("web-host-b").contains("最近の報告");
        assertThat(page).as("no placeholders").doesNotContain("準備中");
        assertThat(page).as("a card per framework above the inventory").contains("フレームワーク別の状況");
    }

    @Test
    void theAssetPageGroupsFactsByFamilyWithTheirEvidence() {
        String page = admin().get("/assets/" + assetA).body();
        assertThat(page).contains("<span class=\"family-name\">auth</span>").contains("<span class=\"family-name\">os</span>");
        assertThat(page).contains("auth.password.min_length").contains("file:/etc/test")
                .contains("auth.password.min_length=8").contains("取得エラー")
                .contains("permission denied reading /etc/security/faillock.conf");
        assertThat(page).contains("報告の履歴").contains("2026-11-20 09:00");
    }

    @Test
    void editingAnAssetKeepsJapaneseTextAndIsAudited() {
        WebClient w = admin();
        w.get("/assets/" + assetA);
        Page saved = w.submit("/assets/" + assetA, Map.of("owner", "山田 太郎", "department", "情報システム部",
                "location", "本社 3F", "roles", "server"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/assets/" + assetA + "?done=saved");
        Page after = w.get(saved.location());
        assertThat(after.body()).contains("保存しました").contains("value=\"山田 太郎\"").contains("value=\"情報システム部\"");
        JsonNode api = c.get("/api/v1/assets/" + assetA, c.adminToken()).json();
        assertThat(api.get("department").asText()).isEqualTo("情報システム部");
        assertThat(api.get("roles").toString()).isEqualTo("[\"server\"]");

        Page rejected = w.submit("/assets/" + assetA, Map.of("owner", "x".repeat(300)));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body()).contains("保存できませんでした");
        assertThat(c.get("/api/v1/assets/" + assetA, c.adminToken()).json().get("owner").asText()).isEqualTo("山田 太郎");

        assertThat(w.get("/audit").body()).contains("<code>asset.update</code>").contains("情報システム部");

        w.get("/assets/" + assetA);
        Page twoRoles = w.postBody("/assets/" + assetA, "_csrf=" + w.csrf()
                + "&owner=%E5%B1%B1%E7%94%B0&roles=server&roles=internet-facing", Map.of());
        assertThat(twoRoles.status()).isEqualTo(303);
        assertThat(c.get("/api/v1/assets/" + assetA, c.adminToken()).json().get("roles").toString())
                .isEqualTo("[\"server\",\"internet-facing\"]");
    }

    /** Issue 14 §1: a server without roles is in scope of the server checks; the page says what does not apply and why. */
    @Test
    void aServerWithoutRolesShowsWhatDoesNotApplyAndWhereToSetTheRole() {
        List<jp.akashi.probes.model.Fact> f = new java.util.ArrayList<>(Seed.complianceFacts("srv-noroles", true, List.of()));
        f.add(jp.akashi.collector.testing.Reports.ok("net.listening_ports", List.of(22L, 443L)));
        f.add(jp.akashi.collector.testing.Reports.ok("log.writer", "rsyslog"));
        f.add(jp.akashi.collector.testing.Reports.ok("log.auth.retention_days", 28L));
        String id = Seed.asset(c, a -> jp.akashi.collector.testing.Reports.host(a, "srv-noroles", "mid-srv-noroles", f));
        c.awaitEvaluation();
        String page = admin().get("/assets/" + id).body();
        assertThat(page).contains("この資産に適用されないチェック").contains("href=\"#roles\"").contains("id=\"roles\"")
                .contains("役割が未設定のためサーバとして判定");
        // the 1-year retention applies (server, confidential assumed) and fails on 28 days
        JsonNode results = c.get("/api/v1/assets/" + id + "/checks", c.adminToken()).json().get("results");
        String year = null;
        for (JsonNode r : results) {
            if (r.get("check").asText().equals("log.auth_retention_1_year")) {
                year = r.get("status").asText();
            }
        }
        assertThat(year).isEqualTo("FAIL");
    }

    @Test
    void theAssetListSearchesAndFiltersInSql() {
        WebClient w = admin();
        assertThat(w.get("/assets?q=host-b").body()).contains("web-host-b").doesNotContain(">web-host-a<");
        assertThat(w.get("/assets?q=%25").body()).as("a LIKE wildcard is searched for literally").contains("条件に合う資産はありません");
        assertThat(w.get("/assets?os=windows").body()).contains("条件に合う資産はありません");
        assertThat(w.get("/assets?os=linux&kind=host").body()).contains("web-host-a").contains("web-host-b");
        assertThat(w.get("/assets?page=-3&q=" + "z".repeat(500)).status()).isEqualTo(200);
    }

    @Test
    void aUserWhoseAdminSetThePasswordMustChangeItFirst() {
        WebClient a = admin();
        a.get("/users");
        Page created = a.submit("/users", Map.of("username", "newcomer", "displayName", "新人 花子", "role", "security",
                "password", "temporary-password-1"));
        assertThat(created.status()).isEqualTo(303);
        assertThat(a.get("/users").body()).contains("新人 花子").contains("パスワード変更待ち");

        WebClient w = new WebClient(c);
        Page login = w.login("newcomer", "temporary-password-1");
        assertThat(login.location()).isEqualTo("/account/password");
        Page blocked = w.get("/assets");
        assertThat(blocked.status()).isEqualTo(303);
        assertThat(blocked.location()).isEqualTo("/account/password");
        Page form = w.get("/account/password");
        assertThat(form.body()).contains("管理者が設定したパスワード");
        // the same browser session cannot go round the gate through the JSON API
        Page api = w.get("/api/v1/assets");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).contains("password change required");
        assertThat(w.get("/api/v1/auth/me").status()).as("the auth routes stay open").isEqualTo(200);
        assertThat(c.get("/api/v1/assets", c.login("newcomer", "temporary-password-1")).status())
                .as("bearer-token API sessions are not gated").isEqualTo(200);

        Page mismatch = w.submit("/account/password", Map.of("current", "temporary-password-1",
                "password", "my-own-password-1", "confirm", "my-own-password-2"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("確認用のパスワードが一致しません");
        Page tooShort = w.submit("/account/password", Map.of("current", "temporary-password-1", "password", "short", "confirm", "short"));
        assertThat(tooShort.body()).contains("12文字以上");
        Page wrongCurrent = w.submit("/account/password", Map.of("current", "nope",
                "password", "my-own-password-1", "confirm", "my-own-password-1"));
        assertThat(wrongCurrent.body()).contains("現在のパスワードが正しくありません");

        Page changed = w.submit("/account/password", Map.of("current", "temporary-password-1",
                "password", "my-own-password-1", "confirm", "my-own-password-1"));
        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.location()).isEqualTo("/?done=password");
        assertThat(w.get("/assets").status()).as("the fresh session works and the gate is open").isEqualTo(200);
        assertThat(w.get("/api/v1/assets").status()).isEqualTo(200);
    }

    @Test
    void anAdminManagesAccounts() {
        Seed.user(c, "leaver", "security", "leaver-password-1");
        String id = userId("leaver");
        WebClient a = admin();
        a.get("/users/" + id);
        assertThat(a.submit("/users/" + id, Map.of("displayName", "退職予定", "role", "auditor")).location())
                .isEqualTo("/users/" + id + "?done=saved");
        assertThat(a.get("/users/" + id).body()).contains("退職予定").contains("監査人");

        WebClient leaver = WebClient.loggedIn(c, "leaver", "leaver-password-1");
        assertThat(leaver.get("/assets").status()).isEqualTo(200);
        a.get("/users/" + id);
        assertThat(a.submit("/users/" + id + "/disable", Map.of()).status()).isEqualTo(303);
        assertThat(leaver.get("/assets").status()).as("disabling ends the sessions").isEqualTo(303);
        assertThat(new WebClient(c).login("leaver", "leaver-password-1").status()).isEqualTo(401);
        a.get("/users/" + id);
        assertThat(a.submit("/users/" + id + "/enable", Map.of()).status()).isEqualTo(303);

        a.get("/users/" + id);
        Page weak = a.submit("/users/" + id + "/password", Map.of("password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        Page reset = a.submit("/users/" + id + "/password", Map.of("password", "reset-by-admin-1"));
        assertThat(reset.location()).isEqualTo("/users/" + id + "?done=reset");
        assertThat(new WebClient(c).login("leaver", "reset-by-admin-1").location()).isEqualTo("/account/password");

        a.get("/users");
        Page dup = a.submit("/users", Map.of("username", "leaver", "role", "auditor", "password", "whatever-password-1"));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body()).contains("既に存在します");

        String adminId = userId("admin");
        String own = a.get("/users/" + adminId).body();
        assertThat(own).as("one's own page offers no disable button").doesNotContain("/users/" + adminId + "/disable")
                .contains("自分自身を無効にしたり");
        assertThat(a.get("/users/" + id).body()).contains("/users/" + id + "/disable");
        a.get("/users/" + adminId);
        Page self = a.submit("/users/" + adminId + "/disable", Map.of());
        assertThat(self.status()).as("no lock-out of oneself").isEqualTo(400);
        assertThat(self.body()).contains("自分自身を無効に");
        Page demote = a.submit("/users/" + adminId, Map.of("role", "auditor"));
        assertThat(demote.status()).isEqualTo(400);
        assertThat(user("admin").get("role").asText()).isEqualTo("admin");
    }

    @Test
    void anAdminCreatesAnEnrollmentTokenAndGetsCommandsThatWork() {
        WebClient a = admin();
        a.get("/enrollment");
        Page created = a.submit("/enrollment", Map.of("ttlHours", "2", "maxUses", "1", "note", "新しいサーバー"));
        assertThat(created.status()).isEqualTo(201);
        Matcher m = Pattern.compile("(akt_[A-Za-z0-9_-]+)").matcher(created.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(created.body()).contains("java -jar akashi-agent.jar enroll --server http://127.0.0.1:")
                .contains("install-agent.ps1 -Server http://127.0.0.1:").contains("--token " + token)
                .contains("-Token " + token);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        String usedId = c.get("/api/v1/enrollment-tokens", c.adminToken()).json().get(0).get("id").asText();
        assertThat(c.postJson("/api/v1/enroll", null, Map.of("token", token)).status()).isEqualTo(201);

        String list = a.get("/enrollment").body();
        assertThat(list).contains("新しいサーバー").contains("使用済み").doesNotContain(token)
                .as("a used-up token has nothing left to revoke").doesNotContain("/enrollment/" + usedId + "/revoke");

        Page bad = a.submit("/enrollment", Map.of("ttlHours", "abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("数値で入力");
        Page tooLong = a.submit("/enrollment", Map.of("ttlHours", "100000", "maxUses", "5", "note", "検証用の<b>サーバー</b>"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).as("what was typed comes back, escaped").contains("value=\"100000\"").contains("value=\"5\"")
                .contains("value=\"検証用の&lt;b&gt;サーバー&lt;/b&gt;\"").contains("有効時間は 1〜720 時間で指定してください");

        Page second = a.submit("/enrollment", Map.of("ttlHours", "1", "maxUses", "3"));
        Matcher m2 = Pattern.compile("(akt_[A-Za-z0-9_-]+)").matcher(second.body());
        assertThat(m2.find()).isTrue();
        String tokenId = c.get("/api/v1/enrollment-tokens", c.adminToken()).json().get(0).get("id").asText();
        a.get("/enrollment");
        assertThat(a.submit("/enrollment/" + tokenId + "/revoke", Map.of()).location()).isEqualTo("/enrollment?done=revoked");
        assertThat(c.postJson("/api/v1/enroll", null, Map.of("token", m2.group(1))).status()).isEqualTo(401);
    }

    @Test
    void anAdminRevokesAnAgent() {
        String[] agent = c.enrollAgent();
        WebClient a = admin();
        assertThat(a.get("/agents").body()).contains(agent[0]).contains("まだ報告なし");
        Page revoked = a.submit("/agents/" + agent[0] + "/revoke", Map.of());
        assertThat(revoked.location()).isEqualTo("/agents?done=revoked");
        assertThat(a.get("/agents?done=revoked").body()).contains("失効させました");
    }

    @Test
    void theLanguageSwitchesToEnglishAndIsRemembered() {
        Seed.user(c, "eigo", "auditor", "english-password-1");
        WebClient w = WebClient.loggedIn(c, "eigo", "english-password-1");
        w.get("/assets");
        Page switched = w.submit("/lang", Map.of("lang", "en", "next", "/assets"));
        assertThat(switched.location()).isEqualTo("/assets");
        assertThat(switched.setCookie("AKASHI_LANG").orElseThrow()).startsWith("AKASHI_LANG=en");
        String page = w.get("/assets").body();
        assertThat(page).contains("<html lang=\"en\">").contains("<h1 class=\"h3\">Assets</h1>").contains("Last report");

        WebClient elsewhere = new WebClient(c);
        Page login = elsewhere.login("eigo", "english-password-1");
        assertThat(login.setCookie("AKASHI_LANG").orElseThrow()).as("the choice is the person's preference").startsWith("AKASHI_LANG=en");
        assertThat(elsewhere.get("/").body()).contains("Dashboard");

        WebClient visitor = new WebClient(c);
        visitor.get("/login");
        assertThat(visitor.submit("/lang", Map.of("lang", "en", "next", "/login")).status()).isEqualTo(303);
        assertThat(visitor.get("/login").body()).contains("Log in to Akashi");
        visitor.setCookie("AKASHI_LANG", "fr");
        assertThat(visitor.get("/login").body()).as("unknown languages fall back to Japanese").contains("Akashi にログイン");
    }

    @Test
    void theMenuShowsExactlyThePagesEachRoleMayOpen() {
        for (Role role : Role.values()) {
            WebClient w;
            if (role == Role.ADMIN) {
                w = admin();
            } else {
                String name = "menu-" + role.wire();
                Seed.user(c, name, role.wire(), "menu-password-" + role.wire());
                w = WebClient.loggedIn(c, name, "menu-password-" + role.wire());
            }
            String dashboard = w.get("/").body();
            for (Navigation.Item item : Navigation.ITEMS) {
                boolean listed = item.roles().contains(role);
                assertThat(w.get(item.href()).status()).as(role + " " + item.href()).isEqualTo(listed ? 200 : 403);
                assertThat(dashboard.contains("class=\"nav-link") && dashboard.contains("href=\"" + item.href() + "\""))
                        .as(role + " menu has " + item.href()).isEqualTo(listed || item.href().equals("/"));
            }
        }
    }

    static String userId(String username) {
        return user(username).get("id").asText();
    }

    static JsonNode user(String username) {
        for (JsonNode u : c.get("/api/v1/users", c.adminToken()).json()) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        throw new IllegalStateException("no user " + username);
    }
}
