package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/** Login, roles, throttling, enrollment tokens against a real collector. */
class AuthApiTest {
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
    void loginGivesABearerTokenAndWrongPasswordsAreRefused() {
        Response ok = c.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token").asText()).startsWith("aks_");
        assertThat(ok.json().get("role").asText()).isEqualTo("admin");
        assertThat(c.get("/api/v1/auth/me", ok.json().get("token").asText()).json().get("username").asText()).isEqualTo("admin");

        Response bad = c.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", "wrong"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(c.postJson("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "x")).status()).isEqualTo(401);
        assertThat(c.send("POST", "/api/v1/auth/login", null, "not json".getBytes(), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void repeatedFailuresMakeThePairWait() {
        c.userToken("throttled", "security");
        for (int i = 0; i < 5; i++) {
            assertThat(c.postJson("/api/v1/auth/login", null, Map.of("username", "throttled", "password", "wrong-" + i)).status()).isEqualTo(401);
        }
        Response locked = c.postJson("/api/v1/auth/login", null, Map.of("username", "throttled", "password", "password-of-throttled"));
        assertThat(locked.status()).as("even the right password waits after 5 failures").isEqualTo(429);
        assertThat(locked.raw().headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void everyApiRouteNeedsAuthenticationAndTheRightRole() {
        assertThat(c.get("/api/v1/assets", null).status()).isEqualTo(401);
        assertThat(c.get("/api/v1/assets", "aks_bogus").status()).isEqualTo(401);
        String auditor = c.userToken("auditor1", "auditor");
        assertThat(c.get("/api/v1/assets", auditor).status()).isEqualTo(200);
        assertThat(c.postJson("/api/v1/enrollment-tokens", auditor, Map.of()).status()).isEqualTo(403);
        assertThat(c.postJson("/api/v1/users", auditor, Map.of("username", "x1", "role", "admin", "password", "long-enough-password")).status()).isEqualTo(403);
        String security = c.userToken("sec1", "security");
        assertThat(c.postJson("/api/v1/enrollment-tokens", security, Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAndPasswordChangeEndsAllSessions() {
        String t = c.userToken("leaver", "security");
        assertThat(c.send("POST", "/api/v1/auth/logout", t, null, Map.of()).status()).isEqualTo(204);
        assertThat(c.get("/api/v1/auth/me", t).status()).isEqualTo(401);

        String t2 = c.login("leaver", "password-of-leaver");
        assertThat(c.postJson("/api/v1/auth/password", t2, Map.of("currentPassword", "wrong", "newPassword", "a-new-long-password")).status()).isEqualTo(403);
        assertThat(c.postJson("/api/v1/auth/password", t2, Map.of("currentPassword", "password-of-leaver", "newPassword", "short")).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/auth/password", t2, Map.of("currentPassword", "password-of-leaver", "newPassword", "a-new-long-password")).status()).isEqualTo(204);
        assertThat(c.get("/api/v1/auth/me", t2).status()).isEqualTo(401);
        assertThat(c.login("leaver", "a-new-long-password")).startsWith("aks_");
    }

    @Test
    void enrollmentTokensExpireRunOutAndCanBeRevoked() {
        String admin = c.adminToken();
        Response t = c.postJson("/api/v1/enrollment-tokens", admin, Map.of("maxUses", 1, "note", "one use"));
        assertThat(t.status()).isEqualTo(201);
        assertThat(t.json().get("enrollCommands").get("linux").asText()).contains(t.json().get("token").asText());
        String token = t.json().get("token").asText();
        assertThat(c.postJson("/api/v1/enroll", null, Map.of("token", token)).status()).isEqualTo(201);
        Response usedUp = c.postJson("/api/v1/enroll", null, Map.of("token", token));
        assertThat(usedUp.status()).isEqualTo(401);
        assertThat(usedUp.json().get("error").asText()).contains("used up");

        Response t2 = c.postJson("/api/v1/enrollment-tokens", admin, Map.of("maxUses", 5));
        assertThat(c.send("DELETE", "/api/v1/enrollment-tokens/" + t2.json().get("id").asText(), admin, null, Map.of()).status()).isEqualTo(204);
        assertThat(c.postJson("/api/v1/enroll", null, Map.of("token", t2.json().get("token").asText())).json().get("error").asText()).contains("revoked");

        assertThat(c.postJson("/api/v1/enroll", null, Map.of("token", "akt_guess")).status()).isEqualTo(401);
        assertThat(c.postJson("/api/v1/enrollment-tokens", admin, Map.of("maxUses", 0)).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/enrollment-tokens", admin, Map.of("ttlHours", 100000)).status()).isEqualTo(400);
    }

    @Test
    void auditLogChainsEveryChange() {
        c.adminToken();
        var audit = c.bean(jp.akashi.collector.store.AuditLog.class);
        var db = c.bean(jp.akashi.collector.store.Database.class);
        assertThat(db.read(audit::verify)).isEmpty();
        db.write(h -> h.createUpdate("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1").execute());
        assertThat(db.read(audit::verify)).contains(1L);
        db.write(h -> h.createUpdate("UPDATE audit_log SET actor = 'system' WHERE seq = 1").execute());
        assertThat(db.read(audit::verify)).isEmpty();
    }
}
