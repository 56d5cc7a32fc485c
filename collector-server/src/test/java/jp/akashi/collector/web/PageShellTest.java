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

    @Test
    void theTemplatesEvaluateWithOgnlInterfaceClassesKeptPerClass() {
        new WebClient(c).get("/login");
        assertThat(ognl.OgnlRuntime.getCompiler()).isInstanceOf(OgnlInterfaceClasses.Cached.class);
        // the same answers as OGNL's own lookup, for public, non-public, interface and array types
        ognl.enhance.ExpressionCompiler plain = new ognl.enhance.ExpressionCompiler();
        OgnlInterfaceClasses.Cached cached = new OgnlInterfaceClasses.Cached();
        for (Class<?> type : java.util.List.of(java.util.HashMap.class, java.util.List.of(1).getClass(),
                java.util.Collections.unmodifiableMap(new java.util.HashMap<>()).getClass(), String.class,
                Runnable.class, int.class, Object[].class, new java.util.ArrayList<>().iterator().getClass(),
                WebPages.Me.class, Navigation.class)) {
            assertThat(cached.getInterfaceClass(type)).as(type.getName()).isEqualTo(plain.getInterfaceClass(type));
            assertThat(cached.getInterfaceClass(type)).as("again " + type.getName()).isEqualTo(plain.getInterfaceClass(type));
        }
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
