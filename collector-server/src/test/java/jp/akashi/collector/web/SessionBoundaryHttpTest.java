package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * Where a session's power ends: the login form's pre-session token is no CSRF token for a
 * logged-in session, and a session that expired or was ended elsewhere (another collector
 * instance deleting its row) stops working at once, not after a cache lifetime.
 */
class SessionBoundaryHttpTest {
    static TestCollector c;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        asset = Seed.linuxHost(c, "boundary-host");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void aPlantedPreSessionTokenIsNoCsrfTokenForASession() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/assets/" + asset);
        // a cookie planted by a sibling site (cookies are not isolated by port or subdomain)
        w.setCookie(WebCookies.PRE_SESSION, "planted-by-attacker");
        Page forged = w.post("/assets/" + asset, Map.of("owner", "planted-owner", "_csrf", "planted-by-attacker"));
        assertThat(forged.status()).isEqualTo(403);
        Page viaHeader = w.postWithHeaders("/assets/" + asset, Map.of("owner", "planted-owner"),
                Map.of("X-CSRF-Token", "planted-by-attacker"));
        assertThat(viaHeader.status()).isEqualTo(403);
        assertThat(w.get("/assets/" + asset).body()).doesNotContain("planted-owner");
        assertThat(w.submit("/assets/" + asset, Map.of("owner", "real-owner")).status()).as("the session's own token works").isEqualTo(303);
    }

    @Test
    void anApiCallWithTheSessionCookieNeedsTheSessionsCsrfHeader() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/assets/" + asset);
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Page none = w.postBytes("/api/v1/evaluations", "application/json", body, Map.of());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.headers().firstValue("X-Akashi-Refusal")).contains("csrf");
        w.setCookie(WebCookies.PRE_SESSION, "planted-by-attacker");
        Page planted = w.postBytes("/api/v1/evaluations", "application/json", body, Map.of("X-CSRF-Token", "planted-by-attacker"));
        assertThat(planted.status()).as("the pre-session token is no token for a session").isEqualTo(403);
        assertThat(w.postBytes("/api/v1/evaluations", "application/json", body, Map.of("X-CSRF-Token", w.csrf())).status())
                .isEqualTo(202);
        assertThat(c.postJson("/api/v1/evaluations", c.adminToken(), Map.of()).status()).as("a bearer call needs no CSRF token")
                .isEqualTo(202);
    }

    @Test
    void aSessionEndedOnAnotherInstanceStopsAtOnce() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        assertThat(w.get("/assets").status()).isEqualTo(200);
        // what a logout on another instance does: the shared session row goes
        c.bean(Database.class).write(h -> h.createUpdate("DELETE FROM sessions WHERE kind = 'web'").execute());
        Page after = w.get("/assets");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.location()).startsWith("/login");
    }

    @Test
    void aDisabledAccountStopsAtOnce() {
        Seed.user(c, "soon-disabled", "security", "soon-disabled-password");
        WebClient w = WebClient.loggedIn(c, "soon-disabled", "soon-disabled-password");
        assertThat(w.get("/assets").status()).isEqualTo(200);
        c.bean(Database.class).write(h -> h.createUpdate("UPDATE users SET disabled = TRUE WHERE username = 'soon-disabled'").execute());
        assertThat(w.get("/assets").status()).isEqualTo(303);
    }

    @Test
    void anExpiredTokenStopsAtItsExpiry() throws Exception {
        try (TestCollector shortLived = new TestCollector(Map.of(), Map.of("akashi.session.api-ttl", "PT4S"))) {
            var login = shortLived.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
            String token = login.json().get("token").asText();
            long expiresAt = java.time.Instant.parse(login.json().get("expiresAt").asText()).toEpochMilli();
            assertThat(shortLived.get("/api/v1/auth/me", token).status()).isEqualTo(200);
            Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 300);
            assertThat(shortLived.get("/api/v1/auth/me", token).status()).as("just past its expiry").isEqualTo(401);
        }
    }
}
