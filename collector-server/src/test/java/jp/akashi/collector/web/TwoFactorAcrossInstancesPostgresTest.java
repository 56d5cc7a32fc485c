package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TwoCollectorsOnPostgres;

/**
 * Two collector instances on one real PostgreSQL server (migration V21 runs there too) with a
 * shared data directory: a secret enrolled through one instance works through the other (the
 * key file is shared), a code accepted by one is refused by the other (replay), and "sign out
 * everywhere" on one ends the sessions opened through the other.
 */
class TwoFactorAcrossInstancesPostgresTest {
    static TwoCollectorsOnPostgres two;

    @BeforeAll
    static void start() throws Exception {
        two = TwoCollectorsOnPostgres.start(Map.of("akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (two != null) {
            two.close();
        }
    }

    @Test
    void aCodeEnrolledOnOneInstanceWorksOnTheOtherAndOnlyOnce() {
        TestCollector a = two.a;
        TestCollector b = two.b;
        String token = a.userToken("pg-totp", "security");
        assertThat(a.postJson("/api/v1/auth/password", token, Map.of("currentPassword", "password-of-pg-totp",
                "newPassword", "own-password-of-pg-totp")).status()).isEqualTo(204);
        WebClient w = WebClient.loggedIn(a, "pg-totp", "own-password-of-pg-totp");
        TwoFactorLoginHttpTest.Enrolled e = TwoFactorLoginHttpTest.enrol(w);
        String code = e.code(e.step() + 1);

        TestCollector.Response onB = b.postJson("/api/v1/auth/login", null, Map.of("username", "pg-totp",
                "password", "own-password-of-pg-totp", "totp", code));
        assertThat(onB.status()).isEqualTo(200);
        TestCollector.Response replayOnA = a.postJson("/api/v1/auth/login", null, Map.of("username", "pg-totp",
                "password", "own-password-of-pg-totp", "totp", code));
        assertThat(replayOnA.status()).isEqualTo(401);

        String tokenB = onB.json().get("token").asText();
        WebClient viaB = new WebClient(b);
        viaB.login("pg-totp", "own-password-of-pg-totp");
        assertThat(viaB.submit("/login/code", Map.of("code", e.recoveryCodes().get(0))).status()).isEqualTo(303);
        assertThat(a.get("/api/v1/auth/sessions", tokenB).json().get("sessions").size()).isEqualTo(3);
        assertThat(a.postJson("/api/v1/auth/sessions/revoke-all", tokenB, Map.of()).json().get("ended").asInt()).isEqualTo(2);
        assertThat(viaB.get("/").status()).isEqualTo(303);
        assertThat(w.get("/").status()).isEqualTo(303);
        assertThat(b.get("/api/v1/auth/me", tokenB).status()).isEqualTo(200);
    }
}
