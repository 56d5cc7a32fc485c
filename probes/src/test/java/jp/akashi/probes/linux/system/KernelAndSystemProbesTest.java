package jp.akashi.probes.linux.system;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/** Kernel parameters, core dumps, /tmp and kernel modules on fixture hosts (Debian 12, RHEL 9 with CIS settings). */
class KernelAndSystemProbesTest {

    /** A Debian 12 host with the kernel's defaults for redirects and a hardening file in sysctl.d. */
    static FixtureHost debian() {
        FixtureHost h = new FixtureHost();
        Map<String, String> running = Map.ofEntries(Map.entry("net/ipv4/ip_forward", "0"),
                Map.entry("net/ipv4/conf/all/accept_redirects", "1"), Map.entry("net/ipv4/conf/default/accept_redirects", "1"),
                Map.entry("net/ipv4/conf/all/send_redirects", "1"), Map.entry("net/ipv4/conf/default/send_redirects", "1"),
                Map.entry("net/ipv4/conf/all/accept_source_route", "0"), Map.entry("net/ipv4/conf/default/accept_source_route", "0"),
                Map.entry("net/ipv4/tcp_syncookies", "1"), Map.entry("kernel/randomize_va_space", "2"),
                Map.entry("kernel/dmesg_restrict", "1"), Map.entry("fs/suid_dumpable", "0"));
        running.forEach((k, v) -> h.file("/proc/sys/" + k, v + "\n"));
        return h.file("/usr/lib/sysctl.d/50-default.conf", "# systemd\nkernel.core_uses_pid = 1\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.accept_source_route = 0\n")
                .file("/etc/sysctl.d/99-hardening.conf", "net.ipv4.conf.all.send_redirects=0\nnet/ipv4/conf/default/send_redirects = 0\n; comment\nfs.suid_dumpable = 2\n")
                .file("/etc/sysctl.conf", "#net.ipv4.ip_forward=1\nfs.suid_dumpable = 0\n");
    }

    @Test
    void runningValuesOneFactEachAndTheBootConfigurationInOrder() {
        Map<String, Fact> f = ProbeTesting.run(new LinuxSysctlProbe(), debian(), ProbeContext.LINUX);
        assertOk(f, "sysctl.net.ipv4.ip_forward", 0L);
        assertOk(f, "sysctl.net.ipv4.conf.all.accept_redirects", 1L);
        assertOk(f, "sysctl.kernel.randomize_va_space", 2L);
        assertThat(f.get("sysctl.net.ipv4.ip_forward").evidence().source()).isEqualTo("file:/proc/sys/net/ipv4/ip_forward");
        // the "-" prefix is read, a glob over interfaces names no watched key, sysctl.conf is applied last
        assertOk(f, "sysctl.configured", Map.of("net.ipv4.conf.all.accept_source_route", 0L, "net.ipv4.conf.all.send_redirects", 0L,
                "net.ipv4.conf.default.send_redirects", 0L, "fs.suid_dumpable", 0L));
        assertThat(f.get("sysctl.configured").evidence().excerpt()).contains("/etc/sysctl.conf: fs.suid_dumpable = 0");
    }

