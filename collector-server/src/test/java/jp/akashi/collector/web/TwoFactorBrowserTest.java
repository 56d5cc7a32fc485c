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

import jp.akashi.collector.security.Base32;
import jp.akashi.collector.security.Totp;
import jp.akashi.collector.testing.TestCollector;

/**
 * Two-factor login in a real browser (headless Chromium): the enrolment page draws its QR code
 * (the SVG image loads under the page's CSP), a code from the shown secret turns it on, the
 * recovery codes appear once, and the next login asks for a code after the password.
 */
class TwoFactorBrowserTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        Seed.user(c, "nito", "security", "nito-password-123");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void enrolInTheBrowserThenLogInWithACode() throws Exception {
        Path profile = Files.createTempDirectory("akashi-chromium-");
        ChromeDriver d = Chromium.start(profile);
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        try {
            login(d, wait);
            wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
            d.findElement(By.cssSelector(".account-link")).click();
            wait.until(ExpectedConditions.titleIs("アカウント | Akashi"));
            assertThat(d.findElements(By.cssSelector(".session-row"))).hasSize(1);
            d.findElement(By.linkText("設定を開く")).click();
            wait.until(ExpectedConditions.titleIs("2要素認証 | Akashi"));
            d.findElement(By.xpath("//button[text()='設定を始める']")).click();
            WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.qr-code")));
            assertThat(((Number) d.executeScript("return arguments[0].naturalWidth", qr)).intValue()).as("the QR image loaded").isPositive();
            byte[] secret = Base32.decode(d.findElement(By.cssSelector(".totp-secret")).getText());
            Chromium.screenshot(d, "40-two-factor-enrol");
            d.findElement(By.id("code")).sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis())), Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".recovery-codes")));
            assertThat(d.findElements(By.cssSelector(".recovery-code"))).hasSize(10);
            Chromium.screenshot(d, "41-two-factor-recovery-codes");

            d.findElement(By.xpath("//form[@action='/logout']//button")).click();
            login(d, wait);
            wait.until(ExpectedConditions.titleIs("2要素認証 | Akashi"));
            WebElement code = d.findElement(By.id("code"));
            assertThat(d.switchTo().activeElement()).isEqualTo(code);
            Chromium.screenshot(d, "42-two-factor-login");
            code.sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis()) + 1), Keys.ENTER);
            wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertThat(problems).as("browser console (CSP violations, failed loads)").isEmpty();
        } finally {
            d.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void login(ChromeDriver d, WebDriverWait wait) {
        d.get(c.uri("/login").toString());
        wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
        d.findElement(By.id("username")).sendKeys("nito");
        d.findElement(By.id("password")).sendKeys("nito-password-123", Keys.ENTER);
    }
}
