package jp.akashi.probes.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.macos.account.MacAccountProbe;
import jp.akashi.probes.macos.auth.MacAuthPolicyProbe;
import jp.akashi.probes.macos.auth.PwPolicy;
import jp.akashi.probes.macos.av.MacAvProbe;
import jp.akashi.probes.macos.disk.MacFileVaultProbe;
import jp.akashi.probes.macos.firewall.MacFirewallProbe;
import jp.akashi.probes.macos.net.MacListeningProbe;
import jp.akashi.probes.macos.os.MacOsProbe;
import jp.akashi.probes.macos.os.MacSystemInfo;
import jp.akashi.probes.macos.patch.MacPatchProbe;
import jp.akashi.probes.macos.patch.MacUpdates;
import jp.akashi.probes.macos.screen.MacScreenLock;
import jp.akashi.probes.macos.screen.MacScreenLockProbe;
import jp.akashi.probes.macos.software.MacApplications;
import jp.akashi.probes.macos.software.MacSoftwareProbe;
import jp.akashi.probes.macos.storage.MacRemovableStorageProbe;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.util.PlistXml;

class MacProbesTest {
    private final FixtureHost mac = MacFixtureHosts.japaneseSonoma();

    private Map<String, Fact> run(jp.akashi.probes.api.Probe p) {
        return ProbeTesting.run(p, mac, ProbeContext.MACOS);
    }

