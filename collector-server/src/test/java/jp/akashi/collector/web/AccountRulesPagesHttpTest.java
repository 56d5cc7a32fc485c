package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/** The console's account forms: Japanese and full-width names are taken, refusals are in the person's language. */
class AccountRulesPagesHttpTest {
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
    void aFullWidthOrJapaneseUserNameIsTaken() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/users");
        Page jp = w.submit("/users", Map.of("username", "佐藤花子", "displayName", "佐藤 花子", "role", "auditor",
                "password", "sato-long-password"));
        assertThat(jp.status()).as(jp.body()).isEqualTo(303);
        w.get("/users");
        Page wide = w.submit("/users", Map.of("username", "ｓｕｚｕｋｉ", "displayName", "鈴木", "role", "auditor",
                "password", "suzuki-long-password"));
        assertThat(wide.status()).as(wide.body()).isEqualTo(303);
        assertThat(w.get("/users").body()).contains("佐藤花子").contains("suzuki");
        assertThat(w.get("/users").body()).doesNotContain("pattern=\"[A-Za-z0-9");
        WebClient sato = WebClient.loggedIn(c, "佐藤花子", "sato-long-password");
        assertThat(sato.get("/account/password").status()).isEqualTo(200);
    }

    @Test
    void aDuplicateNameInAnotherCaseIsRefusedInJapanese() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/users");
        Page dup = w.submit("/users", Map.of("username", "ADMIN", "displayName", "", "role", "auditor",
                "password", "another-long-password"));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body()).contains("既に存在します");
    }

    @Test
    void aCommonOrRepeatedPasswordIsRefusedInThePersonsLanguage() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/users");
        Page common = w.submit("/users", Map.of("username", "weakling", "displayName", "", "role", "auditor",
                "password", "1qaz2wsx3edc"));
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.body()).contains("よく使われる");
        Page same = w.submit("/users", Map.of("username", "weakling", "displayName", "", "role", "auditor",
                "password", "zzzzzzzzzzzzzz"));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body()).contains("同じ文字");

        Seed.user(c, "keeper", "security", "keeper-temporary-pw");
        WebClient k = WebClient.loggedIn(c, "keeper", "keeper-temporary-pw");
        k.get("/account/password");
        Page kept = k.submit("/account/password", Map.of("current", "keeper-temporary-pw", "password", "keeper-temporary-pw",
                "confirm", "keeper-temporary-pw"));
        assertThat(kept.status()).isEqualTo(400);
        assertThat(kept.body()).contains("今のパスワード");
    }
}