    @Test
    void oneSysctlRunGivesTheRunningValues() {
        String cmd = "sysctl " + String.join(" ", LinuxSysctlProbe.WATCHED);
        FixtureHost h = new FixtureHost().command(cmd, 255, "net.ipv4.ip_forward = 1\nkernel.dmesg_restrict = 0\nfs.suid_dumpable = 2\n",
                "sysctl: cannot stat /proc/sys/net/ipv4/tcp_syncookies: No such file or directory\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxSysctlProbe(), h, ProbeContext.LINUX);
        assertOk(f, "sysctl.net.ipv4.ip_forward", 1L);
        assertOk(f, "sysctl.fs.suid_dumpable", 2L);
        assertThat(f.get("sysctl.kernel.dmesg_restrict").evidence().source()).isEqualTo("cmd:" + cmd);
        assertNotOk(f, "sysctl.net.ipv4.tcp_syncookies", FactStatus.UNSUPPORTED, "cannot stat /proc/sys/net/ipv4/tcp_syncookies");
        assertThat(h.executed()).containsExactly(cmd);
    }

    @Test
    void ipv6SwitchesAndWhetherTheKernelHasIpv6() {
        String cmd = "sysctl " + String.join(" ", LinuxSysctlProbe.WATCHED);
        // Debian 12's defaults: IPv6 on, redirects accepted
        FixtureHost on = new FixtureHost().command(cmd, 0, "net.ipv6.conf.all.disable_ipv6 = 0\nnet.ipv6.conf.all.forwarding = 0\n"
                + "net.ipv6.conf.all.accept_redirects = 1\nnet.ipv6.conf.default.accept_redirects = 1\n", "");
        Map<String, Fact> f = ProbeTesting.run(new LinuxSysctlProbe(), on, ProbeContext.LINUX);
        assertOk(f, "kernel.ipv6", "enabled");
        assertOk(f, "sysctl.net.ipv6.conf.all.accept_redirects", 1L);
        assertThat(f.get("kernel.ipv6").evidence().excerpt()).isEqualTo("net.ipv6.conf.all.disable_ipv6 = 0");

        FixtureHost off = new FixtureHost().command(cmd, 0, "net.ipv6.conf.all.disable_ipv6 = 1\n", "");
        assertOk(ProbeTesting.run(new LinuxSysctlProbe(), off, ProbeContext.LINUX), "kernel.ipv6", "disabled");

        // ipv6.disable=1 on the kernel command line: sysctl complains about every IPv6 switch
        FixtureHost absent = new FixtureHost().command(cmd, 255, "net.ipv4.ip_forward = 0\n",
                "sysctl: cannot stat /proc/sys/net/ipv6/conf/all/disable_ipv6: No such file or directory\n"
                        + "sysctl: cannot stat /proc/sys/net/ipv6/conf/all/forwarding: No such file or directory\n");
        f = ProbeTesting.run(new LinuxSysctlProbe(), absent, ProbeContext.LINUX);
        assertOk(f, "kernel.ipv6", "absent");
        assertThat(f.get("kernel.ipv6").evidence().source()).isEqualTo("cmd:" + cmd);
        assertThat(f.get("kernel.ipv6").evidence().excerpt()).contains("cannot stat /proc/sys/net/ipv6/conf/all/disable_ipv6");
        assertNotOk(f, "sysctl.net.ipv6.conf.all.forwarding", FactStatus.UNSUPPORTED, "net.ipv6.conf.all.forwarding");

        // without the sysctl program the same answers come from /proc/sys
        FixtureHost proc = new FixtureHost().file("/proc/sys/net/ipv6/conf/all/disable_ipv6", "0\n");
        assertOk(ProbeTesting.run(new LinuxSysctlProbe(), proc, ProbeContext.LINUX), "kernel.ipv6", "enabled");
        f = ProbeTesting.run(new LinuxSysctlProbe(), new FixtureHost().file("/proc/sys/net/ipv4/ip_forward", "0\n"), ProbeContext.LINUX);
        assertOk(f, "kernel.ipv6", "absent");
        assertThat(f.get("kernel.ipv6").evidence().source()).isEqualTo("file:/proc/sys/net/ipv6/conf/all/disable_ipv6");
        // nothing readable under /proc/sys proves nothing about IPv6
        assertNotOk(ProbeTesting.run(new LinuxSysctlProbe(), new FixtureHost(), ProbeContext.LINUX), "kernel.ipv6", FactStatus.UNSUPPORTED, "IPv6");
        assertNotOk(ProbeTesting.run(new LinuxSysctlProbe(), new FixtureHost().deniedFile("/proc/sys/net/ipv6/conf/all/disable_ipv6"),
                ProbeContext.LINUX), "kernel.ipv6", FactStatus.ERROR, "IPv6");
    }

    @Test
    void aFileInEtcHidesTheSameNameInUsrLib() {
        FixtureHost h = new FixtureHost()
                .file("/usr/lib/sysctl.d/10-forward.conf", "net.ipv4.ip_forward = 1\n")
                .file("/etc/sysctl.d/10-forward.conf", "net.ipv4.ip_forward = 0\n")
                .file("/usr/lib/sysctl.d/99-late.conf", "kernel.dmesg_restrict = 0\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxSysctlProbe(), h, ProbeContext.LINUX);
        assertOk(f, "sysctl.configured", Map.of("net.ipv4.ip_forward", 0L, "kernel.dmesg_restrict", 0L));
        assertNotOk(f, "sysctl.net.ipv4.ip_forward", FactStatus.UNSUPPORTED, "does not exist");
        assertNotOk(ProbeTesting.run(new LinuxSysctlProbe(), new FixtureHost().file("/proc/sys/kernel/dmesg_restrict", "yes\n"), ProbeContext.LINUX),
                "sysctl.kernel.dmesg_restrict", FactStatus.ERROR, "not a number");
        assertNotOk(ProbeTesting.run(new LinuxSysctlProbe(), new FixtureHost().deniedFile("/etc/sysctl.d/secret.conf"), ProbeContext.LINUX),
                "sysctl.configured", FactStatus.ERROR, "cannot read /etc/sysctl.d/secret.conf");
    }

    @Test
    void coreDumpsFromLimitsAndSystemdCoredump() {
        FixtureHost rhel = new FixtureHost()
                .file("/etc/security/limits.conf", "#*               soft    core            0\n*               hard    core            0\n")
                .file("/etc/security/limits.d/20-nproc.conf", "*          soft    nproc     4096\n")
                .file("/usr/lib/systemd/systemd-coredump", "ELF")
                .file("/etc/systemd/coredump.conf", "[Coredump]\n#Storage=external\n")
                .file("/etc/systemd/coredump.conf.d/50-cis.conf", "[Coredump]\nStorage=none\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxCoreDumpProbe(), rhel, ProbeContext.LINUX);
        assertOk(f, "system.core_dumps.limits_hard_zero", true);
        assertThat(f.get("system.core_dumps.limits_hard_zero").evidence().source()).isEqualTo("file:/etc/security/limits.conf");
        assertOk(f, "system.core_dumps.storage", "none");
        assertThat(f.get("system.core_dumps.storage").evidence().source()).isEqualTo("file:/etc/systemd/coredump.conf.d/50-cis.conf");

        // a later limits.d line raises the limit again; coredump's default storage is external
        FixtureHost raised = rhel.file("/etc/security/limits.d/90-dev.conf", "*  -  core  unlimited\n")
                .file("/etc/systemd/coredump.conf.d/50-cis.conf", "[Coredump]\n");
        f = ProbeTesting.run(new LinuxCoreDumpProbe(), raised, ProbeContext.LINUX);
        assertOk(f, "system.core_dumps.limits_hard_zero", false);
        assertOk(f, "system.core_dumps.storage", "external");
        assertOk(ProbeTesting.run(new LinuxCoreDumpProbe(), new FixtureHost(), ProbeContext.LINUX), "system.core_dumps.storage", "not_installed");
        assertOk(ProbeTesting.run(new LinuxCoreDumpProbe(), new FixtureHost().file("/lib/systemd/systemd-coredump", "ELF")
                .file("/etc/systemd/coredump.conf", "[Coredump]\nProcessSizeMax=0\n"), ProbeContext.LINUX), "system.core_dumps.storage", "none");
    }

    @Test
    void tmpNowAndAtBoot() {
        FixtureHost h = new FixtureHost()
                .file("/proc/self/mounts", "/dev/sda1 / ext4 rw,relatime 0 0\ntmpfs /tmp tmpfs rw,nosuid,nodev,size=2G,inode64 0 0\n")
                .file("/etc/fstab", "UUID=1 / ext4 errors=remount-ro 0 1\ntmpfs /tmp tmpfs defaults,nodev,nosuid,noexec 0 0\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxTmpMountProbe(), h, ProbeContext.LINUX);
        assertOk(f, "system.tmp.separate", true);
        assertOk(f, "system.tmp.options", List.of("inode64", "nodev", "nosuid", "rw", "size=2G"));
        assertOk(f, "system.tmp.configured", true);
        assertOk(f, "system.tmp.configured_options", List.of("defaults", "nodev", "noexec", "nosuid"));

        FixtureHost plain = new FixtureHost().file("/proc/self/mounts", "/dev/sda1 / ext4 rw 0 0\n").file("/etc/fstab", "UUID=1 / ext4 defaults 0 1\n");
        f = ProbeTesting.run(new LinuxTmpMountProbe(), plain, ProbeContext.LINUX);
        assertOk(f, "system.tmp.separate", false);
        assertNotOk(f, "system.tmp.options", FactStatus.UNSUPPORTED, "not a separate file system");
        assertOk(f, "system.tmp.configured", false);

        // Debian 13: tmp.mount enabled from /usr/lib
        FixtureHost trixie = plain.file("/usr/lib/systemd/system/local-fs.target.wants/tmp.mount",
                "[Unit]\nDescription=Temporary Directory /tmp\n[Mount]\nWhat=tmpfs\nWhere=/tmp\nType=tmpfs\nOptions=mode=1777,strictatime,nosuid,nodev,size=50%%,nr_inodes=1m\n");
        f = ProbeTesting.run(new LinuxTmpMountProbe(), trixie, ProbeContext.LINUX);
        assertOk(f, "system.tmp.configured", true);
        assertThat(f.get("system.tmp.configured_options").value()).asList().contains("nosuid", "nodev").doesNotContain("noexec");
    }

    @Test
    void blockedModulesAndMountableFilesystems() {
        FixtureHost h = new FixtureHost()
                .file("/etc/modprobe.d/cis.conf", "install cramfs /bin/true\ninstall freevxfs /bin/false\nblacklist hfsplus\n# blacklist udf\n"
                        + "install usb-storage /sbin/modprobe --ignore-install usb-storage\n")
                .file("/lib/modprobe.d/aliases.conf", "blacklist jffs2\n")
                .file("/proc/filesystems", "nodev\tsysfs\nnodev\ttmpfs\n\text4\n\tsquashfs\n\tvfat\n\tudf\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxKernelModulesProbe(), h, ProbeContext.LINUX);
        assertOk(f, "kernel.modules.blocked", List.of("cramfs", "freevxfs", "hfsplus", "jffs2"));
        assertThat(f.get("kernel.modules.blocked").evidence().excerpt()).contains("install cramfs /bin/true");
        assertOk(f, "kernel.filesystems.available", List.of("sysfs", "tmpfs", "ext4", "squashfs", "vfat", "udf"));
        assertNotOk(ProbeTesting.run(new LinuxKernelModulesProbe(), new FixtureHost(), ProbeContext.LINUX),
                "kernel.filesystems.available", FactStatus.UNSUPPORTED, "/proc/filesystems");
    }
}
