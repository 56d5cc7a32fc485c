package jp.akashi.probes.linux.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.LinuxFixtures;

class PatchParsersTest {

    private static String fx(String name) {
        return LinuxFixtures.text("patch", name);
    }

    @ParameterizedTest
    @CsvSource({
            "debian-12-apt-list-upgradable.txt, 135, 81",
            "ubuntu-2204-apt-list-upgradable.txt, 11, 7",
            "ubuntu-2404-apt-list-upgradable.txt, 11, 3",
    })
    void aptListSeparatesSecurityPocket(String fixture, int pending, int security) {
        AptUpgradable.Result r = AptUpgradable.parse(fx(fixture));
        assertThat(r.unparsed()).isZero();
        assertThat(r.upgrades()).hasSize(pending);
        assertThat(r.security()).hasSize(security);
    }

    @Test
    void aptListLineFields() {
        AptUpgradable.Upgrade u = AptUpgradable.parse(fx("ubuntu-2204-apt-list-upgradable.txt")).upgrades().get(0);
        assertThat(u.name()).isEqualTo("libssl3");
        assertThat(u.suites()).containsExactly("jammy-updates", "jammy-security");
        assertThat(u.version()).isEqualTo("3.0.2-0ubuntu1.18");
        assertThat(u.installed()).isEqualTo("3.0.2-0ubuntu1.15");
        assertThat(u.security()).isTrue();
        // Debian names the archive, not the codename; oldstable-security is still the security pocket
        assertThat(AptUpgradable.parse("krb5-locales/oldstable,oldstable-security 1.20.1-2+deb12u5 all [upgradable from: 1.20.1-2+deb12u3]")
                .security()).hasSize(1);
    }

    @Test
    void aptListCountsLinesItDoesNotUnderstand() {
        AptUpgradable.Result r = AptUpgradable.parse("Listing...\nfoo 1.0 [upgradable from: 0.9\nbar/stable 2 amd64 [upgradable from: 1]\n");
        assertThat(r.unparsed()).isEqualTo(1);
        assertThat(r.upgrades()).hasSize(1);
        assertThat(AptUpgradable.parse("").upgrades()).isEmpty();
        assertThat(AptUpgradable.parse(null).upgrades()).isEmpty();
    }

