package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Guessing passwords gets slower for the guesser only: failures delay the next try of the same
 * (user, address) pair, an address has a budget of failures, and no number of failures locks an
 * account for everyone. The collector trusts {@code X-Forwarded-For} from 127.0.0.1 here (the
 * configured proxy), so the tests can speak for several client addresses.
 */
class LoginGuessingHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of(
                "akashi.trusted-proxies", "127.0.0.1/32",
                "akashi.login.free-failures", 3,
                "akashi.login.base-delay", "PT1S",
                "akashi.login.max-delay", "PT1S",
                "akashi.login.address-budget", 12,
                "akashi.login.address-window", "PT15M"));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static Response login(String address, String user, String password) {
        return c.send("POST", "/api/v1/auth/login", null,
                ("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}").getBytes(),
                Map.of("X-Forwarded-For", address));
    }

    @Test
    void failuresFromOneAddressDoNotLockTheAdminOutElsewhere() {
        for (int i = 0; i < 6; i++) {
            int status = login("203.0.113.5", "admin", "wrong-" + i).status();
            assertThat(status).isIn(401, 429);
        }
        Response guesser = login("203.0.113.5", "admin", TestCollector.ADMIN_PASSWORD);
        assertThat(guesser.status()).as("the guessing pair waits, even with the right password").isEqualTo(429);
        assertThat(guesser.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(login("198.51.100.7", "admin", TestCollector.ADMIN_PASSWORD).status())
                .as("the admin at another address logs in at once").isEqualTo(200);
    }

    @Test
    void theDelayEndsAndThenTheRightPasswordWorks() throws Exception {
        c.userToken("patient", "security");
        for (int i = 0; i < 7; i++) {
            assertThat(login("203.0.113.20", "patient", "wrong-" + i).status()).as("failure " + i).isEqualTo(401);
            Thread.sleep(1_100); // max-delay is 1 s here, so every try is a real failure
        }
        // seven failures locked the account before; now the pair only waited
        assertThat(login("203.0.113.20", "patient", "password-of-patient").status()).isEqualTo(200);
    }

    @Test
    void anAddressHasABudgetOfFailuresAcrossUsers() throws Exception {
        for (int i = 0; i < 12; i++) {
            login("203.0.113.30", "sprayed-" + i, "wrong-password");
        }
        c.userToken("sprayvictim", "security");
        assertThat(login("203.0.113.30", "sprayvictim", "password-of-sprayvictim").status())
                .as("the address has used its budget").isEqualTo(429);
        assertThat(login("203.0.113.31", "sprayvictim", "password-of-sprayvictim").status()).isEqualTo(200);
    }

    @Test
    void userNamesAreThrottledWhateverTheirCase() {
        c.userToken("casey", "security");
        for (int i = 0; i < 4; i++) {
            login("203.0.113.40", i % 2 == 0 ? "CASEY" : "casey", "wrong-" + i);
        }
        assertThat(login("203.0.113.40", "Casey", "password-of-casey").status()).isEqualTo(429);
    }

    @Test
    void onlyAnAdminLocksAnAccountAndTheAuditLogSaysWho() {
        String admin = c.adminToken();
        c.userToken("lockme", "auditor");
        String id = idOf(admin, "lockme");
        assertThat(c.send("PATCH", "/api/v1/users/" + id, admin, "{\"disabled\":true}".getBytes(), Map.of()).status()).isEqualTo(200);
        assertThat(login("198.51.100.50", "lockme", "password-of-lockme").status()).isEqualTo(401);
        assertThat(c.send("PATCH", "/api/v1/users/" + id, admin, "{\"disabled\":false}".getBytes(), Map.of()).status()).isEqualTo(200);
        assertThat(login("198.51.100.50", "lockme", "password-of-lockme").status()).isEqualTo(200);
        Database db = c.bean(Database.class);
        List<AuditLog.Entry> entries = db.read(h -> c.bean(AuditLog.class).page(h, Long.MAX_VALUE, 200));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.lock");
            assertThat(e.actor()).isEqualTo("user:admin");
            assertThat(e.target()).isEqualTo("lockme");
        });
        assertThat(entries).anySatisfy(e -> assertThat(e.action()).isEqualTo("user.unlock"));
    }

    @Test
    void theAuditLogNamesTheClientBehindTheTrustedProxy() {
        login("192.0.2.77", "nobody-here", "wrong-password");
        Database db = c.bean(Database.class);
        List<AuditLog.Entry> entries = db.read(h -> c.bean(AuditLog.class).page(h, Long.MAX_VALUE, 200));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("auth.login_failed");
            assertThat(e.details()).contains("192.0.2.77");
        });
    }

    static String idOf(String admin, String username) {
        for (var u : c.get("/api/v1/users", admin).json()) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asText();
            }
        }
        throw new IllegalStateException("no user " + username);
    }
}
