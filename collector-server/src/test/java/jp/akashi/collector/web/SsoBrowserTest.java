package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import jp.akashi.collector.testing.TestCollector;

/**
 * Single sign-on in a real browser (headless Chromium) against a real OpenID provider
 * (mock-oauth2-server, interactive) and the real collector with local login off: the login page's
 * single sign-on button, the provider's login, back to the collector's dashboard with the role the
 * groups map to (an auditor cannot open an admin page), logout, the role following the groups at
 * the next login, a person without a mapped group refused (and audited), and the password form
 * refusing a local user but admitting the break-glass admin.
 */
class SsoBrowserTest {
    static OpenIdProvider idp;
    static TestCollector c;
    ChromeDriver d;
    Path profile;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        idp = new OpenIdProvider(true);
        c = new TestCollector(Map.of(), idp.collectorSettings(false));
        // a local account that is not the break-glass one (made by the break-glass admin through the API)
        TestCollector.Response r = c.postJson("/api/v1/users", c.adminToken(),
                Map.of("username", "kansa", "role", "auditor", "password", "initial-pw-of-kansa"));
        assertThat(r.status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        idp.close();
    }

    @BeforeEach
    void browser() throws Exception {
        profile = Files.createTempDirectory("akashi-chromium-");
        d = Chromium.start(profile);
        wait = new WebDriverWait(d, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        try {
            // the collector's pages only: the provider's test login page is not ours
            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .filter(e -> e.getMessage().contains(c.uri("/").toString()))
                    // the refusals these tests provoke (403 pages) are logged as failed loads
                    .filter(e -> !e.getMessage().contains("Failed to load resource: the server responded with a status of 403")).toList();
            assertThat(problems).as("browser console on the collector's pages").isEmpty();
        } finally {
            d.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    String url(String path) {
        return c.uri(path).toString();
    }

    /** From the collector's login page through the provider's login as {@code subject} with {@code claimsJson}. */
    void ssoLogin(String subject, String claimsJson) {
        ssoLogin("/", subject, claimsJson);
    }

    /** The same, starting at {@code path}: a page that sends a visitor without a session to the login page. */
    void ssoLogin(String path, String subject, String claimsJson) {
        d.get(url(path));
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
        WebElement button = d.findElement(By.id("sso-login"));
        assertThat(button.getText()).isEqualTo("シングルサインオンでログイン");
        button.click();
        wait.until(ExpectedConditions.urlContains(idp.issuer() + "/authorize"));
        d.findElement(By.name("username")).sendKeys(subject);
        d.findElement(By.name("claims")).sendKeys(claimsJson);
        d.findElement(By.cssSelector("input[type=submit]")).click();
    }

    void ssoLoginToDashboard(String subject, String claimsJson) {
        ssoLogin(subject, claimsJson);
        // the callback's short page moves on by itself
        wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
    }

    String role() {
        return d.findElement(By.cssSelector(".role-badge")).getText();
    }

    void logout() {
        WebElement html = d.findElement(By.tagName("html"));
        d.findElement(By.xpath("//button[text()='ログアウト']")).click();
        wait.until(PageGone.of(html));
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
    }

    @Test
    void anAuditorLogsInWithSingleSignOnCannotOpenAnAdminPageAndLogsOut() {
        // from a page opened without a session: back on that page after the trip to the provider
        ssoLogin("/audit", "auditor-sub-1", "{\"preferred_username\": \"yamada\", \"name\": \"山田 花子\", \"groups\": [\"internal-audit\", \"staff\"]}");
        wait.until(ExpectedConditions.titleIs("監査ログ | Akashi"));
        assertThat(d.getCurrentUrl()).isEqualTo(url("/audit"));
        d.get(url("/"));
        assertThat(role()).isEqualTo("監査人");
        assertThat(d.findElement(By.cssSelector(".role-badge")).findElement(By.xpath("..")).getText()).contains("yamada");
        JsonNode yamada = null;
        for (JsonNode u : c.get("/api/v1/users", c.adminToken()).json()) {
            if ("yamada".equals(u.path("username").asText())) {
                yamada = u;
            }
        }
        assertThat(yamada).as("made just in time").isNotNull();
        assertThat(yamada.path("displayName").asText()).isEqualTo("山田 花子");
        assertThat(yamada.path("role").asText()).isEqualTo("auditor");
        Chromium.screenshot(d, "sso-01-auditor-dashboard");

        d.get(url("/notifications"));
        assertThat(d.findElement(By.tagName("h1")).getText()).contains("403");
        d.get(url("/audit"));
        assertThat(d.getTitle()).doesNotContain("エラー");

        d.get(url("/"));
        idp.receivedRequests();
        logout();
        // the provider's session ended too (RP-initiated logout), and the browser came back to the login page
        assertThat(idp.receivedRequests()).as("requests at the provider")
                .anySatisfy(p -> assertThat(p).contains("/endsession?").contains("client_id=" + OpenIdProvider.CLIENT_ID)
                        .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(url("/login"), java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(d.getCurrentUrl()).isEqualTo(url("/login"));
        d.get(url("/audit"));
        assertThat(d.getTitle()).as("the session ended: back to the login page").isEqualTo("ログイン | Akashi");
    }

    @Test
    void theRoleFollowsTheGroupsAtEveryLogin() {
        ssoLoginToDashboard("changing-sub", "{\"preferred_username\": \"suzuki\", \"groups\": [\"akashi-auditors\"]}");
        assertThat(role()).isEqualTo("監査人");
        logout();

        // several mapped groups: the highest role wins
        ssoLoginToDashboard("changing-sub", "{\"preferred_username\": \"suzuki\", \"groups\": [\"akashi-auditors\", \"akashi-admins\"]}");
        assertThat(role()).isEqualTo("管理者");
        d.get(url("/notifications"));
        assertThat(d.getTitle()).doesNotContain("エラー");
        d.get(url("/"));
        logout();

        ssoLoginToDashboard("changing-sub", "{\"preferred_username\": \"suzuki\", \"groups\": [\"akashi-security\"]}");
        assertThat(role()).isEqualTo("セキュリティ担当");
        d.get(url("/notifications"));
        assertThat(d.findElement(By.tagName("h1")).getText()).contains("403");
        JsonNode users = c.get("/api/v1/users", c.adminToken()).json();
        assertThat(users.toString()).contains("\"suzuki\"");
    }

    @Test
    void aPersonWithoutAMappedGroupIsRefusedWithoutASession() {
        ssoLogin("outsider-sub", "{\"preferred_username\": \"outsider\", \"groups\": [\"sales\"]}");
        wait.until(ExpectedConditions.titleIs("シングルサインオン | Akashi"));
        assertThat(d.findElement(By.id("sso-message")).getText())
                .isEqualTo("ID プロバイダーのアカウント outsider には Akashi のロールに対応するグループがないため、ログインできません。"
                        + "Akashi を使う必要がある場合は、管理者にグループへの追加を依頼してください。");
        Chromium.screenshot(d, "sso-02-refused");
        d.get(url("/"));
        assertThat(d.getTitle()).isEqualTo("ログイン | Akashi");

        JsonNode log = c.get("/api/v1/audit-log?limit=50", c.adminToken()).json();
        assertThat(log.toString()).contains("auth.oidc_refused").contains("outsider");
        assertThat(c.get("/api/v1/users", c.adminToken()).body()).as("no account was made").doesNotContain("\"outsider\"");
    }

    @Test
    void withLocalLoginOffThePasswordFormRefusesALocalUserButAdmitsTheBreakGlassAdmin() {
        d.get(url("/login"));
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
        assertThat(d.findElement(By.id("local-off")).getText()).isEqualTo("パスワードでのログインは、非常用の管理者アカウントだけが使えます。");
        Chromium.screenshot(d, "sso-03-login-page");
        d.findElement(By.id("username")).sendKeys("kansa");
        d.findElement(By.id("password")).sendKeys("initial-pw-of-kansa", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-danger"), "シングルサインオン"));
        assertThat(d.findElement(By.cssSelector(".alert-danger")).getText())
                .isEqualTo("このアカウントはシングルサインオンでのみログインできます。「シングルサインオンでログイン」を使ってください。");

        // the same answer whatever the password: the name decides
        assertThat(d.findElement(By.id("username")).getAttribute("value")).isEqualTo("kansa");
        WebElement refusedPage = d.findElement(By.tagName("html"));
        d.findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
        wait.until(PageGone.of(refusedPage));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-danger"), "シングルサインオン"));
        TestCollector.Response api = c.postJson("/api/v1/auth/login", null, Map.of("username", "kansa", "password", "initial-pw-of-kansa"));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().path("errorJa").asText()).startsWith("このアカウントはシングルサインオンでのみログインできます");

        d.findElement(By.id("username")).clear();
        d.findElement(By.id("username")).sendKeys("admin");
        d.findElement(By.id("password")).sendKeys(TestCollector.ADMIN_PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
        assertThat(role()).isEqualTo("管理者");
    }
}
