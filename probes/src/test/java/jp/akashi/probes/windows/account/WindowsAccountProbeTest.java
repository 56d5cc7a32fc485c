package jp.akashi.probes.windows.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsAccountProbeTest {

    @Test
    @SuppressWarnings("unchecked")
    void administratorsBySidWithJapaneseNames() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAccountProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertThat((List<String>) f.get("account.admins").value()).containsExactly("PC-SOUMU-014\\Administrator",
                "PC-SOUMU-014\\情シス管理者", "CORP\\Domain Admins", "CORP\\yamada.taro");
        assertThat(f.get("account.admin_count").value()).isEqualTo(4L);
        assertThat(f.get("account.builtin_admin_enabled").value()).isEqualTo(false);
        assertThat(f.get("account.guest_enabled").value()).isEqualTo(false);
        assertThat(f.get("account.windows.password_not_required").value()).isEqualTo(List.of());
        assertThat(f.get("account.empty_password").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("account.windows.local_users").value()).asString().contains("情シス管理者").contains("last_logon_at=2026-11-02T00:51:09Z");
    }

    @Test
    void renamedBuiltInAdministratorIsFoundByRid() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAccountProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(f.get("account.builtin_admin_enabled").value()).isEqualTo(true);
        assertThat(f.get("account.builtin_admin_enabled").evidence().excerpt()).contains("\"kanri\"");
        assertThat(f.get("account.admin_count").value()).isEqualTo(3L);
        assertThat(f.get("account.windows.password_not_required").value()).isEqualTo(List.of("backup"));
    }

    @Test
    void enabledGuestAndSharedAccountWithoutPassword() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAccountProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        assertThat(f.get("account.guest_enabled").value()).isEqualTo(true);
        assertThat(f.get("account.windows.password_not_required").value()).isEqualTo(List.of("Guest", "共用"));
    }

    @Test
    void missingRidOrMalformedRowsAreErrors() {
        var host = WindowsFixtureHosts.builder("win11-ja")
                .section("local_users", "{\"items\":[{\"name\":\"a\",\"sid\":\"S-1-5-21-1-2-3-1001\",\"enabled\":true}]}")
                .section("admins", "{\"members\":[{\"name\":\"x\"}]}").build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsAccountProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("account.builtin_admin_enabled").message()).contains("RID 500");
        assertThat(f.get("account.admins").message()).contains("without SID");
        var bad = WindowsFixtureHosts.builder("win11-ja").section("local_users", "{\"items\":[{\"name\":\"a\"}]}").build();
        assertThat(ProbeTesting.run(new WindowsAccountProbe(), bad, ProbeContext.WINDOWS).get("account.guest_enabled").status())
                .isEqualTo(FactStatus.ERROR);
    }
}