    @Test
    void osIdentity() {
        Map<String, Fact> f = run(new MacOsProbe());
        assertThat(f.get("os.family").value()).isEqualTo("macos");
        assertThat(f.get("os.name").value()).isEqualTo("macOS");
        assertThat(f.get("os.version").value()).isEqualTo("14.5");
        assertThat(f.get("os.macos.build").value()).isEqualTo("23F79");
        assertThat(f.get("os.macos.major").value()).isEqualTo(14L);
        assertThat(f.get("os.macos.codename").value()).isEqualTo("Sonoma");
        assertThat(f.get("os.kernel").value()).isEqualTo("23.5.0");
        assertThat(f.get("os.arch").value()).isEqualTo("arm64");
        assertThat(f.get("os.hostname").value()).isEqualTo("MBP-Yamada.local");
        assertThat(f.get("os.machine_id").value()).isEqualTo("6A1C3F2E-9B7D-5E44-A1C2-3D4E5F607182");
        assertThat(f.get("os.hardware.vendor").value()).isEqualTo("Apple Inc.");
        assertThat(f.get("os.hardware.model").value()).isEqualTo("MacBookPro18,3");
        assertThat(f.get("os.virtualization").value()).isEqualTo("none");
        assertThat(f.get("os.uptime_seconds").value()).isEqualTo(86399L);
        assertThat(MacSystemInfo.virtualization("1", "VirtualMac2,1")).isEqualTo("apple");
        assertThat(MacSystemInfo.virtualization("1", "VMware20,1")).isEqualTo("vmware");
        assertThat(MacSystemInfo.virtualization("", "x")).isNull();
        assertThat(MacSystemInfo.major("10.15.7")).isEqualTo(10);
        assertThat(MacSystemInfo.bootTime("garbage")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pendingUpdatesFromTheLastBackgroundCheck() {
        Map<String, Fact> f = run(new MacPatchProbe());
        assertThat(f.get("patch.manager").value()).isEqualTo("softwareupdate");
        assertThat(f.get("patch.installed_count").value()).isEqualTo(8L);
        assertThat(f.get("patch.pending_count").value()).isEqualTo(3L);
        // 14.7.1 and Safari are security-relevant; the upgrade to Sequoia is not
        List<Map<String, Object>> sec = (List<Map<String, Object>>) f.get("patch.pending_security").value();
        assertThat(sec).extracting(m -> m.get("name")).containsExactly("macOS Sonoma 14.7.1", "Safari");
        assertThat(f.get("patch.pending_security_oldest_days").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("patch.lists_updated_at").value()).isEqualTo("2026-11-19T22:41:05Z");
        assertThat(f.get("patch.last_install_at").value()).isEqualTo("2026-11-18T09:44:02Z");
        assertThat(f.get("patch.auto_update_enabled").value()).isEqualTo(false);
        assertThat((Map<String, Object>) f.get("patch.macos.update_settings").value()).containsEntry("AutomaticallyInstallMacOSUpdates", false)
                .containsEntry("managed", false);
        assertThat(mac.executed()).noneMatch(c -> c.startsWith("softwareupdate"));
    }

    @Test
    void softwareupdateListOnlyWithTheOption() {
        FixtureHost h = MacFixtureHosts.japaneseSonoma().command("softwareupdate --list", 0,
                "Software Update Tool\n\nFinding available software\nSoftware Update found the following new or updated software:\n"
                        + "* Label: macOS Sonoma 14.7.1-23H222\n\tTitle: macOS Sonoma 14.7.1, Version: 14.7.1, Size: 1573213KiB, Recommended: YES, Action: restart, \n");
        Map<String, Fact> f = ProbeTesting.run(new MacPatchProbe(), h, ProbeContext.MACOS, Map.of("patch.refresh", "true"));
        assertThat(f.get("patch.pending_count").value()).isEqualTo(1L);
        assertThat(f.get("patch.pending_security_count").value()).isEqualTo(1L);
        assertThat(MacUpdates.softwareupdateList("Software Update Tool\n\nFinding available software\n", "No new software available.\n")).isEmpty();
        assertThatThrownBy(() -> MacUpdates.softwareupdateList("", "Cannot connect")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void xprotectAndCrowdStrike() {
        Map<String, Fact> f = run(new MacAvProbe());
        List<Map<String, Object>> p = (List<Map<String, Object>>) f.get("av.products").value();
        assertThat(p).extracting(m -> m.get("name")).containsExactly("XProtect", "CrowdStrike Falcon");
        assertThat(p.get(0)).containsEntry("version", "5279").containsEntry("realtime", true);
        assertThat(f.get("av.edr_installed").value()).isEqualTo(true);
        assertThat(f.get("av.realtime_enabled").value()).isEqualTo(true);
        assertThat(f.get("av.signature_updated_at").value()).isEqualTo("2026-11-12T18:02:55Z");
        assertThat(f.get("av.signature_age_hours").value()).isEqualTo(176L);
        assertThat(f.get("av.last_scan_at").status()).isEqualTo(FactStatus.ERROR);
    }

    @Test
    void firewallPolicyAccountsDiskScreenStorage() {
        Map<String, Fact> fw = run(new MacFirewallProbe());
        assertThat(fw.get("firewall.product").value()).isEqualTo("macos-alf");
        assertThat(fw.get("firewall.enabled").value()).isEqualTo(true);
        assertThat(fw.get("firewall.default_inbound").value()).isEqualTo("deny");
        assertThat(fw.get("firewall.macos.settings").value()).isEqualTo(Map.of("global_state", 1L, "block_all", false, "stealth", true, "allow_signed", true));

        Map<String, Fact> a = run(new MacAuthPolicyProbe());
        assertThat(a.get("auth.password.min_length").value()).isEqualTo(8L);
        assertThat(a.get("auth.password.complexity_classes").value()).isEqualTo(2L);
        assertThat(a.get("auth.password.max_age_days").value()).isEqualTo(180L);
        assertThat(a.get("auth.password.history").value()).isEqualTo(5L);
        assertThat(a.get("auth.lockout.threshold").value()).isEqualTo(10L);
        assertThat(a.get("auth.lockout.duration_seconds").value()).isEqualTo(900L);

        Map<String, Fact> ac = run(new MacAccountProbe());
        assertThat(ac.get("account.admins").value()).isEqualTo(List.of("root", "yamada_t", "it-admin"));
        assertThat(ac.get("account.admin_count").value()).isEqualTo(3L);
        assertThat(ac.get("account.uid0").value()).isEqualTo(List.of("root"));
        assertThat(ac.get("account.builtin_admin_enabled").value()).isEqualTo(false);
        assertThat(ac.get("account.guest_enabled").value()).isEqualTo(false);

        assertThat(run(new MacFileVaultProbe()).get("disk.system_encrypted").value()).isEqualTo(true);
        assertThat(MacFileVaultProbe.status("Encryption in progress: Percent completed = 52.3\n")).isEqualTo("encrypting");
        assertThat(MacFileVaultProbe.status("FileVault is Off, but will be enabled after the next restart.")).isEqualTo("pending");
        assertThat(MacFileVaultProbe.status("")).isNull();

        // display sleeps after 10 min on AC power, then the lock follows 300 s later
        assertThat(run(new MacScreenLockProbe()).get("screen.lock_timeout_seconds").value()).isEqualTo(900L);
        assertThat(MacScreenLock.lockDelay("screenLock is off")).isEqualTo(-1L);
        assertThat(MacScreenLock.lockDelay("sysadminctl: Error")).isNull();

        assertThat(run(new MacRemovableStorageProbe()).get("storage.removable_write_blocked").value()).isEqualTo(false);
        assertThat(MacRemovableStorageProbe.blocked(Map.of("harddisk-external", List.of("read-only")))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listeningSocketsAndApplications() {
        Map<String, Fact> n = run(new MacListeningProbe());
        List<Map<String, Object>> s = (List<Map<String, Object>>) n.get("net.listening").value();
        assertThat(s).hasSize(10);
        assertThat(s).noneMatch(m -> m.get("process").equals("falcond"));
        assertThat(n.get("net.listening_ports").value()).isEqualTo(List.of(22L, 7000L, 49152L));

        List<Map<String, Object>> apps = (List<Map<String, Object>>) run(new MacSoftwareProbe()).get("software.installed").value();
        assertThat(apps).extracting(m -> m.get("name")).containsExactly("ATOK環境設定", "Falcon", "LINE", "Microsoft Word", "Safari");
        assertThat(apps.get(0)).containsEntry("vendor", "JUSTSYSTEMS CORPORATION");
        assertThat(apps.get(4)).containsEntry("vendor", "Apple");
        assertThat(apps.get(2)).doesNotContainKey("vendor");
        assertThatThrownBy(() -> MacApplications.parse("{\"SPApplicationsDataType\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacApplications.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokenOrMissingToolsGiveErrorsNotGuesses() {
        FixtureHost empty = new FixtureHost();
        List<Fact> facts = new ProbeRunner(HostProbes.all()).run(new ProbeContext(empty, ProbeTesting.CLOCK, ProbeContext.MACOS, Map.of()));
        assertThat(facts).filteredOn(f -> !f.key().equals("os.family") && !f.key().equals("patch.manager")
                && !f.key().equals("storage.removable_write_blocked")).allSatisfy(f -> {
                    assertThat(f.ok()).as(f.key()).isFalse();
                    assertThat(f.message()).isNotBlank();
                });

        FixtureHost broken = MacFixtureHosts.japaneseSonoma().command("pwpolicy getaccountpolicies", 0, "<plist><dict><key>x</key></dict></plist>")
                .command("fdesetup status", 0, "\n").command("/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate", 0, "?")
                .command("lsof -nP -iTCP -sTCP:LISTEN", 0, "lsof: WARNING");
        Map<String, Fact> a = ProbeTesting.run(new MacAuthPolicyProbe(), broken, ProbeContext.MACOS);
        assertThat(a.get("auth.password.min_length").status()).isEqualTo(FactStatus.ERROR);
        assertThat(ProbeTesting.run(new MacFileVaultProbe(), broken, ProbeContext.MACOS).get("disk.system_encrypted").status()).isEqualTo(FactStatus.ERROR);
        assertThat(ProbeTesting.run(new MacFirewallProbe(), broken, ProbeContext.MACOS).get("firewall.enabled").status()).isEqualTo(FactStatus.ERROR);
        assertThat(ProbeTesting.run(new MacListeningProbe(), broken, ProbeContext.MACOS).get("net.listening").status()).isEqualTo(FactStatus.ERROR);
    }

    @Test
    void pwpolicyWithoutPoliciesMeansNothingEnforced() {
        PwPolicy p = PwPolicy.parse("Getting global account policies\nNo global policies are set.\n");
        assertThat(p.minLength()).isZero();
        assertThat(p.lockoutSeconds()).isNull();
        PwPolicy mixed = PwPolicy.parse("<plist version=\"1.0\"><dict><key>policyCategoryPasswordContent</key><array><dict><key>policyParameters</key>"
                + "<dict><key>minimumMixedCaseCharacters</key><integer>1</integer><key>minimumSymbols</key><integer>1</integer></dict></dict></array></dict></plist>");
        assertThat(mixed.complexityClasses()).isEqualTo(3L);
    }

    @Test
    void plistReaderTypesAndRejects() {
        Object o = PlistXml.parse("noise\n<?xml version=\"1.0\"?><!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"
                + "<plist version=\"1.0\"><dict><key>d</key><date>2026-01-02T03:04:05Z</date><key>n</key><integer>-3</integer>"
                + "<key>r</key><real>1.5</real><key>b</key><data>AAE=</data><key>名前</key><string>山田</string><key>a</key><array><true/><false/></array></dict></plist>");
        Map<String, Object> m = (Map<String, Object>) o;
        assertThat(m.get("d")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(m.get("n")).isEqualTo(-3L);
        assertThat(m.get("r")).isEqualTo(1.5);
        assertThat((byte[]) m.get("b")).containsExactly(0, 1);
        assertThat(m.get("名前")).isEqualTo("山田");
        assertThat(m.get("a")).isEqualTo(List.of(true, false));
        assertThatThrownBy(() -> PlistXml.parse("<plist><dict><key>x</key></dict></plist>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlistXml.parse("<plist><integer>x</integer></plist>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlistXml.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeMacReportHasRegisteredTypes() {
        List<Fact> facts = new ProbeRunner(HostProbes.all()).run(new ProbeContext(MacFixtureHosts.japaneseSonoma(), ProbeTesting.CLOCK, ProbeContext.MACOS, Map.of()));
        Map<String, Fact> f = facts.stream().collect(Collectors.toMap(Fact::key, x -> x));
        FactRegistry reg = FactRegistry.get();
        assertThat(f).containsKeys("os.macos.major", "av.products", "net.listening", "auth.lockout.threshold", "firewall.enabled",
                "account.admins", "disk.system_encrypted", "screen.lock_timeout_seconds", "software.installed", "time.sync.service");
        for (Fact x : facts) {
            assertThat(reg.contains(x.key())).as(x.key()).isTrue();
            if (x.ok()) {
                assertThat(reg.typeMatches(x.key(), x.value())).as(x.key() + " = " + x.value()).isTrue();
            }
        }
        assertThat(facts).filteredOn(x -> !x.ok()).extracting(Fact::key)
                .containsExactlyInAnyOrder("patch.pending_security_oldest_days", "av.last_scan_at", "time.sync.synchronized");
    }
}
