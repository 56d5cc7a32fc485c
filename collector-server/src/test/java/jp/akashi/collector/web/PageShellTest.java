package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** Every console page is the one shell (shell.html) around its own main: head, header, footer once each. */
class PageShellTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        Seed.linuxHost(c, "shell-host");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void aSignedInPageHasTheShellOnceAroundItsMain() {
        String page = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD).get("/").body();
        assertShell(page, "ja");
        assertThat(page).contains("<main id=\"main\" class=\"container-fluid page\">")
                .contains("class=\"navbar-brand\"").contains("<footer class=\"app-footer\">")
                .contains("<title>ダッシュボード | Akashi</title>");
    }

    @Test
    void theLoginPageKeepsItsOwnBodyClass() {
        String page = new WebClient(c).get("/login").body();
        assertShell(page, "ja");
        assertThat(page).contains("<body class=\"login-page\">").contains("<main id=\"main\" class=\"container login-box\">");
    }

    @Test
    void anEnglishPageSaysSoOnItsRoot() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.setCookie("AKASHI_LANG", "en");
        String page = w.get("/assets").body();
        assertShell(page, "en");
    }

    static void assertShell(String page, String lang) {
        assertThat(page).startsWith("<!DOCTYPE html>");
        assertThat(page).contains("<html lang=\"" + lang + "\"");
        assertThat(count(page, "<head>")).isEqualTo(1);
        assertThat(count(page, "<title>")).isEqualTo(1);
        assertThat(count(page, "<header")).isEqualTo(1);
        assertThat(count(page, "<main")).isEqualTo(1);
        assertThat(count(page, "<footer")).isEqualTo(1);
        assertThat(page).doesNotContain("layout:").doesNotContain("xmlns:layout");
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
