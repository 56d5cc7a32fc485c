package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The console's safety at the HTTP level, against a real collector: sessions and their cookies,
 * CSRF on every form (login included), roles enforced on the server, output escaping of values
 * that come from hosts, security headers, redirects that cannot leave the site.
 */
class WebSecurityHttpTest {
    static TestCollector c;
    static String hostileAsset;
    static String plainAsset;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        hostileAsset = Seed.hostileHost(c);
        plainAsset = Seed.linuxHost(c, "plain-host");
        Seed.user(c, "auditor1", "auditor", "auditor-password-1");
        Seed.user(c, "sec1", "security", "security-password-1");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    @Test
    void pagesNeedALoginAndComeBackAfterIt() {
        WebClient w = new WebClient(c);
        Page p = w.get("/assets?q=web");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).isEqualTo("/login?next=%2Fassets%3Fq%3Dweb");

        Page form = w.get(p.location());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"next\" value=\"/assets?q=web\"");
        Page login = w.submit("/login", Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD,
                "next", "/assets?q=web"));
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.location()).isEqualTo("/assets?q=web");
        assertThat(w.get("/assets?q=web").status()).isEqualTo(200);
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndNotSecureWithoutTls() {
        WebClient w = new WebClient(c);
        Page login = w.login("admin", TestCollector.ADMIN_PASSWORD);
        String cookie = login.setCookie("AKASHI_SESSION").orElseThrow();
        assertThat(cookie).contains("HTTPOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Max-Age").doesNotContain("Secure");
        assertThat(login.setCookie("AKASHI_PRE").orElseThrow()).as("the login-CSRF cookie is dropped").contains("Max-Age=0");
    }

    @Test
    void theLoginFormItselfNeedsItsPreSessionToken() {
        WebClient w = new WebClient(c);
        w.get("/login");
        assertThat(w.cookie("AKASHI_PRE")).isPresent();
        Page none = w.post("/login", Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("確認用トークン");
        Page wrong = w.post("/login", Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD, "_csrf", "forged"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(w.cookie("AKASHI_SESSION")).isEmpty();

        WebClient noCookie = new WebClient(c);
        Page forged = noCookie.post("/login", Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD, "_csrf", ""));
        assertThat(forged.status()).as("an attacker's page has no pre-session cookie to echo").isEqualTo(403);
    }

    @Test
    void wrongPasswordsGetAMessageAndRepeatedOnesAreThrottled() {
        Seed.user(c, "forgetful", "security", "forgetful-password-1");
        WebClient w = new WebClient(c);
        w.get("/login");
        Page bad = w.submit("/login", Map.of("username", "forgetful", "password", "wrong"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).contains("ユーザー名またはパスワードが正しくありません").contains("value=\"forgetful\"");
        for (int i = 0; i < 4; i++) {
            w.submit("/login", Map.of("username", "forgetful", "password", "wrong-" + i));
        }
        Page locked = w.submit("/login", Map.of("username", "forgetful", "password", "forgetful-password-1"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("待たせています").contains("ロックされていません");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRejectedAndChangeNothing() {
        WebClient w = admin();
        w.get("/assets/" + plainAsset);
        Page missing = w.post("/assets/" + plainAsset, Map.of("owner", "csrf-victim"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        Page wrong = w.post("/assets/" + plainAsset, Map.of("owner", "csrf-victim", "_csrf", "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        Page preSessionToken = w.post("/assets/" + plainAsset, Map.of("owner", "csrf-victim", "_csrf", ""));
        assertThat(preSessionToken.status()).isEqualTo(403);
        assertThat(w.get("/assets/" + plainAsset).body()).doesNotContain("csrf-victim");

        Page viaHeader = w.postWithHeaders("/assets/" + plainAsset, Map.of("owner", "header-owner"),
                Map.of("X-CSRF-Token", w.csrf()));
        assertThat(viaHeader.status()).isEqualTo(303);
        Page ok = w.submit("/assets/" + plainAsset, Map.of("owner", "form-owner"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(w.get("/assets/" + plainAsset).body()).contains("value=\"form-owner\"");

        Page logoutWithoutToken = w.post("/logout", Map.of());
        assertThat(logoutWithoutToken.status()).as("logout is a form too").isEqualTo(403);
    }

    @Test
    void anAuditorCanReadEverythingAndChangeNothing() {
        WebClient w = WebClient.loggedIn(c, "auditor1", "auditor-password-1");
        for (String page : new String[]{"/", "/assets", "/assets/" + plainAsset, "/agents", "/enrollment", "/users", "/audit"}) {
            assertThat(w.get(page).status()).as(page).isEqualTo(200);
        }
        String assetPage = w.get("/assets/" + plainAsset).body();
        assertThat(assetPage).doesNotContain("name=\"owner\"");
        String agentId = c.get("/api/v1/agents", c.adminToken()).json().get(0).get("id").asText();
        String adminId = c.get("/api/v1/users", c.adminToken()).json().get(0).get("id").asText();
        long tokensBefore = c.get("/api/v1/enrollment-tokens", c.adminToken()).json().size();

        Map<String, Map<String, String>> attempts = Map.of(
                "/assets/" + plainAsset, Map.of("owner", "auditor-was-here"),
                "/enrollment", Map.of("ttlHours", "1", "maxUses", "1"),
                "/agents/" + agentId + "/revoke", Map.of(),
                "/users", Map.of("username", "mallory", "role", "admin", "password", "mallory-password-1"),
                "/users/" + adminId, Map.of("role", "auditor"),
                "/users/" + adminId + "/disable", Map.of(),
                "/users/" + adminId + "/password", Map.of("password", "another-password-1"));
        attempts.forEach((path, form) -> {
            w.get("/");
            Page p = w.submit(path, form);
            assertThat(p.status()).as("auditor POST " + path).isEqualTo(403);
            assertThat(p.body()).contains("権限がありません");
        });
        assertThat(c.get("/api/v1/assets/" + plainAsset, c.adminToken()).json().get("owner").asText()).isNotEqualTo("auditor-was-here");
        assertThat(c.get("/api/v1/enrollment-tokens", c.adminToken()).json().size()).isEqualTo(tokensBefore);
        assertThat(c.get("/api/v1/users", c.adminToken()).json().toString()).doesNotContain("mallory");
        assertThat(c.get("/api/v1/agents", c.adminToken()).json().get(0).get("revoked").asBoolean()).isFalse();
        assertThat(WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD).get("/").status()).isEqualTo(200);
    }

    @Test
    void theSecurityRoleEditsAssetsButManagesNoAccountsOrTokens() {
        WebClient w = WebClient.loggedIn(c, "sec1", "security-password-1");
        w.get("/assets/" + plainAsset);
        assertThat(w.submit("/assets/" + plainAsset, Map.of("location", "本社 3F サーバー室")).status()).isEqualTo(303);
        assertThat(w.get("/users").status()).isEqualTo(403);
        assertThat(w.get("/enrollment").status()).isEqualTo(403);
        w.get("/");
        assertThat(w.submit("/enrollment", Map.of("ttlHours", "1")).status()).isEqualTo(403);
    }

    @Test
    void valuesFromHostsAreShownAsTextNeverAsMarkup() {
        WebClient w = admin();
        String page = w.get("/assets/" + hostileAsset).body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg onload")
                .doesNotContain("<b onmouseover");
        assertThat(page).contains("&lt;script&gt;alert(&#39;fact&#39;)&lt;/script&gt;")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;excerpt&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(&#39;host&#39;)&gt;")
                .contains("&lt;b onmouseover=alert(&#39;msg&#39;)&gt;failed&lt;/b&gt;")
                .contains("file:/etc/motd&quot;&gt;&lt;svg onload=alert(1)&gt;");
        String list = w.get("/assets?q=img").body();
        assertThat(list).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(&#39;host&#39;)&gt;");
        assertThat(w.get("/").body()).doesNotContain("<img src=x");
        assertThat(w.get("/agents").body()).doesNotContain("<img src=x");
        // the only scripts on a page are the console's own files
        assertThat(page.split("<script", -1)).hasSize(3);
    }

    @Test
    void pagesCarrySecurityHeadersAndAreNotCached() {
        Page p = admin().get("/assets");
        assertThat(p.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(p.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(p.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(p.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(p.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(p.body()).doesNotContain("style=\"").doesNotContain(" onclick=");
        // refusals that filters cut short, a missing page, a static file and the API carry the same policy
        String policy = p.headers().firstValue("Content-Security-Policy").orElseThrow();
        WebClient anonymous = new WebClient(c);
        for (Page other : List.of(anonymous.get("/assets"), anonymous.get("/no/such/page"), anonymous.get("/login"),
                anonymous.postBody("/logout", "_csrf=forged", Map.of()), admin().get("/static/app.css"))) {
            assertThat(other.headers().allValues("Content-Security-Policy")).as(other.status() + " " + other.body().length())
                    .containsExactly(policy);
        }
    }

    @Test
    void redirectsNeverLeaveTheSite() {
        for (String next : new String[]{"//evil.example/x", "https://evil.example/", "/\\evil.example", "/ok\r\nSet-Cookie: x=y",
                "javascript:alert(1)"}) {
            WebClient w = new WebClient(c);
            w.get("/login");
            Page p = w.submit("/login", Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD, "next", next));
            assertThat(p.location()).as(next).isEqualTo("/");
            assertThat(p.location()).doesNotContain("evil");
        }
        WebClient w = admin();
        w.get("/");
        assertThat(w.submit("/lang", Map.of("lang", "ja", "next", "//evil.example")).location()).isEqualTo("/");
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        WebClient w = admin();
        String session = w.cookie("AKASHI_SESSION").orElseThrow();
        w.get("/");
        Page out = w.submit("/logout", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/login");
        assertThat(out.setCookie("AKASHI_SESSION").orElseThrow()).contains("Max-Age=0");

        WebClient replay = new WebClient(c);
        replay.setCookie("AKASHI_SESSION", session);
        assertThat(replay.get("/").status()).as("the old cookie no longer opens pages").isEqualTo(303);
    }

    @Test
    void unknownPagesAndAssetsGiveAPageNotJson() {
        WebClient w = admin();
        Page missing = w.get("/assets/no-such-asset");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("見つかりません").contains("<html");
        assertThat(w.get("/no/such/page").status()).isEqualTo(404);
        assertThat(c.get("/api/v1/assets/no-such-asset", c.adminToken()).json().get("error").asText())
                .as("the API keeps its JSON errors").contains("no asset");
    }
}
