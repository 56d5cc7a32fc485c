package jp.akashi.probes.windows.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.ProbeMessages;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsLogProbeTest {

    @Test
    @SuppressWarnings("unchecked")
    void japaneseWindows11LogsAuditAndForwarding() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsLogProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertThat(f.get("log.auth.oldest_entry_at").value()).isEqualTo("2026-09-14T06:14:09.518293100Z");
        assertThat(f.get("log.auth.oldest_age_days").value()).isEqualTo(66L);
        // Security log full (20975616 of 20971520 bytes): it holds exactly the 66 days it shows
        assertThat(f.get("log.auth.retention_days").value()).isEqualTo(66L);
        assertThat((Map<String, Object>) f.get("log.windows.security").value()).containsEntry("retention_mode", "overwrite")
                .containsEntry("max_size_bytes", 20971520L).containsEntry("records", 28674L);
        // System log a quarter full after 232 days: about 927 days at that rate
        assertThat(f.get("log.system.oldest_entry_at").value()).isEqualTo("2026-04-02T01:10:02.486Z");
        assertThat(f.get("log.system.retention_days").value()).isEqualTo(927L);
        assertThat(f.get("log.audit.enabled").value()).isEqualTo(true);
        assertThat((Map<String, Object>) f.get("log.windows.audit_policy").value()).containsEntry("logon", "success_and_failure")
                .containsEntry("account_lockout", "failure").containsEntry("logoff", "success");
        assertThat(f.get("log.audit.enabled").evidence().excerpt()).contains("ログオン");
        assertThat(f.get("log.forwarding.enabled").value()).isEqualTo(true);
        assertThat(f.get("log.forwarding.targets").value()).isEqualTo(List.of("wec01.corp.example.co.jp:5985/http"));
    }

    @Test
    void archivedSecurityLogHasNoDayCountAndShipperTargetsAreUnknown() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsLogProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(f.get("log.auth.retention_days").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("log.auth.retention_days").message()).contains("archive mode");
        assertThat(f.get("log.windows.security").value()).asString().contains("retention_mode=archive");
        assertThat(f.get("log.auth.oldest_age_days").value()).isEqualTo(17L);
        assertThat(f.get("log.system.retention_days").value()).isEqualTo(113L);
        assertThat(f.get("log.forwarding.enabled").value()).isEqualTo(true);
        assertThat(f.get("log.forwarding.targets").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("log.forwarding.targets").message()).contains("SplunkForwarder");
    }

    @Test
    void unelevatedHostCannotReadTheSecurityLogButReadsTheSystemLog() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsLogProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        for (String k : List.of("log.auth.oldest_entry_at", "log.auth.oldest_age_days", "log.auth.retention_days", "log.windows.security")) {
            assertThat(f.get(k).status()).as(k).isEqualTo(FactStatus.ERROR);
            assertThat(f.get(k).message()).contains("exit 5").contains("アクセスが拒否されました");
        }
        assertThat(f.get("log.system.oldest_entry_at").value()).isEqualTo("2026-08-30T01:22:05.113998200Z");
        assertThat(f.get("log.system.retention_days").value()).isEqualTo(82L);
        assertThat(f.get("log.audit.enabled").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("log.audit.enabled").message()).contains("auditpol").contains("Administrator");
        assertThat(f.get("log.forwarding.enabled").value()).isEqualTo(false);
        assertThat(f.get("log.forwarding.targets").value()).isEqualTo(List.of());
    }

    @Test
    void renderedEventXmlWithJapaneseTextIsReadByItsSystemTime() {
        String rendered = FixtureHost.resource("/fixtures/windows/events/qe-system-renderedxml-ja.xml");
        assertThat(rendered).contains("Culture='ja-JP'").contains("イベント ログ サービスが開始されました");
        assertThat(EventLogState.oldest(rendered)).contains(Instant.parse("2026-03-01T00:03:41.6020000Z"));
    }

    @Test
    void eventParsersRejectWhatIsNotTheirFormat() {
        assertThat(EventLogState.oldest("")).isEmpty();
        assertThat(EventLogState.oldest("\r\n")).isEmpty();
        assertThatThrownBy(() -> EventLogState.oldest("<Event><System></System></Event>")).hasMessageContaining("TimeCreated");
        assertThatThrownBy(() -> EventLogState.oldest("<Event><System><TimeCreated SystemTime='昨日'/></System></Event>"))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> EventLogState.oldest("<Event><System>")).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> EventLogState.config("<log/>")).hasMessageContaining("channel");
        assertThatThrownBy(() -> EventLogState.config("<channel name='x'><logging><retention>false</retention></logging></channel>"))
                .hasMessageContaining("maxSize");
        assertThatThrownBy(() -> EventLogState.config("<!DOCTYPE channel [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><channel>&x;</channel>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLogState.info("attributes: 32")).hasMessageContaining("fileSize");
    }

    @Test
    void wevtutilOutputThatArrivedAsUtf16IsRecovered() {
        String xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><TimeCreated SystemTime='2026-01-02T03:04:05.0000000Z'/></System></Event>";
        byte[] utf16 = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE);
        String asUtf8 = new String(utf16, StandardCharsets.UTF_8);
        assertThat(EventLogState.oldest(asUtf8)).contains(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void retentionEstimates() {
        Instant now = ProbeTesting.NOW;
        EventLogState.Config overwrite = new EventLogState.Config(true, 1000, "overwrite");
        assertThat(RetentionEstimate.of(overwrite, new EventLogState.Info(1000, 1L), now.minusSeconds(10 * 86400), now).days()).isEqualTo(10L);
        assertThat(RetentionEstimate.of(overwrite, new EventLogState.Info(500, 1L), now.minusSeconds(10 * 86400), now).days()).isEqualTo(20L);
        assertThat(ProbeMessages.get().english(RetentionEstimate.of(overwrite, new EventLogState.Info(500, 1L), now.minusSeconds(3600), now).errorWhy())).contains("less than a day");
        assertThat(ProbeMessages.get().english(RetentionEstimate.of(overwrite, new EventLogState.Info(500, 1L), null, now).errorWhy())).contains("no event");
        assertThat(ProbeMessages.get().english(RetentionEstimate.of(new EventLogState.Config(true, 1000, "retain"), new EventLogState.Info(1, 1L), now, now).unsupportedWhy()))
                .contains("stops recording");
    }

    @Test
    void auditPolicyByGuidAndNumber() {
        String csv = "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\r\n"
                + "PC1,System,\"ログオン\",{0CCE9215-69AE-11D9-BED3-505054503030},監査なし,,0\r\n";
        Map<String, Integer> p = AuditPolicy.parse(csv);
        assertThat(p).containsEntry(AuditPolicy.LOGON, 0);
        assertThat(AuditPolicy.name(0)).isEqualTo("none");
        assertThatThrownBy(() -> AuditPolicy.parse("Machine Name,Policy Target\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditPolicy.split("a,\"b,\"\"c\"\"\",d")).containsExactly("a", "b,\"c\"", "d");
    }
}
