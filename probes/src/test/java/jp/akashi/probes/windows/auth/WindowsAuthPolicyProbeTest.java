package jp.akashi.probes.windows.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.util.EncodedText;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsAuthPolicyProbeTest {

    @Test
    void effectivePolicyFromTheUtf16SeceditExport() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertThat(f.get("auth.password.min_length").value()).isEqualTo(10L);
        assertThat(f.get("auth.password.complexity_classes").value()).isEqualTo(3L);
        assertThat(f.get("auth.password.max_age_days").value()).isEqualTo(90L);
        assertThat(f.get("auth.password.min_age_days").value()).isEqualTo(1L);
        assertThat(f.get("auth.password.history").value()).isEqualTo(24L);
        assertThat(f.get("auth.lockout.enabled").value()).isEqualTo(true);
        assertThat(f.get("auth.lockout.threshold").value()).isEqualTo(5L);
        assertThat(f.get("auth.lockout.duration_seconds").value()).isEqualTo(1800L);
        assertThat(f.get("auth.windows.lockout_reset_minutes").value()).isEqualTo(30L);
        assertThat(f.get("auth.windows.reversible_encryption").value()).isEqualTo(false);
        assertThat(f.get("auth.lockout.threshold").evidence().excerpt()).contains("LockoutBadCount = 5");
    }

    @Test
    void neverExpiringPasswordsAndNoLockout() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(f.get("auth.password.max_age_days").value()).isEqualTo(0L);
        assertThat(f.get("auth.password.min_length").value()).isEqualTo(14L);
        assertThat(f.get("auth.lockout.enabled").value()).isEqualTo(false);
        assertThat(f.get("auth.lockout.threshold").value()).isEqualTo(0L);
        assertThat(f.get("auth.lockout.duration_seconds").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("auth.lockout.duration_seconds").message()).contains("LockoutBadCount = 0");
    }

    @Test
    void withoutAdministratorRightsEveryKeyIsAnError() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        assertThat(f).hasSize(10);
        assertThat(f.values()).allSatisfy(x -> {
            assertThat(x.status()).isEqualTo(FactStatus.ERROR);
            assertThat(x.message()).contains("secedit").contains("Administrator");
        });
    }

    @Test
    void malformedExportsAreErrors() {
        String notIni = Base64.getEncoder().encodeToString("Unicode=yes\r\nMinimumPasswordLength = 8".getBytes(StandardCharsets.UTF_16LE));
        Map<String, Fact> f = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.builder("win11-ja")
                .section("secedit", "{\"exit\":0,\"b64\":\"" + notIni + "\"}").build(), ProbeContext.WINDOWS);
        assertThat(f.get("auth.password.min_length").message()).contains("[System Access]");

        String bad = Base64.getEncoder().encodeToString("[System Access]\r\nMinimumPasswordLength = eight\r\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Fact> g = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.builder("win11-ja")
                .section("secedit", "{\"exit\":0,\"b64\":\"" + bad + "\"}").build(), ProbeContext.WINDOWS);
        assertThat(g.get("auth.password.min_length").status()).isEqualTo(FactStatus.ERROR);
        assertThat(g.get("auth.password.min_length").message()).contains("not a number");
        assertThat(g.get("auth.lockout.threshold").message()).contains("no LockoutBadCount");

        Map<String, Fact> h = ProbeTesting.run(new WindowsAuthPolicyProbe(), WindowsFixtureHosts.builder("win11-ja")
                .section("secedit", "{\"exit\":0,\"b64\":\"%%%\"}").build(), ProbeContext.WINDOWS);
        assertThat(h.get("auth.password.history").message()).contains("base64");
    }

    @Test
    void parserKeepsJapaneseValuesOfTheExport() {
        byte[] raw = WindowsFixtureHosts.bytes("win11-ja", "secedit.inf");
        assertThat(raw[0] & 0xFF).isEqualTo(0xFF);
        String text = EncodedText.decode(raw);
        assertThat(text).contains("LegalNoticeCaption=1,\"社外秘\"");
        SeceditPolicy p = SeceditPolicy.parse(text);
        assertThat(p.number("MinimumPasswordLength")).contains(10L);
        assertThat(p.systemAccess()).containsEntry("NewAdministratorName", "Administrator");
        assertThatThrownBy(() -> SeceditPolicy.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
