package jp.akashi.probes.linux.patch;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.MapMemo;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxPatchProbeTest {
    static final String DPKG = String.join(" ", InstalledPackages.DPKG_QUERY);
    static final String RPM = String.join(" ", InstalledPackages.RPM_QUERY);

    private static String fx(String name) {
        return LinuxFixtures.text("patch", name);
    }

    /** A Debian 12 host as this machine is: lists present, unattended-upgrades not configured. */
    static FixtureHost debian() {
        return new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(DPKG, 0, fx("debian-12-dpkg-query.txt"))
                .command("apt-get update", 0, "")
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "x", Instant.parse("2026-07-11T10:16:00Z"))
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "x")
                .file("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4", "x")
                .file("/var/lib/apt/periodic/update-success-stamp", "", Instant.parse("2026-11-19T06:00:00Z"))
                .command("apt list --upgradable", 0, fx("debian-12-apt-list-upgradable.txt"),
                        "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n")
                .command("date +%z", 0, "+0900\n")
                .file("/var/log/dpkg.log", fx("debian-12-dpkg.log"))
                .command("apt-config dump", 0, fx("debian-12-apt-config-dump.txt"))
                .command("systemctl is-enabled apt-daily-upgrade.timer", 0, "enabled\n")
                .directory("/run/systemd/system", Instant.parse("2026-11-18T00:00:00Z"));
    }

    static String inRelease(String suite, String date, String validUntil) {
        return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Debian\nSuite: " + suite + "\nDate: " + date + "\n"
                + (validUntil == null ? "" : "Valid-Until: " + validUntil + "\n")
                + "SHA256:\n e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0 main/Contents-amd64\n";
    }

    /**
     * Issue 14 §1: a daily apt-get update that always fails touches partial/ (and may touch the
     * directory), which looked like fresh lists. The lists' own Release dates decide.
     */
    @Test
    void aFailedUpdateTouchingPartialIsNotAFreshList() {
        FixtureHost failing = debian()
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease",
                        inRelease("oldstable", "Sat, 10 Oct 2026 09:12:00 UTC", null), Instant.parse("2026-10-10T09:12:00Z"))
                .file("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease",
                        inRelease("oldstable-security", "Mon, 19 Oct 2026 19:40:00 UTC", "Mon, 26 Oct 2026 19:40:00 UTC"),
                        Instant.parse("2026-10-19T19:40:00Z"))
                .directory("/var/lib/apt/lists/partial", Instant.parse("2026-11-20T02:00:00Z"))
                .directory("/var/lib/apt/lists", Instant.parse("2026-11-20T02:00:00Z"))
                .file("/var/lib/apt/periodic/update-success-stamp", "", Instant.parse("2026-10-19T20:00:00Z"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), failing, ProbeContext.LINUX);
        // the expired security list shows the stamp's success was the last one; its Date is what the host holds
        assertOk(f, "patch.lists_updated_at", "2026-10-19T19:40:00Z");
        assertThat(f.get("patch.lists_updated_at").evidence().source()).endsWith("bookworm-security_InRelease");
        assertThat(f.get("patch.lists_updated_at").evidence().excerpt()).contains("Valid-Until").contains("partial/");
        // a success stamp newer than every Date, with nothing expired, is the fetch time
        FixtureHost ok = debian()
                .file("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease",
                        inRelease("oldstable-security", "Thu, 19 Nov 2026 01:40:00 UTC", "Thu, 26 Nov 2026 01:40:00 UTC"))
                .directory("/var/lib/apt/lists/partial", Instant.parse("2026-11-20T02:00:00Z"));
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), ok, ProbeContext.LINUX), "patch.lists_updated_at", "2026-11-19T06:00:00Z");
        // nothing but partial/: unknown
        FixtureHost none = debian().directory("/var/lib/apt/lists/partial", Instant.parse("2026-11-20T02:00:00Z"))
                .remove("/var/lib/apt/periodic/update-success-stamp");
        assertNotOk(ProbeTesting.run(new LinuxPatchProbe(), none, ProbeContext.LINUX), "patch.lists_updated_at", FactStatus.ERROR,
                "when the lists were fetched is unknown");
    }

    /**
     * Issue 14 §1: pending security updates stayed UNKNOWN for 14 days because apt gives no release
     * dates; the Release file that lists them and the downloaded .deb date them on the first collection.
     */
    @Test
    void pendingSecurityUpdatesAreDatedFromWhatTheHostHolds() {
        FixtureHost host = debian()
                .file("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease",
                        inRelease("oldstable-security", "Thu, 19 Nov 2026 01:40:00 UTC", null));
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        // listed in a Release dated yesterday: published at least 1 day ago, nothing more is proven
        assertOk(f, "patch.pending_security_min_age_days", 1L);
        // apt 2.6.2's .deb was downloaded long ago: apt kept the server's Last-Modified
        host.file("/var/cache/apt/archives/apt_2.6.2_amd64.deb", "deb", Instant.parse("2026-10-01T08:00:00Z"));
        Map<String, Fact> g = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        assertOk(g, "patch.pending_security_min_age_days", 49L);
        assertThat(g.get("patch.pending_security_min_age_days").evidence().source()).isEqualTo("stat:/var/cache/apt/archives/apt_2.6.2_amd64.deb");
        // no Release Date and nothing cached: no date source
        assertNotOk(ProbeTesting.run(new LinuxPatchProbe(), debian(), ProbeContext.LINUX), "patch.pending_security_min_age_days",
                FactStatus.UNSUPPORTED, "no date source");
    }

    /** Issue 14 §1: automatic updates configured, but the scheduler that runs them cannot be seen. */
    @Test
    void autoUpdateNeedsASchedulerThatIsSeen() {
        String dpkg = fx("debian-12-dpkg-query.txt") + "install ok installed\tunattended-upgrades\t2.9.1+nmu3\tall\n";
        FixtureHost noSystemctl = debian().remove("systemctl is-enabled apt-daily-upgrade.timer");
        noSystemctl.command(DPKG, 0, dpkg).command("apt-config dump", 0, fx("debian-12-apt-config-dump-unattended.txt"));
        assertNotOk(ProbeTesting.run(new LinuxPatchProbe(), noSystemctl, ProbeContext.LINUX), "patch.auto_update_enabled",
                FactStatus.ERROR, "could not be checked");
        // no systemd (a container, sysvinit): cron runs apt-compat
        FixtureHost cron = debian().remove("/run/systemd/system");
        cron.command(DPKG, 0, dpkg).command("apt-config dump", 0, fx("debian-12-apt-config-dump-unattended.txt"))
                .file("/etc/cron.daily/apt-compat", "#!/bin/sh\n")
                .command("ps -e -o args=", 0, "/sbin/init\n/usr/sbin/cron -f\n");
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), cron, ProbeContext.LINUX), "patch.auto_update_enabled", true);
        cron.command("ps -e -o args=", 0, "/bin/sh /entrypoint.sh\n");
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), cron, ProbeContext.LINUX), "patch.auto_update_enabled", false);
    }

    @Test
    void debianFromListsOnTheHost() {
        FixtureHost host = debian();
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);

        assertOk(f, "patch.manager", "apt");
        assertOk(f, "patch.installed_count", 720L);
        assertOk(f, "patch.pending_count", 135L);
        assertOk(f, "patch.pending_security_count", 81L);
        assertThat((List<?>) f.get("patch.pending_security").value()).hasSize(81)
                .first().isEqualTo(Map.of("name", "apt-transport-https", "version", "2.6.2",
                        "source", "oldstable-security", "installed_version", "2.6.1"));
        assertNotOk(f, "patch.pending_security_oldest_days", FactStatus.UNSUPPORTED, "do not state when");
        assertOk(f, "patch.lists_updated_at", "2026-11-19T06:00:00Z");
        // dpkg.log is local time (+09:00 here)
        assertOk(f, "patch.last_install_at", "2026-11-21T18:04:29Z");
        assertOk(f, "patch.auto_update_enabled", false);
        assertThat(host.executed()).doesNotContain("apt-get update").noneMatch(c -> c.contains("update") && c.startsWith("apt"));
    }

    @Test
    void refreshRunsOnlyWhenAsked() {
        FixtureHost host = debian();
        ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX, Map.of("patch.refresh", "true"));
        assertThat(host.executed()).contains("apt-get update");
    }

    @Test
    void unattendedUpgradesNeedsPackageSettingAndTimer() {
        String dpkg = fx("debian-12-dpkg-query.txt") + "install ok installed\tunattended-upgrades\t2.9.1+nmu3\tall\n";
        FixtureHost on = debian().command(DPKG, 0, dpkg)
                .command("apt-config dump", 0, fx("debian-12-apt-config-dump-unattended.txt"));
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), on, ProbeContext.LINUX), "patch.auto_update_enabled", true);

        FixtureHost timerOff = debian().command(DPKG, 0, dpkg)
                .command("apt-config dump", 0, fx("debian-12-apt-config-dump-unattended.txt"))
                .command("systemctl is-enabled apt-daily-upgrade.timer", 1, "disabled\n");
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), timerOff, ProbeContext.LINUX), "patch.auto_update_enabled", false);

        FixtureHost noPackage = debian().command("apt-config dump", 0, fx("debian-12-apt-config-dump-unattended.txt"));
        assertOk(ProbeTesting.run(new LinuxPatchProbe(), noPackage, ProbeContext.LINUX), "patch.auto_update_enabled", false);
    }

    @Test
    void noListsMeansUnknownNotZero() {
        FixtureHost host = new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(DPKG, 0, fx("debian-12-dpkg-query.txt"))
                .command("apt-get update", 0, "")
                .command("apt list --upgradable", 0, "Listing...\n")
                .command("apt-config dump", 0, fx("debian-12-apt-config-dump.txt"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        assertNotOk(f, "patch.pending_count", FactStatus.ERROR, "no package lists");
        assertNotOk(f, "patch.pending_security_count", FactStatus.ERROR, "no package lists");
        assertNotOk(f, "patch.lists_updated_at", FactStatus.ERROR, "never downloaded");
        // neither dpkg.log nor the info directory: no guess
        assertNotOk(f, "patch.last_install_at", FactStatus.ERROR, "dpkg.log");
    }

    @Test
    void listsWithoutSecuritySuiteCannotTellSecurityUpdates() {
        FixtureHost noSec = new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(DPKG, 0, fx("debian-12-dpkg-query.txt"))
                .command("apt-get update", 0, "")
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "x")
                .command("apt list --upgradable", 0, fx("debian-12-apt-list-upgradable.txt"))
                .command("apt-config dump", 0, fx("debian-12-apt-config-dump.txt"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), noSec, ProbeContext.LINUX);
        assertOk(f, "patch.pending_count", 135L);
        assertNotOk(f, "patch.pending_security_count", FactStatus.ERROR, "no security suite");
    }

    @Test
    void failingOrGarbledAptIsAnError() {
        FixtureHost timeout = debian().hangingCommand("apt list --upgradable");
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), timeout, ProbeContext.LINUX);
        assertNotOk(f, "patch.pending_count", FactStatus.ERROR, "timed out");

        FixtureHost garbled = debian().command("apt list --upgradable", 0, "Listing...\nbash 5.2 [upgradable from: ???\n");
        assertNotOk(ProbeTesting.run(new LinuxPatchProbe(), garbled, ProbeContext.LINUX),
                "patch.pending_security", FactStatus.ERROR, "not understood");
    }

    static FixtureHost rocky() {
        return new FixtureHost()
                .command(RPM, 0, fx("rocky-9-rpm-qa.txt"))
                .command("dnf -q makecache", 0, "")
                .command("dnf -C -q check-update", 100, fx("rocky-9-dnf-check-update.txt"))
                .command("dnf -C -q updateinfo list --security", 0, fx("rocky-9-updateinfo-list-security.txt"))
                .command("dnf -C -q updateinfo info --security", 0, fx("rocky-9-updateinfo-info-security.txt"))
                .file("/var/cache/dnf/baseos-a6e1bcd3c8c4e3b6/repodata/repomd.xml", "<repomd/>", Instant.parse("2026-11-19T22:10:00Z"))
                .file("/var/cache/dnf/baseos-a6e1bcd3c8c4e3b6/repodata/3a1d4c-updateinfo.xml.gz", "x")
                .file("/var/cache/dnf/appstream-1f2e3d4c5b6a7988/repodata/repomd.xml", "<repomd/>", Instant.parse("2026-11-18T22:10:00Z"))
                .file("/etc/dnf/automatic.conf", fx("rocky-9-dnf-automatic.conf"))
                .command("systemctl is-enabled dnf-automatic.timer", 0, "enabled\n")
                .command("systemctl is-enabled dnf-automatic-install.timer", 1, "disabled\n");
    }

    @Test
    void rockyFromTheMetadataCacheOnly() {
        FixtureHost host = rocky();
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);

        assertOk(f, "patch.manager", "dnf");
        assertOk(f, "patch.installed_count", 10L);
        assertOk(f, "patch.pending_count", 13L);
        // 4 kernel packages, 3 openssh, bind-libs and bind-license
        assertOk(f, "patch.pending_security_count", 9L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sec = (List<Map<String, Object>>) f.get("patch.pending_security").value();
        Map<String, Object> kernel = sec.stream().filter(m -> m.get("name").equals("kernel")).findFirst().orElseThrow();
        assertThat(kernel).containsEntry("source", "RLSA-2024:4349,RLSA-2024:5101")
                .containsEntry("severity", "Important").containsEntry("issued", "2024-07-08")
                .containsEntry("version", "5.14.0-427.28.1.el9_4");
        // oldest: RLSA-2024:4349 issued 2024-07-08, collected 2026-11-20
        assertOk(f, "patch.pending_security_oldest_days", 865L);
        assertOk(f, "patch.lists_updated_at", "2026-11-19T22:10:00Z");
        assertOk(f, "patch.last_install_at", Instant.ofEpochSecond(1719907214).toString());
        assertOk(f, "patch.auto_update_enabled", true);
        assertThat(host.executed()).filteredOn(c -> c.startsWith("dnf")).allMatch(c -> c.startsWith("dnf -C "));
    }

    @Test
    void dnfRefreshOnlyWhenAsked() {
        FixtureHost host = rocky();
        ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX, Map.of("patch.refresh", "true"));
        assertThat(host.executed()).contains("dnf -q makecache");
    }

    @Test
    void dnfWithoutCacheIsAnError() {
        FixtureHost host = rocky().command("dnf -C -q check-update", 1, "",
                "Error: Cache-only enabled but no cache for 'baseos'\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        assertNotOk(f, "patch.pending_count", FactStatus.ERROR, "no cache for 'baseos'");
        assertNotOk(f, "patch.pending_security_oldest_days", FactStatus.ERROR, "exit 1");
    }

    @Test
    void reposWithoutAdvisoriesCannotTellSecurityUpdates() {
        FixtureHost host = new FixtureHost()
                .command(RPM, 0, fx("rocky-9-rpm-qa.txt"))
                .command("dnf -C -q check-update", 100, fx("rocky-9-dnf-check-update.txt"))
                .command("dnf -C -q updateinfo list --security", 0, "")
                .file("/var/cache/dnf/baseos-a6e1bcd3c8c4e3b6/repodata/repomd.xml", "<repomd/>");
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        assertOk(f, "patch.pending_count", 13L);
        assertNotOk(f, "patch.pending_security_count", FactStatus.ERROR, "no advisory metadata");
        // dnf-automatic is installed but its configuration file is missing
        assertNotOk(f, "patch.auto_update_enabled", FactStatus.UNSUPPORTED, "/etc/dnf/automatic.conf");
    }

    @Test
    void amazonLinux2WithYum() {
        FixtureHost host = new FixtureHost()
                .command(RPM, 0, "kernel\t(none)\t4.14.336\t257.568.amzn2\tx86_64\t1709000000\tAmazon Linux\n")
                .command("yum -C -q check-update", 100, fx("amzn2-yum-check-update.txt"))
                .command("yum -C -q updateinfo list security", 0, fx("amzn2-yum-updateinfo-list-security.txt"))
                .command("yum -C -q updateinfo info security", 0, fx("amzn2-yum-updateinfo-info-security.txt"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), host, ProbeContext.LINUX);
        assertOk(f, "patch.manager", "yum");
        assertOk(f, "patch.pending_security_count", 2L);
        // ALAS2-2024-2500 issued 2024-03-13
        assertOk(f, "patch.pending_security_oldest_days", 982L);
        assertOk(f, "patch.auto_update_enabled", false);
        assertNotOk(f, "patch.lists_updated_at", FactStatus.ERROR, "no cached repository metadata");
    }

    @Test
    void noPackageManagerAtAll() {
        Map<String, Fact> f = ProbeTesting.run(new LinuxPatchProbe(), new FixtureHost(), ProbeContext.LINUX);
        assertThat(f).hasSize(LinuxPatchProbe.KEYS.size());
        assertThat(f.values()).allSatisfy(x -> assertThat(x.status()).isEqualTo(FactStatus.UNSUPPORTED));
    }

    /**
     * Issue 18 §1: where apt keeps no binary cache, {@code apt list --upgradable} was most of every
     * collection (0.85 s of 1.2 s) though nothing it reads had changed. Its answer is reused while
     * the dpkg database, the lists and apt's configuration are unchanged, and the evidence says so.
     */
    @Test
    void pendingUpdatesAreReusedWhileWhatAptReadsIsUnchanged() {
        FixtureHost host = debian();
        MapMemo memo = new MapMemo();
        Map<String, Fact> first = runWith(host, memo, Map.of());
        Map<String, Fact> second = runWith(host, memo, Map.of());
        assertThat(host.executed().stream().filter(c -> c.equals("apt list --upgradable"))).hasSize(1);
        for (String k : List.of("patch.pending_count", "patch.pending_security_count", "patch.pending_security")) {
            assertThat(second.get(k).value()).as(k).isEqualTo(first.get(k).value());
            assertThat(second.get(k).status()).as(k).isEqualTo(FactStatus.OK);
        }
        assertThat(first.get("patch.pending_count").evidence().excerpt()).doesNotContain("reused");
        assertThat(second.get("patch.pending_count").evidence().excerpt()).contains("reused", ProbeTesting.NOW.toString());
        assertThat(second.get("patch.pending_security").evidence().excerpt()).contains("reused");

        host.file("/var/lib/dpkg/status", "Package: bash\nPackage: apt\n");   // a package was installed
        assertThat(runWith(host, memo, Map.of()).get("patch.pending_count").evidence().excerpt()).doesNotContain("reused");
        assertThat(host.executed().stream().filter(c -> c.equals("apt list --upgradable"))).hasSize(2);

        // a requested refresh always asks apt again
        runWith(host, memo, Map.of("patch.refresh", "true"));
        assertThat(host.executed().stream().filter(c -> c.equals("apt list --upgradable"))).hasSize(3);
    }

    /** The same for dnf: three Python starts per collection while nothing they read changed. */
    @Test
    void dnfAnswersAreReusedWhileTheRpmDatabaseAndMetadataAreUnchanged() {
        FixtureHost host = rocky().file("/var/lib/rpm/rpmdb.sqlite", "db");
        MapMemo memo = new MapMemo();
        Map<String, Fact> first = runWith(host, memo, Map.of());
        Map<String, Fact> second = runWith(host, memo, Map.of());
        assertThat(host.executed().stream().filter(c -> c.startsWith("dnf -C"))).hasSize(3);
        for (String k : List.of("patch.pending_count", "patch.pending_security_count", "patch.pending_security",
                "patch.pending_security_oldest_days")) {
            assertThat(second.get(k).status()).as(k).isEqualTo(FactStatus.OK);
            assertThat(second.get(k).value()).as(k).isEqualTo(first.get(k).value());
            assertThat(second.get(k).evidence().excerpt()).as(k).contains("reused");
        }
        assertThat(second.get("patch.pending_count").value()).isEqualTo(13L);   // exit 100 (updates pending) is an answer

        host.file("/var/lib/rpm/rpmdb.sqlite", "db after an install");
        runWith(host, memo, Map.of());
        host.file("/var/cache/dnf/baseos-a6e1bcd3c8c4e3b6/repodata/repomd.xml", "<repomd/>", Instant.parse("2026-11-20T01:00:00Z"));
        runWith(host, memo, Map.of());
        assertThat(host.executed().stream().filter(c -> c.startsWith("dnf -C"))).hasSize(9);

        // a failing dnf (a held lock, a broken cache) is asked again every time
        FixtureHost broken = rocky().command("dnf -C -q check-update", 1, "", "Error: Cache-only enabled but no cache");
        runWith(broken, memo, Map.of());
        runWith(broken, memo, Map.of());
        assertThat(broken.executed().stream().filter(c -> c.equals("dnf -C -q check-update"))).hasSize(2);
    }

    private static Map<String, Fact> runWith(FixtureHost host, MapMemo memo, Map<String, String> options) {
        List<Fact> facts = new jp.akashi.probes.api.ProbeRunner(List.of(new LinuxPatchProbe()))
                .run(new ProbeContext(host, ProbeTesting.CLOCK, ProbeContext.LINUX, options, memo));
        Map<String, Fact> m = new java.util.LinkedHashMap<>();
        facts.forEach(f -> m.put(f.key(), f));
        return m;
    }
}
