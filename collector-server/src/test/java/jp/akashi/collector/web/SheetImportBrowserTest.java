package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The browser journey of issue #19 §4: the Kubota sheet exported from the dashboard, filled in
 * with POI and imported with a preview — upload, see the rows, confirm, see the answers stored.
 */
class SheetImportBrowserTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void kubotaSheetExportedFilledInWithPoiAndImportedWithAPreview() throws Exception {
        Path profile = Files.createTempDirectory("akashi-chromium-import-");
        ChromeDriver d = Chromium.start(profile);
        try {
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
            d.get(c.uri("/").toString());
            wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
            d.findElement(By.id("username")).sendKeys("admin");
            d.findElement(By.id("password")).sendKeys(TestCollector.ADMIN_PASSWORD, Keys.ENTER);
            wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));

            d.findElement(By.cssSelector("a[href='/exports/kubota.xlsx']")).click();
            Path exported = Chromium.awaitDownload(profile, ".xlsx");
            byte[] filled = SheetImportHttpTest.fill(Files.readAllBytes(exported), "2.0", Map.of(
                    "7", new String[]{"はい", "外部委託先にも周知済み", "共有フォルダ/規程/周知記録.pdf"},
                    "8", new String[]{"いいえ", null, null}));
            Path upload = profile.resolveSibling(profile.getFileName() + "-upload").resolve("クボタ自己評価_記入済.xlsx");
            Files.createDirectories(upload.getParent());
            Files.write(upload, filled);

            d.findElement(By.cssSelector("a[href='/frameworks/kubota/import']")).click();
            wait.until(ExpectedConditions.titleIs("シートの取り込み | Akashi"));
            d.findElement(By.id("file")).sendKeys(upload.toAbsolutePath().toString());
            WebElement html = d.findElement(By.tagName("html"));
            d.findElement(By.xpath("//button[text()='プレビュー']")).click();
            wait.until(PageGone.of(html));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("count-new")));
            assertThat(d.findElement(By.id("count-new")).getText()).isEqualTo("2");
            assertThat(d.findElement(By.id("count-refused")).getText()).isEqualTo("0");
            assertThat(d.findElements(By.cssSelector("tr.import-row-new"))).hasSize(2);
            assertThat(d.findElement(By.cssSelector("tr.import-row-new")).getText()).contains("外部委託先にも周知済み");
            Chromium.screenshot(d, "import-01-preview");
            assertThat(c.get("/api/v1/criteria/kubota:7/answers", c.adminToken()).json()).as("nothing stored yet").isEmpty();

            html = d.findElement(By.tagName("html"));
            d.findElement(By.xpath("//button[text()='2 件の回答を保存する']")).click();
            wait.until(PageGone.of(html));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-success")));
            assertThat(d.findElement(By.cssSelector(".alert-success")).getText()).isEqualTo("2 件の回答を取り込みました。");
            Chromium.screenshot(d, "import-02-stored");
            var stored = c.get("/api/v1/criteria/kubota:7/answers", c.adminToken()).json();
            assertThat(stored.get(0).get("answeredBy").asText()).isEqualTo("admin");
            assertThat(stored.get(0).get("comment").asText()).isEqualTo("外部委託先にも周知済み\n証跡: 共有フォルダ/規程/周知記録.pdf");

            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertThat(problems).as("browser console (CSP violations, failed loads, script errors)").isEmpty();
        } finally {
            d.quit();
        }
    }
}
