package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * English texts keep their apostrophes: a message is formatted once, so '' in the bundle is one '
 * on the page, with arguments or without (it used to read "the collectors public key").
 */
class MessageApostropheHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void apostrophesSurviveWithAndWithoutArguments() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.setCookie(WebCookies.LANG, "en");
        String deploy = w.get("/agents/deploy").body();
        assertThat(deploy).as("no arguments").contains("the collector&#39;s public key")
                .doesNotContain("collectors public key").doesNotContain("&#39;&#39;");
        String snapshots = w.get("/snapshots").body();
        assertThat(snapshots).contains("the collector&#39;s key").doesNotContain("collectors key");
    }
}
