package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** Pages show who did something by display name, with the login name as a hint, not by login name or actor id. */
class DisplayNamesHttpTest {
    @Test
    void snapshotsAndTheAuditLogNameThePersonByDisplayName() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"))) {
            String initial = "initial-pw-of-hanako";
            TestCollector.Response created = c.postJson("/api/v1/users", c.adminToken(),
                    Map.of("username", "hanako", "displayName", "監査花子", "role", "security", "password", initial));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String token = c.login("hanako", initial);
            assertThat(c.postJson("/api/v1/auth/password", token,
                    Map.of("currentPassword", initial, "newPassword", "hanako-password-1")).status()).isEqualTo(204);
            token = c.login("hanako", "hanako-password-1");
            TestCollector.Response snap = c.postJson("/api/v1/snapshots", token, Map.of());
            assertThat(snap.status()).as(snap.body()).isIn(200, 201);

            WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String list = admin.get("/snapshots").body();
            assertThat(list).contains(">監査花子<").doesNotContain(">user:hanako<").contains("title=\"hanako\"");
            String audit = admin.get("/audit").body();
            assertThat(audit).contains(">監査花子<").contains("title=\"user:hanako\"");
        }
    }
}
