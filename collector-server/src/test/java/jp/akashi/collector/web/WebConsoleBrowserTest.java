package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

import jp.akashi.collector.security.Role;
import jp.akashi.collector.testing.TestCollector;

/**
 * The console in a real browser (headless Chromium): log in with the keyboard, read the
 * dashboard, open an asset and its evidence, edit it, switch language, create and revoke an
 * enrollment token; answer a criterion with an evidence file and see its verdict change, record
 * and revoke an exception; an auditor sees every page and can change nothing. Screenshots of the
 * main pages go to target/screenshots for a person to look at.
 */
class WebConsoleBrowserTest {
    static TestCollector c;
    static String asset;
    ChromeDriver d;
    Path profile;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        // targets run when the test says so, not on the scheduler's tick
        c = new TestCollector(java.util.Map.of(), java.util.Map.of("akashi.targets.tick", "PT1H"));
        asset = Seed.linuxHost(c, "browser-host-1");
        Seed.linuxHost(c, "browser-host-2");
        Seed.linuxHost(c, "browser-host-3");
        Seed.complianceHost(c, "browser-bare", false);
        // three months of daily scores, so that the trend charts have something to draw
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        for (int back = 90; back >= 1; back--) {
            for (String framework : List.of("meti-scs", "kubota", "jaipa-isp")) {
                Seed.scoreHistory(c, framework, today.minusDays(back), 0.2 + 0.5 * (90 - back) / 90.0 + (back % 7 == 0 ? 0.03 : 0));
            }
        }
        Seed.user(c, "kansa", "auditor", "auditor-password-1");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @BeforeEach
    void browser() throws Exception {
        profile = Files.createTempDirectory("akashi-chromium-");
        d = Chromium.start(profile);
        wait = new WebDriverWait(d, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        try {
            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertThat(problems).as("browser console (CSP violations, failed loads, script errors)").isEmpty();
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

    void login(String user, String password) {
        d.get(url("/"));
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
        WebElement name = d.findElement(By.id("username"));
        assertThat(d.switchTo().activeElement()).as("the user name field has the focus").isEqualTo(name);
        name.sendKeys(user);
        name.sendKeys(Keys.TAB);
        d.switchTo().activeElement().sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
    }

    /** Clicks something that loads a new page and waits until the old one is gone. */
    void clickToNavigate(WebElement e) {
        WebElement html = d.findElement(By.tagName("html"));
        e.click();
        waitUntilGone(html);
        wait.until(dr -> "complete".equals(d.executeScript("return document.readyState")));
    }

    /** Waits until the old page's element is gone (see {@link PageGone}). */
    void waitUntilGone(WebElement old) {
        wait.until(PageGone.of(old));
    }

    String lang() {
        return (String) d.executeScript("return document.documentElement.lang");
    }

    String h1() {
        return d.findElement(By.tagName("h1")).getText();
    }

    void go(String menuLabel) {
        clickToNavigate(d.findElement(By.linkText(menuLabel)));
    }

    @Test
    void anAdminLogsInReadsTheDashboardOpensAnAssetAndSwitchesLanguage() {
        login("admin", TestCollector.ADMIN_PASSWORD);
        assertThat(lang()).isEqualTo("ja");
        assertThat(d.findElements(By.cssSelector(".stat-value")).get(0).getText()).isEqualTo("4");
        assertThat(d.findElement(By.id("recent-reports")).getText()).isEqualTo("最近の報告");
        assertThat(d.getPageSource()).contains("browser-host-2");
        assertThat(d.findElement(By.cssSelector(".app-navbar")).getSize().getHeight()).as("eleven menu entries fit on one line").isLessThan(80);
        Chromium.screenshot(d, "01-dashboard");

        go("資産");
        assertThat(h1()).isEqualTo("資産一覧");
        assertThat(d.findElements(By.cssSelector(".asset-table tbody tr"))).hasSize(4);
        Chromium.screenshot(d, "02-assets");

        clickToNavigate(d.findElement(By.linkText("browser-host-1")));
        assertThat(d.getCurrentUrl()).contains("/assets/" + asset);
        assertThat(h1()).startsWith("browser-host-1");
        WebElement evidence = d.findElement(By.xpath("//table[contains(@class, 'fact-table')]//tr[.//code[text()='auth.password.min_length']]//details"));
        assertThat(evidence.findElement(By.tagName("pre")).isDisplayed()).isFalse();
        evidence.findElement(By.tagName("summary")).click();
        assertThat(evidence.findElement(By.tagName("pre")).getText()).isEqualTo("auth.password.min_length=8");
        Chromium.screenshot(d, "03-asset");

        d.findElement(By.id("owner")).sendKeys("山田 太郎");
        d.findElement(By.id("department")).sendKeys("情報システム部");
        d.findElement(By.cssSelector("input[name=roles][value=server]")).click();
        clickToNavigate(d.findElement(By.xpath("//button[text()='保存']")));
        assertThat(d.getCurrentUrl()).contains("done=saved");
        assertThat(d.findElement(By.cssSelector(".alert-success")).getText()).isEqualTo("保存しました。");
        assertThat(d.findElement(By.id("department")).getAttribute("value")).isEqualTo("情報システム部");

        clickToNavigate(d.findElement(By.xpath("//button[@name='lang' and @value='en']")));
        assertThat(lang()).isEqualTo("en");
        assertThat(d.getCurrentUrl()).contains("/assets/" + asset);
        assertThat(d.findElement(By.id("facts")).getText()).startsWith("Collected facts");
        assertThat(d.findElement(By.linkText("Assets")).isDisplayed()).isTrue();
        assertThat(d.findElement(By.cssSelector(".app-navbar")).getSize().getHeight()).as("the English menu fits on one line").isLessThan(80);
        Chromium.screenshot(d, "04-asset-english");
        clickToNavigate(d.findElement(By.xpath("//button[@name='lang' and @value='ja']")));
        assertThat(lang()).isEqualTo("ja");

        go("登録トークン");
        d.findElement(By.id("note")).sendKeys("ブラウザーから");
        clickToNavigate(d.findElement(By.xpath("//button[text()='作成する']")));
        assertThat(d.getTitle()).isEqualTo("登録トークンを作成しました | Akashi");
        assertThat(d.findElement(By.id("command-linux")).getText()).contains("--token akt_");
        assertThat(d.findElement(By.id("command-windows")).getText()).contains("-Token akt_");
        Chromium.screenshot(d, "05-enrollment-created");
        clickToNavigate(d.findElement(By.linkText("トークン一覧へ戻る")));
        WebElement listPage = d.findElement(By.tagName("html"));
        d.findElement(By.xpath("//tr[td[text()='ブラウザーから']]//button[text()='失効させる']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitUntilGone(listPage);
        wait.until(ExpectedConditions.urlContains("done=revoked"));
        assertThat(d.findElement(By.xpath("//tr[td[text()='ブラウザーから']]")).getText()).contains("失効");
        Chromium.screenshot(d, "06-enrollment");

        go("エージェント");
        Chromium.screenshot(d, "07-agents");
        go("ユーザー");
        Chromium.screenshot(d, "08-users");
        go("監査ログ");
        assertThat(d.findElement(By.cssSelector(".audit-table")).getText()).contains("資産の管理情報の変更");
        Chromium.screenshot(d, "09-audit");

        d.findElement(By.xpath("//button[text()='ログアウト']")).click();
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
        Chromium.screenshot(d, "00-login");
        d.get(url("/assets"));
        assertThat(d.getTitle()).as("logged out: back to the login page").isEqualTo("ログイン | Akashi");
    }

    /** Whether Chart.js drew a chart into every trend canvas of the page. */
    boolean chartsDrawn() {
        return Boolean.TRUE.equals(d.executeScript("const cs = document.querySelectorAll('canvas[data-chart]');"
                + "return cs.length > 0 && Array.from(cs).every(c => window.Chart && window.Chart.getChart(c) !== undefined);"));
    }

    String rowVerdict(String number) {
        return d.findElement(By.id("c-" + number)).findElement(By.cssSelector(".verdict")).getText();
    }

    @Test
    void theSecurityTeamAnswersWithEvidenceAndRecordsAnException() throws Exception {
        login("admin", TestCollector.ADMIN_PASSWORD);
        assertThat(d.findElement(By.id("frameworks-heading")).getText()).isEqualTo("フレームワーク別の状況");
        assertThat(d.findElements(By.cssSelector(".fw-card"))).hasSize(3);
        wait.until(dr -> chartsDrawn());
        Chromium.screenshot(d, "11-dashboard-frameworks");

        d.findElement(By.linkText("フレームワーク")).click();
        clickToNavigate(wait.until(ExpectedConditions.elementToBeClickable(By.linkText("安全・安心マーク"))));
        assertThat(h1()).contains("安全・安心マーク");
        assertThat(rowVerdict("1-1-1")).isEqualTo("未回答");
        wait.until(dr -> chartsDrawn());
        Chromium.screenshot(d, "12-framework");

        clickToNavigate(d.findElement(By.cssSelector("#c-1-1-1 .crit-number")));
        assertThat(h1()).startsWith("1-1-1");
        assertThat(d.findElement(By.cssSelector(".isp-hint")).getText()).contains("右肩に「1-1-1」");
        Path pdf = profile.resolveSibling(profile.getFileName() + "-upload").resolve("セキュリティポリシー.pdf");
        Files.createDirectories(pdf.getParent());
        Files.write(pdf, "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        d.findElement(By.id("status-met")).click();
        d.findElement(By.id("comment")).sendKeys("2026年4月改定の規程を提出します");
        d.findElement(By.id("evidence-files")).sendKeys(pdf.toAbsolutePath().toString());
        Chromium.screenshot(d, "13-criterion-form");
        clickToNavigate(d.findElement(By.xpath("//button[text()='回答を保存する']")));
        assertThat(d.findElement(By.cssSelector(".alert-success")).getText()).startsWith("回答を保存しました");
        assertThat(d.findElement(By.tagName("h1")).findElement(By.cssSelector(".verdict")).getText()).isEqualTo("達成");
        assertThat(d.findElement(By.linkText("1-1-1_セキュリティポリシー.pdf")).getAttribute("href")).contains("/answers/");
        Chromium.screenshot(d, "14-criterion-answered");

        clickToNavigate(d.findElement(By.xpath("//button[@name='lang' and @value='en']")));
        assertThat(d.findElement(By.id("definition")).getText()).isEqualTo("Requirement (original text)");
        assertThat(d.findElement(By.tagName("h1")).findElement(By.cssSelector(".verdict")).getText()).isEqualTo("Met");
        Chromium.screenshot(d, "15-criterion-english");
        clickToNavigate(d.findElement(By.xpath("//button[@name='lang' and @value='ja']")));
        assertThat(d.findElement(By.id("definition")).getText()).isEqualTo("要求事項（原文）");

        d.findElement(By.linkText("フレームワーク")).click();
        clickToNavigate(wait.until(ExpectedConditions.elementToBeClickable(By.linkText("安全・安心マーク"))));
        assertThat(rowVerdict("1-1-1")).as("the framework page shows the new verdict").isEqualTo("達成");

        go("例外");
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("check"))).selectByValue("av.installed");
        d.findElement(By.id("assets")).sendKeys("browser-bare");
        d.findElement(By.id("justification")).sendKeys("検証用の隔離端末。ネットワークに接続しない");
        d.executeScript("arguments[0].value = arguments[1]", d.findElement(By.id("expires")),
                java.time.LocalDate.now().plusDays(90).toString());
        clickToNavigate(d.findElement(By.xpath("//button[text()='例外を申請する']")));
        assertThat(d.getCurrentUrl()).contains("done=requested");
        WebElement row = d.findElement(By.xpath("//tr[td[contains(., '検証用の隔離端末')]]"));
        assertThat(row.getText()).contains("browser-bare").contains("承認待ち").contains("ご自身の申請です");
        // a second person approves it (the requester cannot)
        String requested = c.get("/api/v1/exceptions", c.adminToken()).json().get(0).get("id").asText();
        c.approve(requested);
        d.navigate().to(c.uri("/exceptions?state=active").toString());
        row = d.findElement(By.xpath("//tr[td[contains(., '検証用の隔離端末')]]"));
        assertThat(row.getText()).contains("browser-bare").contains("有効").contains("承認");
        Chromium.screenshot(d, "16-exceptions");
        WebElement listPage = d.findElement(By.tagName("html"));
        row.findElement(By.xpath(".//button[text()='失効させる']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitUntilGone(listPage);
        wait.until(ExpectedConditions.urlContains("done=revoked"));
        assertThat(d.findElement(By.xpath("//tr[td[contains(., '検証用の隔離端末')]]")).getText()).contains("失効");

        go("チェック");
        Chromium.screenshot(d, "17-checks");
        clickToNavigate(d.findElement(By.linkText("マルウェア対策ソフトが導入されている")));
        assertThat(d.getPageSource()).contains("browser-bare");
        Chromium.screenshot(d, "18-check");
        clickToNavigate(d.findElement(By.linkText("browser-bare")));
        assertThat(d.findElement(By.id("checks")).getText()).isEqualTo("チェックの結果");
        Chromium.screenshot(d, "19-asset-checks");
    }

    @Test
    void snapshotsAreTakenDownloadedAndSharedAndATargetShowsWhyItFailed() throws Exception {
        login("admin", TestCollector.ADMIN_PASSWORD);
        go("スナップショット");
        assertThat(h1()).isEqualTo("証跡スナップショット");
        d.findElement(By.id("note")).sendKeys("ブラウザーからの監査用");
        clickToNavigate(d.findElement(By.xpath("//button[text()='スナップショットを作成する']")));
        assertThat(d.getCurrentUrl()).contains("done=created");
        assertThat(d.findElement(By.cssSelector(".alert-success")).getText()).isEqualTo("作成しました。");
        String manifest = d.findElement(By.id("manifest-hash")).getText();
        assertThat(d.findElement(By.id("verify-command")).getText())
                .matches("java -jar akashi-agent\\.jar verify akashi-snapshot-[0-9]{8}-[0-9]{4}-[0-9a-f]{8}\\.zip --public-key akashi-snapshot-public-key\\.pem");
        Chromium.screenshot(d, "20-snapshot");

        d.findElement(By.id("download")).click();
        Path zip = Chromium.awaitDownload(profile, ".zip");
        d.findElement(By.linkText("公開鍵をダウンロード（PEM）")).click();
        Path pem = Chromium.awaitDownload(profile, ".pem");
        java.security.PublicKey key = jp.akashi.probes.snapshot.SnapshotKeys.readPublicKeyPem(Files.readString(pem));
        jp.akashi.probes.snapshot.SnapshotVerifier.Result verified = jp.akashi.probes.snapshot.SnapshotVerifier.verify(zip, key, null);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.manifestSha256()).isEqualTo(manifest);

        d.findElement(By.id("share-note")).sendKeys("外部監査法人 A");
        clickToNavigate(d.findElement(By.xpath("//button[text()='共有リンクを作成する']")));
        String link = d.findElement(By.id("share-link")).getText();
        assertThat(link).startsWith(url("/share/aks_"));
        Chromium.screenshot(d, "21-share-created");

        // someone outside: a fresh browser profile, no account, opens the link and downloads the ZIP from its page
        Path outsider = Files.createTempDirectory("akashi-chromium-outsider-");
        ChromeDriver other = Chromium.start(outsider);
        try {
            // the link opens the landing page (what it is, how to verify it); its ZIP button downloads
            other.get(link);
            assertThat(other.findElement(By.id("share-manifest")).getText()).isEqualTo(manifest);
            other.findElement(By.id("share-zip")).click();
            Path shared = Chromium.awaitDownload(outsider, ".zip");
            assertThat(jp.akashi.probes.snapshot.SnapshotVerifier.verify(shared, key, null).manifestSha256()).isEqualTo(manifest);
        } finally {
            other.quit();
            try (var files = Files.walk(outsider)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        clickToNavigate(d.findElement(By.linkText("スナップショットへ戻る")));
        WebElement share = d.findElement(By.xpath("//tr[td[text()='外部監査法人 A']]"));
        assertThat(share.getText()).contains("有効").contains("1");
        assertThat(d.getPageSource()).doesNotContain(link.substring(link.indexOf("aks_")));
        Chromium.screenshot(d, "22-snapshot-shares");
        go("スナップショット");
        Chromium.screenshot(d, "23-snapshots");

        go("収集対象");
        clickToNavigate(d.findElement(By.linkText("資格情報")));
        assertThat(d.findElement(By.id("community")).isDisplayed()).as("SNMP fields are hidden for an SSH password").isFalse();
        d.findElement(By.id("cred-name")).sendKeys("検証用 SSH");
        d.findElement(By.id("username")).sendKeys("akashi");
        d.findElement(By.id("password")).sendKeys("browser-secret-never-shown-1");
        clickToNavigate(d.findElement(By.xpath("//button[text()='追加する']")));
        assertThat(d.getCurrentUrl()).contains("done=created");
        assertThat(d.findElement(By.xpath("//tr[td[text()='検証用 SSH']]")).getText()).contains("SSH パスワード").contains("設定済み");
        assertThat(d.getPageSource()).doesNotContain("browser-secret-never-shown-1");
        Chromium.screenshot(d, "24-credentials");

        clickToNavigate(d.findElement(By.linkText("収集対象")));
        clickToNavigate(d.findElement(By.linkText("収集対象を登録する")));
        d.findElement(By.id("name")).sendKeys("検証ホスト");
        d.findElement(By.id("address")).sendKeys("127.0.0.1");
        d.findElement(By.id("probe-ssh")).click();
        assertThat(d.findElement(By.id("snmpPort")).isDisplayed()).isFalse();
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("credentialId"))).selectByVisibleText("検証用 SSH (SSH パスワード)");
        WebElement port = d.findElement(By.id("sshPort"));
        port.clear();
        port.sendKeys("9");
        Chromium.screenshot(d, "25-target-form");
        clickToNavigate(d.findElement(By.xpath("//button[text()='登録する']")));
        assertThat(h1()).startsWith("検証ホスト");
        clickToNavigate(d.findElement(By.xpath("//button[text()='今すぐ実行']")));
        assertThat(d.getCurrentUrl()).contains("done=ran");
        assertThat(d.findElement(By.cssSelector(".last-run .outcome")).getText()).isEqualTo("失敗");
        assertThat(d.findElement(By.id("last-message")).getText()).contains("cannot connect to 127.0.0.1:9");
        assertThat(d.findElement(By.cssSelector(".run-table tbody tr")).getText()).contains("UNREACHABLE").contains("手動");
        Chromium.screenshot(d, "26-target-failed");
        go("収集対象");
        assertThat(d.findElement(By.xpath("//tr[td/a[text()='検証ホスト']]")).getText()).contains("失敗").contains("cannot connect");
        Chromium.screenshot(d, "27-targets");

        go("監査ログ");
        assertThat(d.findElement(By.id("audit-chain")).getText()).startsWith("ハッシュ連鎖を検証しました");
        assertThat(d.findElement(By.cssSelector(".audit-table")).getText()).contains("共有リンク作成").contains("資格情報の登録")
                .contains("スナップショットのダウンロード");
        assertThat(d.getPageSource()).doesNotContain("browser-secret-never-shown-1");
        Chromium.screenshot(d, "28-audit-chain");
    }

    @Test
    void anAuditorSeesEveryPageAndCanChangeNothing() {
        login("kansa", "auditor-password-1");
        List<String> menu = d.findElements(By.cssSelector("#app-nav .nav-link[href]")).stream()
                .map(e -> e.getAttribute("href")).filter(h -> !h.endsWith("/account")).toList();
        // every entry but the admins' own (the API document)
        assertThat(menu).hasSize((int) Navigation.ITEMS.stream().filter(i -> i.roles().contains(Role.AUDITOR)).count());
        List<String> pages = new java.util.ArrayList<>(menu);
        pages.add(url("/assets/" + asset));
        pages.add(url("/frameworks/meti-scs"));
        pages.add(url("/frameworks/jaipa-isp?application=renewal"));
        pages.add(url("/criteria/meti-scs:4-4-5-1"));
        pages.add(url("/checks/av.installed"));
        for (String page : pages) {
            d.get(page);
            assertThat(d.getTitle()).as(page).doesNotStartWith("エラー");
            // auditors may take snapshots (issue 6): that is the one form they get
            List<String> actions = d.findElements(By.cssSelector("form[method=post]")).stream()
                    .map(f -> f.getAttribute("action"))
                    .filter(a -> !a.endsWith("/lang") && !a.endsWith("/logout") && !a.equals(url("/snapshots"))).toList();
            assertThat(actions).as("forms on " + page).isEmpty();
            assertThat(d.findElements(By.cssSelector("main input:not([type=hidden]), main select, main textarea")))
                    .as("inputs on " + page).allMatch(e -> "search".equals(e.getAttribute("type"))
                            || List.of("q", "os", "kind", "role", "stale", "version", "application", "verdict", "evidence", "level",
                            "required", "at", "actor", "action", "from", "to", "since").contains(e.getAttribute("name"))
                            || page.equals(url("/snapshots")) && "note".equals(e.getAttribute("name")));
        }
        d.get(url("/criteria/meti-scs:4-4-5-1"));
        assertThat(d.findElements(By.cssSelector("form[enctype='multipart/form-data']"))).isEmpty();
        d.get(url("/assets/" + asset));
        Chromium.screenshot(d, "10-auditor-asset");

        // even a hand-made request with the auditor's own valid CSRF token is refused by the server
        Object status = d.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const token = document.querySelector('input[name=_csrf]').value;"
                        + "fetch(location.pathname, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: new URLSearchParams({_csrf: token, owner: 'auditor'})}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(d.manage().logs().get(LogType.BROWSER).getAll()).as("only the refused request is logged")
                .singleElement().matches(e -> e.getMessage().contains("403"));
        d.navigate().refresh();
        assertThat(d.getPageSource()).doesNotContain(">auditor<");
    }
}
