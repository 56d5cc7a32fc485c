package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * "Two-factor login required for all local accounts" is a rule for local accounts: a person who
 * logs in through the OpenID provider has their second factor there and is not sent to enrol a
 * TOTP app (seen failing before the gate knew single sign-on accounts), while a local account
 * still is.
 */
class SsoTwoFactorPolicyHttpTest {
    @Test
    void theLocalTwoFactorPolicyDoesNotGateSingleSignOnAccounts() throws Exception {
        try (OpenIdProvider idp = new OpenIdProvider(true);
             TestCollector c = new TestCollector(Map.of(), idp.collectorSettings(true))) {
            String first = c.userToken("policy-local", "security");
            assertThat(c.postJson("/api/v1/auth/password", first, Map.of("currentPassword", "password-of-policy-local",
                    "newPassword", "policy-local-new-password-1")).status()).isEqualTo(204);
            String local = c.login("policy-local", "policy-local-new-password-1");
            WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            TwoFactorLoginHttpTest.enrol(admin);
            admin.get("/users");
            assertThat(admin.submit("/users/policy/two-factor", Map.of("required", "true")).location())
                    .isEqualTo("/users?done=twoFactorRequired");

            WebClient sso = new WebClient(c);
            assertThat(SsoHttpTest.ssoLogin(sso, "policy-sub-1",
                    "{\"preferred_username\": \"policy-sso\", \"groups\": [\"akashi-security\"]}").status()).isEqualTo(200);
            assertThat(sso.get("/").status()).as("an SSO account is not sent to enrolment").isEqualTo(200);
            assertThat(sso.get("/assets").status()).isEqualTo(200);

            TestCollector.Response gated = c.get("/api/v1/assets", local);
            assertThat(gated.status()).as("a local account without 2FA still is gated").isEqualTo(403);
            assertThat(gated.body()).contains("two-factor login is required");
        }
    }
}
