package jp.akashi.probes.windows.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;
import jp.akashi.probes.windows.disk.WindowsBitLockerProbe;
import jp.akashi.probes.windows.net.WindowsListeningProbe;
import jp.akashi.probes.windows.screen.WindowsScreenLockProbe;
import jp.akashi.probes.windows.service.WindowsLegacyServicesProbe;
import jp.akashi.probes.windows.software.WindowsSoftwareProbe;
import jp.akashi.probes.windows.storage.WindowsRemovableStorageProbe;

/** BitLocker, screen lock, removable storage, software, listening ports and legacy services on the three fixture hosts. */
class WindowsHostHardeningTest {
    private final FixtureHost win11 = WindowsFixtureHosts.japaneseWin11();
    private final FixtureHost server = WindowsFixtureHosts.englishServer2022();
    private final FixtureHost win10 = WindowsFixtureHosts.japaneseWin10Unelevated();

    @Test
    void bitLocker() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsBitLockerProbe(), win11, ProbeContext.WINDOWS);
        assertThat(f.get("disk.system_encrypted").value()).isEqualTo(true);
        assertThat(f.get("disk.windows.bitlocker").value()).asString().contains("xts_aes_128").contains("fully_encrypted");
        // BitLocker not installed on the server: no class to ask, not "unencrypted"
        assertThat(ProbeTesting.run(new WindowsBitLockerProbe(), server, ProbeContext.WINDOWS).get("disk.system_encrypted").message())
                .contains("Invalid namespace");
        assertThat(ProbeTesting.run(new WindowsBitLockerProbe(), win10, ProbeContext.WINDOWS).get("disk.system_encrypted").message())
                .contains("アクセスが拒否されました").contains("Administrator");
        var suspended = WindowsFixtureHosts.builder("win11-ja").section("bitlocker",
                "{\"drive\":\"C:\",\"present\":true,\"protection_status\":0,\"conversion_status\":1,\"encryption_method\":7}").build();
        assertThat(ProbeTesting.run(new WindowsBitLockerProbe(), suspended, ProbeContext.WINDOWS).get("disk.system_encrypted").value()).isEqualTo(false);
        var locked = WindowsFixtureHosts.builder("win11-ja").section("bitlocker",
                "{\"drive\":\"C:\",\"present\":true,\"protection_status\":2}").build();
        assertThat(ProbeTesting.run(new WindowsBitLockerProbe(), locked, ProbeContext.WINDOWS).get("disk.system_encrypted").status())
                .isEqualTo(FactStatus.ERROR);
    }

    @Test
    void screenLock() {
        // machine limit 900 s, user's secure screen saver 600 s, sleep 1800 s: the screen saver locks first
        Map<String, Fact> f = ProbeTesting.run(new WindowsScreenLockProbe(), win11, ProbeContext.WINDOWS);
        assertThat(f.get("screen.lock_timeout_seconds").value()).isEqualTo(600L);
        // no user hive loaded, never sleeps, no policy: nothing locks
        assertThat(ProbeTesting.run(new WindowsScreenLockProbe(), server, ProbeContext.WINDOWS).get("screen.lock_timeout_seconds").value())
                .isEqualTo(0L);
        // one user has a policy-enforced 300 s lock, the shared account's screen saver is not secure: the host is as weak as that user
        Map<String, Fact> g = ProbeTesting.run(new WindowsScreenLockProbe(), win10, ProbeContext.WINDOWS);
        assertThat(g.get("screen.lock_timeout_seconds").value()).isEqualTo(0L);
        assertThat(g.get("screen.windows.lock_sources").value()).asString().contains("screensaver_lock_seconds=300");
        var noPower = WindowsFixtureHosts.builder("win11-ja").section("screen",
                "{\"inactivity_policy\":null,\"users\":[],\"power\":{\"error\":\"無効なクラスです\"}}").build();
        assertThat(ProbeTesting.run(new WindowsScreenLockProbe(), noPower, ProbeContext.WINDOWS).get("screen.lock_timeout_seconds").message())
                .contains("無効なクラスです");
    }

    @Test
    void removableStorage() {
        assertThat(ProbeTesting.run(new WindowsRemovableStorageProbe(), win11, ProbeContext.WINDOWS).get("storage.removable_write_blocked").value())
                .isEqualTo(true);
        assertThat(ProbeTesting.run(new WindowsRemovableStorageProbe(), server, ProbeContext.WINDOWS).get("storage.removable_write_blocked").value())
                .isEqualTo(false);
        Map<String, Fact> f = ProbeTesting.run(new WindowsRemovableStorageProbe(), win10, ProbeContext.WINDOWS);
        assertThat(f.get("storage.removable_write_blocked").value()).isEqualTo(true);
        assertThat(f.get("storage.windows.removable_policy").value()).asString().contains("USBSTOR driver disabled");
    }

    @Test
    @SuppressWarnings("unchecked")
    void installedSoftwareFromBothRegistryViews() {
        List<Map<String, Object>> sw = (List<Map<String, Object>>) ProbeTesting.run(new WindowsSoftwareProbe(), win11, ProbeContext.WINDOWS)
                .get("software.installed").value();
        assertThat(sw).extracting(m -> m.get("name")).containsExactly("Lhaplus", "Microsoft 365 Apps for enterprise - ja-jp",
                "Microsoft Edge", "TeamViewer", "Zoom Workplace", "サクラエディタ");
        assertThat(sw.get(5)).containsEntry("vendor", "サクラエディタ開発チーム").containsEntry("installed_at", "2026-04-12");
        assertThat(sw.get(4)).containsEntry("scope", "user");
        List<Map<String, Object>> ja = (List<Map<String, Object>>) ProbeTesting.run(new WindowsSoftwareProbe(), win10, ProbeContext.WINDOWS)
                .get("software.installed").value();
        // Office security update (ParentKeyName) left out; a non-yyyyMMdd date is not guessed
        assertThat(ja).extracting(m -> m.get("name")).containsExactly("Adobe Acrobat Reader DC - Japanese", "ウイルスバスター コーポレートエディション", "一太郎2023");
        assertThat(ja.get(0)).doesNotContainKey("installed_at");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listeningSocketsWithOwningProcessesAndServices() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsListeningProbe(), win11, ProbeContext.WINDOWS);
        List<Map<String, Object>> s = (List<Map<String, Object>>) f.get("net.listening").value();
        assertThat(s).hasSize(11);
        assertThat(s).filteredOn(m -> m.get("port").equals(135L) && m.get("proto").equals("tcp")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("process", "svchost").containsEntry("services", List.of("RpcEptMapper", "RpcSs")));
        assertThat(s).filteredOn(m -> m.get("proto").equals("tcp6")).hasSize(2);
        // 5939 listens on loopback only
        assertThat(f.get("net.listening_ports").value()).isEqualTo(List.of(135L, 139L, 445L, 5040L, 49664L));
        var bad = WindowsFixtureHosts.builder("win11-ja").section("listening", "{\"tcp\":[{\"address\":\"0.0.0.0\",\"port\":70000}],\"udp\":[]}").build();
        assertThat(ProbeTesting.run(new WindowsListeningProbe(), bad, ProbeContext.WINDOWS).get("net.listening").status()).isEqualTo(FactStatus.ERROR);
        var none = WindowsFixtureHosts.builder("win11-ja").section("listening", "{\"tcp\":[],\"udp\":[]}").build();
        assertThat(ProbeTesting.run(new WindowsListeningProbe(), none, ProbeContext.WINDOWS).get("net.listening_ports").value()).isEqualTo(List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void legacyServices() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsLegacyServicesProbe(), win11, ProbeContext.WINDOWS);
        assertThat(f.get("service.windows.smb1_server_enabled").value()).isEqualTo(false);
        assertThat(f.get("service.windows.smb1_client_enabled").value()).isEqualTo(false);
        assertThat(f.get("service.windows.rdp_enabled").value()).isEqualTo(false);
        assertThat((List<Map<String, Object>>) f.get("service.windows.risky_services").value()).extracting(m -> m.get("name"))
                .containsExactly("RemoteRegistry");

        Map<String, Fact> s = ProbeTesting.run(new WindowsLegacyServicesProbe(), server, ProbeContext.WINDOWS);
        assertThat(s.get("service.windows.rdp_enabled").value()).isEqualTo(true);
        assertThat(s.get("service.windows.rdp_nla_required").value()).isEqualTo(true);
        assertThat((List<Map<String, Object>>) s.get("service.windows.risky_services").value()).extracting(m -> m.get("name"))
                .containsExactly("ftpsvc", "SNMP", "RemoteRegistry");

        Map<String, Fact> w = ProbeTesting.run(new WindowsLegacyServicesProbe(), win10, ProbeContext.WINDOWS);
        assertThat(w.get("service.windows.smb1_server_enabled").status()).isEqualTo(FactStatus.ERROR);
        assertThat(w.get("service.windows.smb1_client_enabled").value()).isEqualTo(true);
        assertThat(w.get("service.windows.rdp_nla_required").value()).isEqualTo(false);
    }
}
