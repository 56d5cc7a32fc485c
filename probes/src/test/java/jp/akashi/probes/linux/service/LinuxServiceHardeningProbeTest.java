package jp.akashi.probes.linux.service;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/** Issue 14 §3: brute-force blockers, legacy servers installed and world-writable system files. */
class LinuxServiceHardeningProbeTest {
    private static final String PS = String.join(" ", LegacyServers.PGREP);
    private static final String DPKG = String.join(" ", InstalledPackages.lookupCommand("dpkg", LegacyServers.PACKAGES));
    private static final String RPM = String.join(" ", InstalledPackages.lookupCommand("rpm", LegacyServers.PACKAGES));
    private static final String FIND = String.join(" ", WorldWritable.command(List.of("/etc", "/usr/bin", "/usr/sbin", "/usr/lib/systemd", "/usr/local")));

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxServiceHardeningProbe(), host, ProbeContext.LINUX);
    }

    private static FixtureHost systemDirs(FixtureHost h) {
        for (String d : List.of("/etc", "/usr/bin", "/usr/sbin", "/usr/lib/systemd", "/usr/local")) {
            h.file(d + "/.keep", "");
        }
        return h;
    }

    @Test
    void debianWithFail2banAndTelnetd() {
        FixtureHost host = systemDirs(new FixtureHost())
                .file("/var/lib/dpkg/status", "")
                .command(PS, 0, LinuxFixtures.text("service", "debian-12-pgrep.txt"))
                .command(DPKG, 1, "install ok installed\tinetutils-telnetd\t2:2.4-2+deb12u1\tamd64\n"
                        + "install ok installed\ttftpd-hpa\t5.2+20150808-1.4\tamd64\n", "dpkg-query: no packages found matching telnetd\n")
                .command(FIND, 0, "");
        Map<String, Fact> f = run(host);
        assertOk(f, "service.bruteforce_protection", List.of("fail2ban"));
        assertOk(f, "service.legacy_installed", List.of("inetutils-telnetd", "tftpd-hpa"));
        assertThat(f.get("service.legacy_installed").evidence().excerpt()).contains("inetutils-telnetd 2:2.4-2+deb12u1");
        assertOk(f, "file.world_writable_system", List.of());
    }

    @Test
    void rhelWithWorldWritableFilesAndNothingElse() {
        FixtureHost host = systemDirs(new FixtureHost())
                .command("rpm -q", 0, "")
                .command(PS, 1, "")
                .command(RPM, LegacyServers.PACKAGES.size(), "package telnetd is not installed\n")
                .command(FIND, 1, LinuxFixtures.text("service", "rhel-9-find-world-writable.txt"),
                        "find: '/etc/ssl/private': Permission denied\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "service.bruteforce_protection", List.of());
        assertOk(f, "service.legacy_installed", List.of());
        assertOk(f, "file.world_writable_system", List.of("/etc/cron.daily/backup", "/usr/local/bin/deploy.sh",
                "/usr/lib/systemd/system/app.service"));
        assertThat(f.get("file.world_writable_system").evidence().excerpt()).contains("could not be read");
    }

    @Test
    void aScanThatTimesOutWithoutFindingsIsUnknown() {
        FixtureHost host = systemDirs(new FixtureHost()).hangingCommand(FIND);
        Map<String, Fact> f = run(host);
        assertNotOk(f, "file.world_writable_system", FactStatus.ERROR, "timed out");
        // no ps, no package database: errors, never an empty "nothing runs"
        assertThat(f.get("service.bruteforce_protection").status()).isNotEqualTo(FactStatus.OK);
        assertNotOk(f, "service.legacy_installed", FactStatus.ERROR, "no package database");
    }

    @Test
    void findOutputIsBounded() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("/etc/x").append(i).append('\n');
        }
        assertThat(WorldWritable.parse(sb.toString())).hasSize(WorldWritable.MAX_LISTED);
        assertThat(WorldWritable.parse("find: '/x': Permission denied\n/etc/a\n")).containsExactly("/etc/a");
    }
}
