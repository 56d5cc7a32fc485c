package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Report;

/**
 * The daily-work journeys of issue #19 in a real browser (headless Chromium), in Japanese and in
 * English (switched with the header's language buttons), 1440 and 768 px wide: (1) a host that
 * passed its anti-malware check reports a failure → the dashboard's change card and /changes show
 * the regression and its link opens the asset page at that check's row; (2) 「タスクにする」 on the
 * failing row assigns it to another user with a due day, who finds it under "my tasks", and a
 * passing report closes it by itself; (3) an exception requested by one user is approved by the
 * other (the requester gets no approve button, and a hand-made approval is refused). On every
 * page of the way each table either fits the window or scrolls in a {@code .table-responsive}
 * box that keeps its first column in view, and no filled cell is narrower than a word needs.
 */
class DailyWorkBrowserTest {
    static final String REQUESTER = "dw-tanto";
    static final String REQUESTER_PASSWORD = "dw-tanto-password-1";
    static final String OWNER = "dw-shonin";
    static final String OWNER_PASSWORD = "dw-shonin-password-1";
    /** Narrowest a filled table cell may be: a short word, or two Japanese characters and padding (prose: four times that). */
    static final int MIN_CELL = 40;

    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        Seed.user(c, REQUESTER, "security", REQUESTER_PASSWORD);
        Seed.user(c, OWNER, "security", OWNER_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** One agent of one host: posts its reports the way the real agent does. */
    record Host(String agentId, String token, String name) {
        String report(boolean antiMalware) {
            Report r = Reports.host(agentId, name, "mid-" + name, Reports.linuxPolicyFacts(name, antiMalware));
            TestCollector.Response res = c.postJson("/api/v1/reports", token, r);
            assertThat(res.status()).as(res.body()).isEqualTo(201);
            c.awaitEvaluation();
            return res.json().get("assetId").asText();
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"ja, 1440, 900", "en, 1440, 900", "ja, 768, 1024", "en, 768, 1024"})
    void regressionTaskAndExceptionJourney(String lang, int width, int height) throws Exception {
        String[] agent = c.enrollAgent();
        Host host = new Host(agent[0], agent[1], "dw-" + lang + "-" + width);
        String assetId = host.report(true);
        host.report(false);
        boolean en = "en".equals(lang);
        String shot = "daily-" + lang + "-" + width + "-";

        Path profile = Files.createTempDirectory("akashi-chromium-daily-");
        ChromeDriver d = Chromium.start(profile);
        Browser b = new Browser(d, width);
        try {
            d.manage().window().setSize(new Dimension(width, height));
            assertThat(((Number) d.executeScript("return window.innerWidth")).intValue()).as("viewport width").isEqualTo(width);

            // (1) the regression in the feed, and its link to the asset's row
            b.login(REQUESTER, REQUESTER_PASSWORD);
            b.switchLanguage(lang);
            assertThat(b.lang()).isEqualTo(lang);
            WebElement cardRow = d.findElement(By.xpath("//section[contains(@class,'change-card')]//tr[.//a[text()='" + host.name() + "']]"));
            assertThat(cardRow.getText()).contains(en ? "Newly failing" : "新たに不適合");
            assertThat(cardRow.findElement(By.linkText(host.name())).getAttribute("href")).endsWith("/assets/" + assetId + "#check-av.installed");
            b.assertTablesReadable("dashboard");
            Chromium.screenshot(d, shot + "1-dashboard", width);

            b.clickToNavigate(d.findElement(By.linkText(en ? "See all changes" : "すべての変化を見る")));
            WebElement feedRow = d.findElement(By.xpath("//section[@aria-labelledby='check-changes']//tr[.//a[text()='" + host.name() + "']]"
                    + "[.//code[text()='av.installed']]"));
            assertThat(feedRow.getText()).contains(en ? "Newly failing" : "新たに不適合");
            assertThat(feedRow.findElements(By.cssSelector(".status-FAIL"))).isNotEmpty();
            b.assertTablesReadable("/changes");
            Chromium.screenshot(d, shot + "2-changes", width);

            b.clickToNavigate(feedRow.findElement(By.linkText(host.name())));
            assertThat(d.getCurrentUrl()).endsWith("/assets/" + assetId + "#check-av.installed");
            WebElement checkRow = d.findElement(By.id("check-av.installed"));
            assertThat(b.inViewport(checkRow)).as("the page opens at the check's row: %s", d.executeScript(
                    "const r = arguments[0].getBoundingClientRect(); return [r.top, window.scrollY, window.innerHeight, location.hash]", checkRow)).isTrue();
            assertThat(checkRow.findElement(By.cssSelector(".status-FAIL")).isDisplayed()).isTrue();
            b.assertTablesReadable("asset page");
            Chromium.screenshot(d, shot + "3-asset", width);

            // (2) a task for another user, with a due day
            b.clickToNavigate(checkRow.findElement(By.linkText(en ? "Make a task" : "タスクにする")));
            assertThat(d.findElement(By.id("targetId")).getAttribute("value")).isEqualTo("av.installed");
            assertThat(d.findElement(By.id("assetId")).getAttribute("value")).isEqualTo(assetId);
            new Select(d.findElement(By.id("owner"))).selectByValue(OWNER);
            String due = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(7).toString();
            d.executeScript("arguments[0].value = arguments[1]", d.findElement(By.id("due")), due);
            String note = "ClamAV を入れる " + host.name();
            d.findElement(By.id("note")).sendKeys(note);
            b.clickToNavigate(d.findElement(By.xpath("//form[@action='/tasks']//button[@type='submit']")));
            assertThat(d.getCurrentUrl()).contains("done=created");
            b.assertTablesReadable("/tasks");

            // (3a) the requester asks for an exception to the real-time scan and cannot approve it
            d.get(b.url("/assets/" + assetId + "#check-av.realtime"));
            b.clickToNavigate(d.findElement(By.id("check-av.realtime")).findElement(By.linkText(en ? "Request an exception" : "例外を登録")));
            assertThat(new Select(d.findElement(By.id("check"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("av.realtime");
            String why = "代替の定時スキャンで運用 " + host.name();
            d.findElement(By.id("justification")).sendKeys(why);
            d.executeScript("arguments[0].value = arguments[1]", d.findElement(By.id("expires")),
                    LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(30).toString());
            b.clickToNavigate(d.findElement(By.xpath("//form[@action='/exceptions']//button[@type='submit']")));
            assertThat(d.getCurrentUrl()).contains("done=requested");
            WebElement own = b.exceptionRow(why);
            assertThat(own.getText()).contains(en ? "Awaiting approval" : "承認待ち")
                    .contains(en ? "Your own request" : "ご自身の申請です");
            assertThat(own.findElements(By.xpath(".//button[text()='" + (en ? "Approve" : "承認する") + "']"))).as("no approve button for the requester").isEmpty();
            String exceptionId = c.get("/api/v1/exceptions", c.adminToken()).json().findValues("id").stream()
                    .map(x -> x.asText()).filter(id -> own.getAttribute("innerHTML").contains("/exceptions/" + id + "/")).findFirst().orElseThrow();
            Object refused = d.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const token = document.querySelector('input[name=_csrf]').value;"
                    + "fetch('/exceptions/' + arguments[0] + '/approve', {method: 'POST', redirect: 'manual',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: new URLSearchParams({_csrf: token, note: 'self'})}).then(r => done(r.status));", exceptionId);
            assertThat(((Number) refused).intValue()).as("the requester's own approval").isIn(400, 403, 409);
            Chromium.screenshot(d, shot + "4-exception-requested", width);
            b.logout();

            // the owner finds the task under "my tasks" and approves the exception
            b.login(OWNER, OWNER_PASSWORD);
            b.switchLanguage(lang);
            d.get(b.url("/tasks"));
            assertThat(d.findElement(By.cssSelector(".nav-tabs .active")).getText()).isEqualTo(en ? "My tasks" : "自分のタスク");
            WebElement task = d.findElement(By.xpath("//table[contains(@class,'task-table')]//tr[td[text()='" + note + "']]"));
            assertThat(task.getText()).contains(due).contains(host.name()).contains(en ? "Anti-malware is installed" : "マルウェア対策ソフトが導入されている");
            assertThat(task.findElement(By.linkText(host.name())).getAttribute("href")).endsWith("/assets/" + assetId + "#check-av.installed");
            b.assertTablesReadable("/tasks (mine)");
            Chromium.screenshot(d, shot + "5-my-tasks", width);

            d.get(b.url("/exceptions"));
            WebElement pending = b.exceptionRow(why);
            pending.findElement(By.tagName("textarea")).sendKeys("定時スキャンのログを確認済み");
            b.clickToNavigate(pending.findElement(By.xpath(".//button[text()='" + (en ? "Approve" : "承認する") + "']")));
            assertThat(d.getCurrentUrl()).contains("done=approved");
            d.get(b.url("/exceptions?state=active"));
            WebElement approved = b.exceptionRow(why);
            assertThat(approved.getText()).contains(en ? "Active" : "有効").contains(en ? "approved by" : "に承認");
            b.assertTablesReadable("/exceptions");
            Chromium.screenshot(d, shot + "6-exception-approved", width);

            // a passing report closes the task by itself
            host.report(true);
            d.get(b.url("/tasks?view=closed"));
            WebElement closed = d.findElement(By.xpath("//table[contains(@class,'task-table')]//tr[td[text()='" + note + "']]"));
            assertThat(closed.getText()).contains(en ? "Done" : "完了").contains(en ? "the check passes" : "チェックが適合");
            d.get(b.url("/tasks"));
            assertThat(d.findElements(By.xpath("//tr[td[text()='" + note + "']]"))).as("no longer among my open tasks").isEmpty();

            d.get(b.url("/assets"));
            b.assertTablesReadable("/assets");
            Chromium.screenshot(d, shot + "7-assets", width);

            List<LogEntry> problems = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .filter(e -> !e.getMessage().contains("/approve")).toList();
            assertThat(problems).as("browser console (CSP violations, failed loads, script errors)").isEmpty();
        } finally {
            d.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The steps the journeys share: log in and out, switch language, follow links, measure tables. */
    static final class Browser {
        final ChromeDriver d;
        final int width;
        final WebDriverWait wait;

        Browser(ChromeDriver d, int width) {
            this.d = d;
            this.width = width;
            this.wait = new WebDriverWait(d, Duration.ofSeconds(20));
        }

        String url(String path) {
            return c.uri(path).toString();
        }

        String lang() {
            return (String) d.executeScript("return document.documentElement.lang");
        }

        void login(String user, String password) {
            d.get(url("/login"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            d.findElement(By.id("username")).sendKeys(user);
            d.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("changes-heading")));
        }

        /** The header's buttons sit behind the menu toggle on narrow windows. */
        void openMenu() {
            WebElement toggler = d.findElement(By.cssSelector(".navbar-toggler"));
            if (toggler.isDisplayed() && !d.findElement(By.id("app-nav")).isDisplayed()) {
                toggler.click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".lang-switch")));
            }
        }

        void switchLanguage(String lang) {
            openMenu();
            clickToNavigate(d.findElement(By.xpath("//button[@name='lang' and @value='" + lang + "']")));
        }

        void logout() {
            openMenu();
            clickToNavigate(d.findElement(By.xpath("//form[@action='/logout']//button")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        }

        void clickToNavigate(WebElement e) {
            WebElement html = d.findElement(By.tagName("html"));
            d.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
            e.click();
            wait.until(PageGone.of(html));
            wait.until(dr -> "complete".equals(d.executeScript("return document.readyState")));
        }

        boolean inViewport(WebElement e) {
            return Boolean.TRUE.equals(d.executeScript("const r = arguments[0].getBoundingClientRect();"
                    + "return r.top > -2 && r.top < window.innerHeight;", e));
        }

        WebElement exceptionRow(String justification) {
            return d.findElement(By.xpath("//tr[td[contains(@class,'comment') and text()='" + justification + "']]"));
        }

        /**
         * Opens every folded section, then asks the page for tables that stick out of the window
         * without a scrolling box around them, a scrolling one that loses its first column, and
         * filled cells narrower than {@link #MIN_CELL} or wider than the window.
         */
        @SuppressWarnings("unchecked")
        void assertTablesReadable(String page) {
            List<String> problems = (List<String>) d.executeScript(
                    "document.querySelectorAll('main details').forEach(x => x.open = true);"
                            + "const vw = document.documentElement.clientWidth, out = [];"
                            + "document.querySelectorAll('main table').forEach((t, i) => {"
                            + "  if (t.getClientRects().length === 0) return;"
                            + "  const r = t.getBoundingClientRect(), box = t.closest('.table-responsive');"
                            + "  const name = (t.className || 'table') + ' #' + i;"
                            + "  if (r.right > vw + 1 && !(box && getComputedStyle(box).overflowX === 'auto' && box.getBoundingClientRect().right <= vw + 1))"
                            + "    out.push(name + ' sticks out of the window: ' + Math.round(r.right) + ' > ' + vw);"
                            + "  if (vw < 992 && box && box.scrollWidth > box.clientWidth + 1) {"
                            + "    const first = t.querySelector('tbody tr > :first-child');"
                            + "    box.scrollLeft = box.scrollWidth;"
                            + "    const moved = first.getBoundingClientRect().left - box.getBoundingClientRect().left;"
                            + "    box.scrollLeft = 0;"
                            + "    if (Math.abs(moved) > 2) out.push(name + ' scrolls its first column away: ' + Math.round(moved) + ' px');"
                            + "  }"
                            + "  t.querySelectorAll('td, th').forEach(cell => {"
                            + "    if (cell.getClientRects().length === 0 || cell.innerText.trim() === '') return;"
                            + "    const w = cell.getBoundingClientRect().width;"
                            + "    if (w < arguments[0] * (cell.classList.contains('comment') ? 4 : 1)) out.push(name + ' cell ' + Math.round(w) + ' px: ' + cell.innerText.trim().slice(0, 40));"
                            + "    if (w > vw) out.push(name + ' cell wider than the window, ' + Math.round(w) + ' px: ' + cell.innerText.trim().slice(0, 40));"
                            + "  });"
                            + "});"
                            + "return out;", MIN_CELL);
            assertThat(problems).as("tables on " + page + " at " + width + " px").isEmpty();
        }
    }
}
