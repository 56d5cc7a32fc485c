package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The single sign-on rules as pure functions: role mapping, settings, names of new accounts. */
class OidcRulesTest {
    final OidcRoleMapping mapping = new OidcRoleMapping(Map.of(
            Role.ADMIN, List.of("akashi-admins"),
            Role.SECURITY, List.of("akashi-security", " sec-ops "),
            Role.AUDITOR, List.of("akashi-auditors", "internal-audit")));

    @Test
    void theHighestMappedRoleWinsAndUnmappedValuesGrantNothing() {
        assertThat(mapping.roleFor(List.of("staff", "internal-audit"))).contains(Role.AUDITOR);
        assertThat(mapping.roleFor(List.of("akashi-auditors", "akashi-admins", "akashi-security"))).contains(Role.ADMIN);
        assertThat(mapping.roleFor(List.of("akashi-auditors", "sec-ops"))).as("values are stripped in the settings").contains(Role.SECURITY);
        assertThat(mapping.roleFor("akashi-security")).as("a single-string claim").contains(Role.SECURITY);
        assertThat(mapping.roleFor(List.of("sales", "staff"))).isEmpty();
        assertThat(mapping.roleFor(List.of())).isEmpty();
        assertThat(mapping.roleFor(null)).as("no claim at all").isEmpty();
        assertThat(mapping.roleFor(List.of("AKASHI-ADMINS"))).as("exact comparison").isEmpty();
        java.util.ArrayList<Object> withNull = new java.util.ArrayList<>(List.of("x"));
        withNull.add(null);
        withNull.add("akashi-auditors");
        assertThat(mapping.roleFor(withNull)).contains(Role.AUDITOR);
        assertThat(mapping.roleFor(new String[]{"akashi-admins"})).contains(Role.ADMIN);
    }

    @Test
    void aMappingWithoutValuesIsEmpty() {
        assertThat(new OidcRoleMapping(Map.of()).isEmpty()).isTrue();
        assertThat(new OidcRoleMapping(Map.of(Role.ADMIN, List.of(" "))).isEmpty()).isTrue();
        assertThat(mapping.isEmpty()).isFalse();
    }

    static OidcProperties props(boolean enabled, String issuer, String clientId, boolean local, String breakGlass) {
        return new OidcProperties(enabled, issuer, clientId, "s", "groups", "name", local, breakGlass);
    }

    @Test
    void settingsAreCheckedWhenSingleSignOnIsOn() {
        assertThat(props(true, "https://login.microsoftonline.com/t/v2.0", "id", true, "admin").issuer())
                .isEqualTo("https://login.microsoftonline.com/t/v2.0");
        assertThat(props(true, "http://127.0.0.1:8080/corp", "id", true, "admin").enabled()).isTrue();
        assertThatThrownBy(() -> props(true, "http://idp.example.com", "id", true, "admin"))
                .hasMessageContaining("akashi.oidc.issuer").hasMessageContaining("https");
        assertThatThrownBy(() -> props(true, "", "id", true, "admin")).hasMessageContaining("akashi.oidc.issuer");
        assertThatThrownBy(() -> props(true, "https://idp.example.com", " ", true, "admin")).hasMessageContaining("akashi.oidc.client-id");
        assertThatThrownBy(() -> props(true, "https://idp.example.com", "id", false, "")).hasMessageContaining("akashi.oidc.break-glass-user");
        assertThat(props(false, "", "", true, "admin").enabled()).as("off: nothing needed").isFalse();
    }

    @Test
    void withLocalLoginOffOnlyTheBreakGlassAccountMayUseAPassword() {
        OidcProperties off = props(true, "https://idp.example.com", "id", false, "admin");
        assertThat(off.passwordLoginAllowed("admin")).isTrue();
        assertThat(off.passwordLoginAllowed("ＡＤＭＩＮ")).as("the same account by its key").isTrue();
        assertThat(off.passwordLoginAllowed("kansa")).isFalse();
        assertThat(props(true, "https://idp.example.com", "id", true, "admin").passwordLoginAllowed("kansa")).isTrue();
        assertThat(props(false, "", "", false, "admin").passwordLoginAllowed("kansa")).as("single sign-on off: the setting does nothing").isTrue();
    }

    static OidcAccounts.Identity who(String sub, Map<String, Object> claims) {
        return new OidcAccounts.Identity("https://idp.example.com", sub, claims);
    }

    @Test
    void newAccountsAreNamedFromTheClaimsAndNeverTakeAnExistingName() {
        assertThat(OidcAccounts.preferredName(who("s1", Map.of("preferred_username", "yamada@example.co.jp", "email", "y@x")))).isEqualTo("yamada@example.co.jp");
        assertThat(OidcAccounts.preferredName(who("s1", Map.of("email", "hanako@example.co.jp")))).isEqualTo("hanako@example.co.jp");
        assertThat(OidcAccounts.preferredName(who("s1", Map.of("preferred_username", "山田 花子")))).isEqualTo("山田-花子");
        assertThat(OidcAccounts.preferredName(who("00u1abc", Map.of()))).isEqualTo("sso-00u1abc");
        assertThat(OidcAccounts.preferredName(who("s1", Map.of("preferred_username", "x")))).as("too short: the next claim").isEqualTo("sso-s1");
        assertThat(OidcAccounts.usable("a".repeat(100))).hasSize(56);

        Set<String> taken = Set.of("admin", "admin-2", "yamada");
        assertThat(OidcAccounts.freeName("admin", taken::contains)).isEqualTo("admin-3");
        assertThat(OidcAccounts.freeName("Yamada", taken::contains)).as("compared by key").isEqualTo("Yamada-2");
        assertThat(OidcAccounts.freeName("suzuki", taken::contains)).isEqualTo("suzuki");
        assertThat(Optional.of(OidcAccounts.freeName("admin", taken::contains)).flatMap(UserNames::problem)).isEmpty();
    }
}