    @Test
    void dpkgLogLastInstallOrUpgradeInHostTime() {
        var e = DpkgLog.lastInstall(fx("ubuntu-2204-dpkg.log"), ZoneOffset.ofHours(9)).orElseThrow();
        // the later "remove" is not an installation
        assertThat(e.line()).contains("install htop:amd64");
        assertThat(e.at()).isEqualTo(Instant.parse("2026-11-11T21:41:07Z"));
        var d = DpkgLog.lastInstall(fx("debian-12-dpkg.log"), ZoneOffset.UTC).orElseThrow();
        assertThat(d.line()).isEqualTo("2026-11-22 03:04:29 install snmp:amd64 <none> 5.9.3+dfsg-2+deb12u1");
        assertThat(DpkgLog.lastInstall("2026-13-40 99:00:00 install x:amd64 <none> 1\ngarbage", ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aptPeriodicValues() {
        Map<String, String> off = AptConfig.parse(fx("debian-12-apt-config-dump.txt"));
        assertThat(off.get("APT::Architecture")).isEqualTo("amd64");
        assertThat(AptConfig.periodicOn(off.get("APT::Periodic::Unattended-Upgrade"))).isFalse();
        Map<String, String> on = AptConfig.parse(fx("debian-12-apt-config-dump-unattended.txt"));
        assertThat(AptConfig.periodicOn(on.get("APT::Periodic::Unattended-Upgrade"))).isTrue();
        assertThat(AptConfig.periodicOn("always")).isTrue();
        assertThat(AptConfig.periodicOn("0")).isFalse();
        assertThat(AptConfig.periodicOn("")).isFalse();
    }

    @Test
    void dnfCheckUpdateJoinsWrappedLinesAndSkipsObsoletes() {
        List<DnfCheckUpdate.Update> u = DnfCheckUpdate.parse(fx("rocky-9-dnf-check-update.txt"));
        assertThat(u).hasSize(13);
        assertThat(u).extracting(DnfCheckUpdate.Update::name)
                .contains("python3-dnf-plugin-post-transaction-actions", "tzdata").doesNotContain("grub2-tools");
        assertThat(u.get(0)).isEqualTo(new DnfCheckUpdate.Update("NetworkManager", "x86_64", "1:1.46.0-13.el9_4", "baseos"));
        assertThat(DnfCheckUpdate.parse(fx("amzn2-yum-check-update.txt"))).hasSize(2);
    }

    @Test
    void dnfAdvisoryListAndDates() {
        List<DnfAdvisories.Advisory> list = DnfAdvisories.parseList(fx("rocky-9-updateinfo-list-security.txt"));
        assertThat(list).hasSize(13);
        assertThat(list).contains(new DnfAdvisories.Advisory("RLSA-2024:4584", "Moderate", "bind-libs", "32:9.16.23-18.el9_4.6", "x86_64"));
        Map<String, DnfAdvisories.Details> info = DnfAdvisories.parseInfo(fx("rocky-9-updateinfo-info-security.txt"));
        assertThat(info).hasSize(4);
        assertThat(info.get("RLSA-2024:4457").issued()).isEqualTo(LocalDate.of(2024, 7, 11));
        assertThat(info.get("RLSA-2024:4584").severity()).isEqualTo("Moderate");
    }

    @Test
    void yumAdvisoriesPreferIssuedOverUpdated() {
        List<DnfAdvisories.Advisory> list = DnfAdvisories.parseList(fx("amzn2-yum-updateinfo-list-security.txt"));
        assertThat(list).extracting(DnfAdvisories.Advisory::name).containsExactly("kernel", "openssl-libs");
        assertThat(list.get(1).version()).isEqualTo("1:1.0.2k-24.amzn2.0.12");
        Map<String, DnfAdvisories.Details> info = DnfAdvisories.parseInfo(fx("amzn2-yum-updateinfo-info-security.txt"));
        assertThat(info.get("ALAS2-2024-2500").issued()).isEqualTo(LocalDate.of(2024, 3, 13));
        assertThat(info.get("ALAS2-2024-2511").severity()).isEqualTo("medium");
    }

    @Test
    void malformedAdvisoryOutputGivesNothingNotAnException() {
        assertThat(DnfAdvisories.parseList("RHSA-1 Important/Sec. not-a-nevra\nonly two\n\u0000\u0001")).isEmpty();
        assertThat(DnfAdvisories.parseInfo("  Update ID : X\n    Updated : yesterday\n")).containsKey("X");
        assertThat(DnfAdvisories.parseInfo("  Update ID : X\n    Updated : yesterday\n").get("X").issued()).isNull();
        assertThat(DnfCheckUpdate.parse("Error: Cache-only enabled but no cache for 'baseos'\n")).isEmpty();
    }

    @Test
    void packageDatabases() {
        List<InstalledPackages.Package> deb = InstalledPackages.parseDpkg(fx("debian-12-dpkg-query.txt")
                + "deinstall ok config-files\thtop\t3.2.2-2\tamd64\n");
        assertThat(deb).hasSize(720).extracting(InstalledPackages.Package::name).contains("bash", "apt").doesNotContain("htop");
        List<InstalledPackages.Package> rpm = InstalledPackages.parseRpm(fx("rocky-9-rpm-qa.txt"));
        assertThat(rpm).hasSize(10).extracting(InstalledPackages.Package::name).doesNotContain("gpg-pubkey");
        InstalledPackages.Package nm = rpm.stream().filter(p -> p.name().equals("NetworkManager")).findFirst().orElseThrow();
        assertThat(nm.version()).isEqualTo("1:1.46.0-9.el9_4");
        assertThat(nm.installedAt()).isEqualTo(Instant.ofEpochSecond(1715339160));
        assertThat(nm.vendor()).isEqualTo("Rocky Enterprise Software Foundation");
        assertThat(InstalledPackages.parseRpm("garbage\n\t\t\n")).isEmpty();
    }
}
