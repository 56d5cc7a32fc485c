package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The optional lock after failed logins ({@code akashi.login.lock-after}): a locked account
 * without a second factor says "locked" whatever the password until an admin unlocks it; one
 * with two-factor login opens with the right password and code, which lifts the lock. All of it
 * audit-logged. The throttle is set loose here so that only the lock decides.
 */
class FailureLockHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false, "akashi.login.lock-after", 3,
                "akashi.login.free-failures", 50));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static void newUser(String name) {
        String token = c.userToken(name, "security");
        assertThat(c.postJson("/api/v1/auth/password", token, Map.of("currentPassword", "password-of-" + name,
                "newPassword", "own-password-of-" + name)).status()).isEqualTo(204);
    }

    static int apiLogin(String name, String password) {
        return c.postJson("/api/v1/auth/login", null, Map.of("username", name, "password", password)).status();
    }

    @Test
    void aLockedAccountWithoutSecondFactorWaitsForAnAdmin() {
        newUser("lock-jiro");
        for (int i = 0; i < 3; i++) {
            assertThat(apiLogin("lock-jiro", "wrong-password-" + i)).isEqualTo(401);
        }
        // locked: the right password does not open it, and a wrong one is not told apart
        TestCollector.Response locked = c.postJson("/api/v1/auth/login", null, Map.of("username", "lock-jiro",
                "password", "own-password-of-lock-jiro"));
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.json().get("error").asText()).contains("locked");
        assertThat(apiLogin("lock-jiro", "wrong-password-x")).isEqualTo(403);
        Page web = new WebClient(c).login("lock-jiro", "own-password-of-lock-jiro");
        assertThat(web.status()).isEqualTo(403);
        assertThat(web.body()).contains("アカウントはロックされています");

        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String id = TwoFactorLoginHttpTest.userId(c, "lock-jiro");
        assertThat(admin.get("/users/" + id).body()).contains("failure-locked");
        assertThat(admin.submit("/users/" + id + "/unlock", Map.of()).location()).isEqualTo("/users/" + id + "?done=unlocked");
        assertThat(apiLogin("lock-jiro", "own-password-of-lock-jiro")).isEqualTo(200);
        assertThat(admin.get("/users/" + id).body()).doesNotContain("failure-locked\"");
        assertThat(admin.submit("/users/" + id + "/unlock", Map.of()).status()).as("not locked").isEqualTo(409);
        assertThat(c.get("/api/v1/audit-log?limit=300", c.adminToken()).body()).contains("user.lock_failures").contains("user.unlock_failures");
    }

    @Test
    void aTwoFactorLoginLiftsTheLock() {
        newUser("lock-tf");
        WebClient w = WebClient.loggedIn(c, "lock-tf", "own-password-of-lock-tf");
        TwoFactorLoginHttpTest.Enrolled e = TwoFactorLoginHttpTest.enrol(w);
        for (int i = 0; i < 3; i++) {
            assertThat(apiLogin("lock-tf", "wrong-password-" + i)).isEqualTo(401);
        }
        String id = TwoFactorLoginHttpTest.userId(c, "lock-tf");
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        assertThat(admin.get("/users/" + id).body()).contains("failure-locked");
        // the password alone is not enough, the password and a code are
        assertThat(apiLogin("lock-tf", "own-password-of-lock-tf")).isEqualTo(401);
        WebClient b = new WebClient(c);
        assertThat(b.login("lock-tf", "own-password-of-lock-tf").location()).isEqualTo("/login/code");
        assertThat(b.submit("/login/code", Map.of("code", e.code(e.step() + 1))).location()).isEqualTo("/");
        assertThat(admin.get("/users/" + id).body()).doesNotContain("failure-locked\"");
        assertThat(c.get("/api/v1/audit-log?limit=300", c.adminToken()).body()).contains("user.unlock_two_factor");
    }
}
