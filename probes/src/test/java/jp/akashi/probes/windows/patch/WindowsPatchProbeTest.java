package jp.akashi.probes.windows.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.util.Json;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsPatchProbeTest {

    @Test
    @SuppressWarnings("unchecked")
    void japaneseWindows11PendingSecurityUpdatesWithSeverityAndAge() {
        FixtureHost host = WindowsFixtureHosts.japaneseWin11();
        Map<String, Fact> f = ProbeTesting.run(new WindowsPatchProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("patch.manager").value()).isEqualTo("windows-update");
        assertThat(f.get("patch.installed_count").value()).isEqualTo(4L);
        assertThat((List<String>) f.get("patch.windows.hotfixes").value()).contains("KB5046633", "KB5045935");
        // Defender definition update left out; the Intel driver-class update is pending but not security
        assertThat(f.get("patch.pending_count").value()).isEqualTo(3L);
        assertThat(f.get("patch.pending_security_count").value()).isEqualTo(2L);
        List<Map<String, Object>> sec = (List<Map<String, Object>>) f.get("patch.pending_security").value();
        assertThat(sec).extracting(m -> m.get("kb")).containsExactly("KB5046633", "KB5044033");
        assertThat(sec).extracting(m -> m.get("severity")).containsExactly("critical", "important");
        assertThat(sec.get(0).get("name")).asString().contains("累積更新プログラム");
        assertThat(sec.get(1).get("issued")).isEqualTo("2026-10-08T17:00:00Z");
        assertThat(f.get("patch.pending_security_oldest_days").value()).isEqualTo(42L);
        // the failed cumulative update and the Defender definitions do not count as installs
        assertThat(f.get("patch.last_install_at").value()).isEqualTo("2026-11-13T11:03:27Z");
        assertThat(f.get("patch.lists_updated_at").value()).isEqualTo("2026-11-19T22:12:40Z");
        assertThat(f.get("patch.auto_update_enabled").value()).isEqualTo(true);
        assertThat((Map<String, Object>) f.get("patch.windows.update_policy").value()).containsEntry("service_start_mode", "Manual")
                .extractingByKey("decided_by").asString().contains("by default");
        // no network search unless patch.refresh=true
        assertThat(host.executed()).contains(String.join(" ", WindowsPatchProbe.scanScript(false).argv()))
                .doesNotContain(String.join(" ", WindowsPatchProbe.scanScript(true).argv()));
    }

    @Test
    void serverWithWsusPolicyAndNothingPending() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsPatchProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(f.get("patch.pending_count").value()).isEqualTo(0L);
        assertThat(f.get("patch.pending_security").value()).isEqualTo(List.of());
        assertThat(f.get("patch.pending_security_oldest_days").value()).isEqualTo(0L);
        assertThat(f.get("patch.auto_update_enabled").value()).isEqualTo(true);
        assertThat(f.get("patch.windows.update_policy").value()).asString().contains("AUOptions = 4").contains("wsus01.corp.example.com");
        assertThat(f.get("patch.last_install_at").value()).isEqualTo("2026-11-14T03:05:52Z");
    }

    @Test
    void pausedUpdatesUndatedPendingUpdateAndEmptyHistory() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsPatchProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        assertThat(f.get("patch.auto_update_enabled").value()).isEqualTo(false);
        assertThat(f.get("patch.windows.update_policy").value()).asString().contains("paused until 2026-12-04T03:00:00Z");
        assertThat(f.get("patch.pending_security_count").value()).isEqualTo(2L);
        assertThat(f.get("patch.pending_security_oldest_days").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("patch.pending_security_oldest_days").message()).contains("KB5046613").contains("no release date");
        // empty WU history: the agent's own LastInstallationSuccessDate is used
        assertThat(f.get("patch.last_install_at").value()).isEqualTo("2026-10-10T02:15:02Z");
    }

    @Test
    void onlineSearchOnlyWithTheOption() {
        FixtureHost host = WindowsFixtureHosts.japaneseWin11();
        Map<String, Fact> f = ProbeTesting.run(new WindowsPatchProbe(), host, ProbeContext.WINDOWS, Map.of("patch.refresh", "true"));
        assertThat(host.executed()).contains(String.join(" ", WindowsPatchProbe.scanScript(true).argv()));
        // the fixture host has no online scan output: the pending facts say so instead of guessing
        assertThat(f.get("patch.pending_count").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("patch.installed_count").value()).isEqualTo(4L);
    }

    @Test
    void failedSearchOrMalformedScanGivesErrors() {
        String failed = "{\"schema\":1,\"sections\":{\"pending\":{\"error\":\"HRESULT からの例外:0x8024402C\",\"id\":\"COMException\",\"hresult\":\"0x8024402C\"},"
                + "\"history\":{\"total\":0,\"items\":[]}}}";
        Map<String, Fact> f = ProbeTesting.run(new WindowsPatchProbe(),
                WindowsFixtureHosts.builder("win11-ja").rawScan(failed).build(), ProbeContext.WINDOWS);
        assertThat(f.get("patch.pending_count").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("patch.pending_count").message()).contains("0x8024402C");

        String aborted = "{\"schema\":1,\"sections\":{\"pending\":{\"online\":false,\"result_code\":5,\"items\":[]},\"history\":{}}}";
        Map<String, Fact> g = ProbeTesting.run(new WindowsPatchProbe(),
                WindowsFixtureHosts.builder("win11-ja").rawScan(aborted).build(), ProbeContext.WINDOWS);
        assertThat(g.get("patch.pending_security_count").message()).contains("ResultCode 5");
        assertThat(g.get("patch.last_install_at").value()).as("falls back on LastInstallationSuccessDate").isEqualTo("2026-11-13T11:03:27Z");

        Map<String, Fact> h = ProbeTesting.run(new WindowsPatchProbe(),
                WindowsFixtureHosts.builder("win11-ja").rawScan("").build(), ProbeContext.WINDOWS);
        assertThat(h.get("patch.pending_security").status()).isEqualTo(FactStatus.ERROR);
        assertThat(h.get("patch.pending_security").message()).contains("PowerShell printed nothing");
    }

    @Test
    void autoUpdatePolicyPrecedence() throws Exception {
        assertThat(decide("{\"policy\":{\"NoAutoUpdate\":1,\"AUOptions\":4}}", true).enabled()).isFalse();
        assertThat(decide("{\"policy\":{\"AUOptions\":3}}", true).enabled()).isFalse();
        assertThat(decide("{\"policy\":{\"AUOptions\":5},\"notification_level\":4}", false).enabled()).isTrue();
        assertThat(decide("{\"mdm\":{\"AllowAutoUpdate\":5}}", true).enabled()).isFalse();
        assertThat(decide("{\"mdm\":{\"AllowAutoUpdate\":2}}", false).enabled()).isTrue();
        assertThat(decide("{\"notification_level\":2}", true).enabled()).isFalse();
        assertThat(decide("{\"notification_level\":0}", true).enabled()).isTrue();
        AutoUpdatePolicy server = decide("{\"notification_level\":0}", false);
        assertThat(server.enabled()).isNull();
        assertThat(server.reason()).contains("Server");
        assertThat(decide("{}", null).enabled()).isNull();
    }

    private static AutoUpdatePolicy decide(String json, Boolean client) throws Exception {
        JsonNode n = Json.mapper().readTree(json);
        return AutoUpdatePolicy.decide(n, null, client, ProbeTesting.NOW);
    }
}
