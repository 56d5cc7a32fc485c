package jp.akashi.probes.windows.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsAvProbeTest {

    @Test
    @SuppressWarnings("unchecked")
    void defenderOnJapaneseWindows11IsMergedWithItsSecurityCenterEntry() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        List<Map<String, Object>> products = (List<Map<String, Object>>) f.get("av.products").value();
        assertThat(products).hasSize(1);
        assertThat(products.get(0)).containsEntry("name", "Microsoft Defender Antivirus").containsEntry("realtime", true)
                .containsEntry("signature_up_to_date", true).containsEntry("source", "Get-MpComputerStatus");
        assertThat(f.get("av.installed").value()).isEqualTo(true);
        assertThat(f.get("av.running").value()).isEqualTo(true);
        assertThat(f.get("av.realtime_enabled").value()).isEqualTo(true);
        assertThat(f.get("av.signature_updated_at").value()).isEqualTo("2026-11-19T20:41:13Z");
        assertThat(f.get("av.signature_age_hours").value()).isEqualTo(6L);
        assertThat(f.get("av.last_scan_at").value()).isEqualTo("2026-11-19T03:27:52Z");
        // the Sense service ships with Windows; stopped and not onboarded it is no EDR
        assertThat(f.get("av.edr_installed").value()).isEqualTo(false);
        assertThat((Map<String, Object>) f.get("av.windows.defender").value()).containsEntry("running_mode", "Normal")
                .containsEntry("tamper_protected", true).containsEntry("mde_onboarded", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverWithoutSecurityCenterUsesDefenderAndEdrServices() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        List<Map<String, Object>> products = (List<Map<String, Object>>) f.get("av.products").value();
        assertThat(products).extracting(m -> m.get("name")).containsExactly("Microsoft Defender Antivirus", "CrowdStrike Falcon");
        assertThat(products.get(1)).containsEntry("kind", "edr").containsEntry("running", true).doesNotContainKey("realtime");
        assertThat(f.get("av.edr_installed").value()).isEqualTo(true);
        assertThat(f.get("av.realtime_enabled").value()).isEqualTo(true);
        assertThat(f.get("av.last_scan_at").value()).isEqualTo("2026-11-16T02:00:41Z");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thirdPartyProductFromSecurityCenterWithDefenderSwitchedOff() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        List<Map<String, Object>> products = (List<Map<String, Object>>) f.get("av.products").value();
        // Defender seen through its stopped service; Trend Micro once, from Security Center (its ntrtscan service is the same product)
        assertThat(products).extracting(m -> m.get("name")).containsExactly("Microsoft Defender Antivirus", "ウイルスバスター コーポレートエディション");
        assertThat(products.get(0)).containsEntry("running", false).containsEntry("source", "service:WinDefend");
        assertThat(products.get(1)).containsEntry("realtime", true).containsEntry("signature_up_to_date", true);
        assertThat(f.get("av.realtime_enabled").value()).isEqualTo(true);
        assertThat(f.get("av.signature_updated_at").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("av.signature_updated_at").message()).contains("ウイルスバスター").contains("signatures up to date: true");
        assertThat(f.get("av.windows.defender").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("av.windows.defender").message()).contains("0x800106ba");
    }

    @Test
    void nothingFoundWhileSourcesFailedIsNotReportedAsAbsent() {
        String failed = "{\"error\":\"アクセスが拒否されました。\",\"id\":\"HRESULT 0x80041003\",\"hresult\":\"0x80131500\"}";
        var host = WindowsFixtureHosts.builder("win11-ja").section("services", failed).section("defender", failed)
                .section("security_center", failed).build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), host, ProbeContext.WINDOWS);
        for (String k : List.of("av.products", "av.installed", "av.running", "av.realtime_enabled", "av.edr_installed")) {
            assertThat(f.get(k).status()).as(k).isEqualTo(FactStatus.ERROR);
            assertThat(f.get(k).message()).contains("アクセスが拒否されました");
        }
        assertThat(f.get("av.signature_updated_at").status()).isEqualTo(FactStatus.UNSUPPORTED);
    }

    @Test
    void noProductAtAllOnAFullyReadHostIsFalse() {
        var host = WindowsFixtureHosts.builder("server2022-en").section("services", "{\"items\":[]}")
                .section("defender", "{\"error\":\"The term 'Get-MpComputerStatus' is not recognized\",\"id\":\"CommandNotFoundException\",\"hresult\":\"0x80131501\"}").build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("av.installed").value()).isEqualTo(false);
        assertThat(f.get("av.running").value()).isEqualTo(false);
        assertThat(f.get("av.realtime_enabled").value()).isEqualTo(false);
        assertThat(f.get("av.windows.defender").status()).isEqualTo(FactStatus.UNSUPPORTED);
    }

    @Test
    void passiveDefenderBesideAnEdrDoesNotSpeakForTheHost() {
        String passive = "{\"am_service_enabled\":true,\"antivirus_enabled\":false,\"realtime\":true,\"running_mode\":\"Passive Mode\","
                + "\"signature_updated\":\"2026-09-01T00:00:00Z\",\"quick_scan_end\":null,\"full_scan_end\":null}";
        var host = WindowsFixtureHosts.builder("server2022-en").section("defender", passive).build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsAvProbe(), host, ProbeContext.WINDOWS);
        // CrowdStrike runs but does not report real-time state or signature dates
        assertThat(f.get("av.realtime_enabled").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("av.realtime_enabled").message()).contains("CrowdStrike Falcon");
        assertThat(f.get("av.signature_updated_at").value()).as("running products only").isEqualTo("2026-09-01T00:00:00Z");
    }

    @ParameterizedTest
    @CsvSource({"397568, true, true", "397584, true, false", "393472, false, true", "266240, true, true",
            "262144, false, true", "393216, false, true", "401664, false, true", "462864, true, false"})
    void productStateBits(long state, boolean enabled, boolean upToDate) {
        SecurityCenterState s = SecurityCenterState.decode(state);
        assertThat(s.enabled()).isEqualTo(enabled);
        assertThat(s.upToDate()).isEqualTo(upToDate);
    }
}
