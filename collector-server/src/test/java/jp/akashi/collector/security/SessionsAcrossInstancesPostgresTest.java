package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TwoCollectorsOnPostgres;

/**
 * Two collector instances on one real PostgreSQL server (the V10 migration runs there too): a
 * logout or an account lock on one instance ends the session on the other at once, user names
 * are unique across both, and failed logins through one instance slow the pair on the other.
 */
class SessionsAcrossInstancesPostgresTest {
    static TwoCollectorsOnPostgres two;
    static TestCollector a;
    static TestCollector b;

    @BeforeAll
    static void start() throws Exception {
        two = TwoCollectorsOnPostgres.start(Map.of());
        a = two.a;
        b = two.b;
    }

    @AfterAll
    static void stop() throws Exception {
        if (two != null) {
            two.close();
        }
    }

    @Test
    void aLogoutOnOneInstanceEndsTheSessionOnTheOther() {
        String t = a.adminToken();
        assertThat(b.get("/api/v1/auth/me", t).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/auth/me", t).status()).isEqualTo(200);
        assertThat(a.send("POST", "/api/v1/auth/logout", t, null, Map.of()).status()).isEqualTo(204);
        assertThat(b.get("/api/v1/auth/me", t).status()).as("instance b, right after the logout on a").isEqualTo(401);
    }

    @Test
    void aLockOnOneInstanceEndsTheSessionOnTheOther() {
        String user = a.userToken("pg-locked", "auditor");
        assertThat(b.get("/api/v1/assets", user).status()).isEqualTo(200);
        String admin = a.adminToken();
        String id = null;
        for (var u : a.get("/api/v1/users", admin).json()) {
            if (u.get("username").asText().equals("pg-locked")) {
                id = u.get("id").asText();
            }
        }
        assertThat(a.send("PATCH", "/api/v1/users/" + id, admin, "{\"disabled\":true}".getBytes(), Map.of()).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/assets", user).status()).isEqualTo(401);
    }

    @Test
    void userNamesAreUniqueAcrossInstancesWhateverTheCase() {
        a.userToken("Shared-Name", "auditor");
        var dup = b.postJson("/api/v1/users", b.adminToken(), Map.of("username", "shared-name", "role", "auditor",
                "password", "another-long-password"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(b.login("SHARED-NAME", "password-of-Shared-Name")).startsWith("aks_");
    }

    @Test
    void failuresThroughOneInstanceSlowThePairOnTheOther() {
        a.userToken("pg-guessed", "security");
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).postJson("/api/v1/auth/login", null, Map.of("username", "pg-guessed", "password", "wrong-" + i));
        }
        assertThat(b.postJson("/api/v1/auth/login", null, Map.of("username", "pg-guessed", "password", "password-of-pg-guessed"))
                .status()).isEqualTo(429);
    }
}
