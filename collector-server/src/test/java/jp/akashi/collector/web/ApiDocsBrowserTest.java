package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import jp.akashi.collector.testing.TestCollector;

/**
 * The admins' API page in a real browser (headless Chromium): Swagger UI starts from the
 * console's own script and draws every operation of the generated document, under the console's
 * Content-Security-Policy (the browser reports no violation), reached from the menu.
 */
class ApiDocsBrowserTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        Seed.user(c, "kanri", "admin", "kanri-password-123");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void swaggerUiDrawsTheDocumentUnderTheConsolesPolicy() throws Exception {
        Path profile = Files.createTempDirectory("akashi-chromium-");
        ChromeDriver d = Chromium.start(profile);
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        try {
            d.get(c.uri("/login").toString());
            wait.until(ExpectedConditions.titleIs("ログイン | Akashi"));
            d.findElement(By.id("username")).sendKeys("kanri");
            d.findElement(By.id("password")).sendKeys("kanri-password-123", Keys.ENTER);
            wait.until(ExpectedConditions.titleIs("ダッシュボード | Akashi"));
            d.findElement(By.cssSelector("a.nav-link[href='/api-docs']")).click();
            wait.until(ExpectedConditions.titleIs("API ドキュメント | Akashi"));
            wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#swagger-ui .opblock"), 50));
            assertThat(d.findElement(By.cssSelector("#swagger-ui .info .title")).getText()).contains("Akashi collector API");
            Chromium.screenshot(d, "60-api-docs");
            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getMessage().contains("Content Security Policy") || e.getLevel().intValue() >= 1000)
                    .toList();
            assertThat(problems).as("browser console errors (CSP violations among them)").isEmpty();
        } finally {
            d.quit();
        }
    }
}
