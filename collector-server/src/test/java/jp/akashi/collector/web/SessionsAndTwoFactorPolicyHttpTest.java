package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The sessions list ("sign out everywhere", ending one, an admin doing it for someone; the ended
 * sessions' next request is refused) and the admin's "two-factor login required" setting, which
 * sends everyone without it to enrolment until they have it — against a real collector.
 */
class SessionsAndTwoFactorPolicyHttpTest {
    private static final Pattern REVOKE = Pattern.compile("action=\"/account/sessions/([0-9a-f]+)/revoke\"");

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

    static String newUser(String name) {
        String token = c.userToken(name, "security");
        assertThat(c.postJson("/api/v1/auth/password", token, Map.of("currentPassword", "password-of-" + name,
                "newPassword", pw(name))).status()).isEqualTo(204);
        return name;
    }

    static String pw(String name) {
        return "own-password-of-" + name;
    }

    static List<String> revokeIds(Page account) {
        List<String> ids = new ArrayList<>();
        Matcher m = REVOKE.matcher(account.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void signOutEverywhereEndsTheOtherSessionsAndTokens() {
        String u = newUser("sess-taro");
        WebClient a = WebClient.loggedIn(c, u, pw(u));
        WebClient b = WebClient.loggedIn(c, u, pw(u));
        String token = c.login(u, pw(u));

        Page account = a.get("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(revokeIds(account)).hasSize(3);
        assertThat(account.body().split("current-session", -1)).as("one row marked as this session").hasSize(2);
        assertThat(account.body()).contains("このセッション").contains("APIトークン").contains("Java-http-client").contains("127.0.0.1");

        JsonNode listed = c.get("/api/v1/auth/sessions", token).json().get("sessions");
        assertThat(listed).hasSize(3);
        List<String> kinds = new ArrayList<>();
        listed.forEach(s -> kinds.add(s.get("kind").asText() + (s.get("current").asBoolean() ? "*" : "")));
        assertThat(kinds).containsExactlyInAnyOrder("web", "web", "api*");
        assertThat(listed.toString()).doesNotContain("csrf").doesNotContain("token");

        Page ended = a.submit("/account/sessions/revoke-all", Map.of("scope", "others"));
        assertThat(ended.location()).isEqualTo("/account?done=sessionsRevoked");
        assertThat(b.get("/").status()).isEqualTo(303);
        assertThat(b.get("/").location()).startsWith("/login");
        assertThat(c.get("/api/v1/auth/me", token).status()).isEqualTo(401);
        Page after = a.get("/account");
        assertThat(after.status()).isEqualTo(200);
        assertThat(revokeIds(after)).hasSize(1);

        // ending one: another browser's session by its id
        WebClient d = WebClient.loggedIn(c, u, pw(u));
        List<String> ids = revokeIds(a.get("/account"));
        assertThat(ids).hasSize(2);
        String own = ownId(a.get("/account"));
        String other = ids.stream().filter(x -> !x.equals(own)).findFirst().orElseThrow();
        assertThat(a.submit("/account/sessions/" + other + "/revoke", Map.of()).location()).isEqualTo("/account?done=sessionRevoked");
        assertThat(d.get("/").status()).isEqualTo(303);
        assertThat(a.get("/").status()).isEqualTo(200);
        assertThat(a.submit("/account/sessions/" + other + "/revoke", Map.of()).status()).as("gone already").isEqualTo(404);

        // all, this one too: back to the login page
        Page all = a.submit("/account/sessions/revoke-all", Map.of("scope", "all"));
        assertThat(all.location()).isEqualTo("/login");
        assertThat(a.get("/").status()).isEqualTo(303);
        assertThat(c.get("/api/v1/audit-log?limit=200", c.adminToken()).body()).contains("auth.sessions_revoke_all").contains("auth.session_revoke");
    }

    @Test
    void theApiListsAndEndsTheCallersOwnSessionsOnly() {
        String u = newUser("sess-api");
        String t1 = c.login(u, pw(u));
        String t2 = c.login(u, pw(u));
        String stranger = c.login(newUser("sess-stranger"), pw("sess-stranger"));
        JsonNode listed = c.get("/api/v1/auth/sessions", t1).json().get("sessions");
        String otherId = null;
        for (JsonNode s : listed) {
            if (!s.get("current").asBoolean()) {
                otherId = s.get("id").asText();
            }
        }
        assertThat(otherId).isNotNull();
        // someone else's session id is not found for another caller
        assertThat(c.send("DELETE", "/api/v1/auth/sessions/" + otherId, stranger, null, Map.of()).status()).isEqualTo(404);
        assertThat(c.get("/api/v1/auth/me", t2).status()).isEqualTo(200);
        assertThat(c.send("DELETE", "/api/v1/auth/sessions/" + otherId, t1, null, Map.of()).status()).isEqualTo(204);
        assertThat(c.get("/api/v1/auth/me", t2).status()).isEqualTo(401);

        String t3 = c.login(u, pw(u));
        TestCollector.Response others = c.postJson("/api/v1/auth/sessions/revoke-all", t1, Map.of());
        assertThat(others.json().get("ended").asInt()).isEqualTo(1);
        assertThat(c.get("/api/v1/auth/me", t3).status()).isEqualTo(401);
        assertThat(c.get("/api/v1/auth/me", t1).status()).isEqualTo(200);
        assertThat(c.postJson("/api/v1/auth/sessions/revoke-all", t1, Map.of("includeCurrent", true)).status()).isEqualTo(200);
        assertThat(c.get("/api/v1/auth/me", t1).status()).isEqualTo(401);
        assertThat(c.get("/api/v1/auth/me", stranger).status()).isEqualTo(200);
    }

    @Test
    void anAdminSignsSomeoneOutEverywhere() {
        String u = newUser("sess-hiro");
        WebClient w = WebClient.loggedIn(c, u, pw(u));
        String token = c.login(u, pw(u));
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String id = TwoFactorLoginHttpTest.userId(c, u);
        Page detail = admin.get("/users/" + id);
        assertThat(detail.body()).contains("sessions-table").contains("すべてのセッションを終了");
        assertThat(admin.submit("/users/" + id + "/sessions/revoke-all", Map.of()).location()).isEqualTo("/users/" + id + "?done=sessionsRevoked");
        assertThat(w.get("/").status()).isEqualTo(303);
        assertThat(c.get("/api/v1/auth/me", token).status()).isEqualTo(401);
        assertThat(admin.get("/").status()).isEqualTo(200);
        // a non-admin may not
        WebClient other = WebClient.loggedIn(c, newUser("sess-nosy"), pw("sess-nosy"));
        other.get("/account");
        assertThat(other.submit("/users/" + id + "/sessions/revoke-all", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void requiredTwoFactorSendsEveryoneWithoutItToEnrolmentFirst() throws Exception {
        try (TestCollector p = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false))) {
            String token = p.userToken("policy-ken", "security");
            assertThat(p.postJson("/api/v1/auth/password", token, Map.of("currentPassword", "password-of-policy-ken",
                    "newPassword", pw("policy-ken"))).status()).isEqualTo(204);
            String oldToken = p.login("policy-ken", pw("policy-ken"));

            WebClient admin = WebClient.loggedIn(p, "admin", TestCollector.ADMIN_PASSWORD);
            admin.get("/users");
            // the admin has no second factor yet: requiring it would shut them out
            Page refused = admin.submit("/users/policy/two-factor", Map.of("required", "true"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("先にご自身の2要素認証を設定");
            TwoFactorLoginHttpTest.Enrolled adminTf = enrolOn(admin);
            admin.get("/users");
            assertThat(admin.submit("/users/policy/two-factor", Map.of("required", "true")).location())
                    .isEqualTo("/users?done=twoFactorRequired");
            assertThat(admin.get("/users").body()).contains("すべてのローカルアカウントで2要素認証が必須です");

            WebClient w = WebClient.loggedIn(p, "policy-ken", pw("policy-ken"));
            assertThat(w.get("/").location()).isEqualTo("/account/two-factor");
            assertThat(w.get("/assets").location()).isEqualTo("/account/two-factor");
            assertThat(w.get("/account").location()).isEqualTo("/account/two-factor");
            Page page = w.get("/account/two-factor");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("管理者がすべてのアカウントに2要素認証を必須にしています");
            // the API: an old token is refused, a new login says what to do
            TestCollector.Response api = p.get("/api/v1/assets", oldToken);
            assertThat(api.status()).isEqualTo(403);
            assertThat(api.json().get("error").asText()).contains("two-factor login is required");
            TestCollector.Response newLogin = p.postJson("/api/v1/auth/login", null, Map.of("username", "policy-ken", "password", pw("policy-ken")));
            assertThat(newLogin.status()).isEqualTo(403);
            assertThat(newLogin.json().get("error").asText()).contains("/account/two-factor");

            TwoFactorLoginHttpTest.Enrolled e = enrolOn(w);
            assertThat(w.get("/").status()).isEqualTo(200);
            assertThat(p.get("/api/v1/assets", oldToken).status()).isEqualTo(200);
            assertThat(e.recoveryCodes()).hasSize(10);

            // the setting lives in the database: it holds after a restart (and on every instance)
            p.restartWith(Map.of("akashi.targets.scheduler-enabled", false));
            WebClient again = new WebClient(p);
            Page pwStep = again.login("admin", TestCollector.ADMIN_PASSWORD);
            assertThat(pwStep.location()).isEqualTo("/login/code");
            assertThat(again.submit("/login/code", Map.of("code", adminTf.recoveryCodes().get(0))).location()).isEqualTo("/");
            assertThat(again.get("/users").body()).contains("すべてのローカルアカウントで2要素認証が必須です");
            assertThat(again.submit("/users/policy/two-factor", Map.of("required", "false")).location())
                    .isEqualTo("/users?done=twoFactorOptional");
            TestCollector.Response adminLogin = p.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", TestCollector.ADMIN_PASSWORD, "totp", adminTf.recoveryCodes().get(1)));
            assertThat(adminLogin.status()).isEqualTo(200);
            assertThat(p.get("/api/v1/audit-log?limit=200", adminLogin.json().get("token").asText()).body())
                    .contains("auth.two_factor_required").contains("user.two_factor_enrol");
        }
    }

    /** Enrols the logged-in browser on another collector (the helper of TwoFactorLoginHttpTest uses its own). */
    private static TwoFactorLoginHttpTest.Enrolled enrolOn(WebClient w) {
        return TwoFactorLoginHttpTest.enrol(w);
    }

    private static String ownId(Page account) {
        Matcher m = Pattern.compile("current-session\">.*?action=\"/account/sessions/([0-9a-f]+)/revoke\"", Pattern.DOTALL)
                .matcher(account.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
