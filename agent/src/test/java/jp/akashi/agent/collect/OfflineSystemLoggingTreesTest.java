package jp.akashi.agent.collect;

import static jp.akashi.agent.collect.ImageTrees.collect;
import static jp.akashi.agent.collect.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * A hardened RHEL 9 image collected offline through the real probes: what its files configure
 * (sysctl.d, fstab, modprobe.d, limits, rsyslog, audit rules, the units enabled at boot, AIDE) is
 * read; what only the running system knows (/proc/sys, mounts, processes, timedatectl, rpm -V,
 * find) is unsupported with the reason.
 */
class OfflineSystemLoggingTreesTest {
    @TempDir
    Path dir;

    private Path rhelImage() throws IOException {
        Path root = dir.resolve("rhel9");
        write(root, "etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nVERSION_ID=\"9.4\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n");
        write(root, "etc/sysctl.d/60-cis.conf", "net.ipv4.ip_forward = 0\nnet.ipv4.conf.all.send_redirects = 0\nkernel.randomize_va_space = 2\n");
        write(root, "usr/lib/sysctl.d/50-default.conf", "fs.suid_dumpable = 2\n");
        write(root, "etc/sysctl.conf", "fs.suid_dumpable = 0\n");
        write(root, "etc/fstab", "/dev/mapper/rhel-root / xfs defaults 0 0\n/dev/mapper/rhel-tmp /tmp xfs defaults,nodev,nosuid,noexec 0 0\n");
        write(root, "etc/modprobe.d/cis.conf", "install cramfs /bin/false\nblacklist cramfs\ninstall udf /bin/false\n");
        write(root, "etc/security/limits.conf", "* hard core 0\n");
        write(root, "etc/rsyslog.conf", "*.* action(type=\"omfwd\" target=\"siem.example.jp\" port=\"514\" protocol=\"tcp\")\n");
        write(root, "etc/audit/rules.d/50-identity.rules", "-D\n-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n");
        write(root, "etc/systemd/system/multi-user.target.wants/chronyd.service", "[Unit]\nDescription=NTP client/server\n");
        write(root, "usr/sbin/aide", "not run\n");
        write(root, "etc/aide.conf", "database_in=file:/var/lib/aide/aide.db.gz\n");
        write(root, "var/lib/aide/aide.db.gz", "db\n");
        write(root, "usr/bin/rpm", "not run\n");
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    @Test
    void theBootConfigurationIsReadAndTheRunningStateIsUnsupported() throws Exception {
        Map<String, Fact> f = collect(rhelImage());
        assertThat(f.get("sysctl.configured").value()).isEqualTo(Map.of("net.ipv4.ip_forward", 0L,
                "net.ipv4.conf.all.send_redirects", 0L, "kernel.randomize_va_space", 2L, "fs.suid_dumpable", 0L));
        assertThat(f.get("system.tmp.configured").value()).isEqualTo(true);
        assertThat(f.get("system.tmp.configured_options").value()).isEqualTo(List.of("defaults", "nodev", "noexec", "nosuid"));
        assertThat(f.get("kernel.modules.blocked").value()).isEqualTo(List.of("cramfs", "udf"));
        assertThat(f.get("system.core_dumps.limits_hard_zero").value()).isEqualTo(true);
        assertThat(f.get("log.forwarding.configured_targets").value()).isEqualTo(List.of("siem.example.jp:514/tcp"));
        assertThat(f.get("log.audit.rules_count").value()).isEqualTo(2L);
        assertThat(f.get("time.sync.enabled_at_boot").value()).isEqualTo("chrony");
        assertThat(f.get("integrity.fim.products").value()).isEqualTo(List.of("aide"));
        assertThat(f.get("integrity.fim.initialised").value()).isEqualTo(true);
        for (String key : List.of("sysctl.net.ipv4.ip_forward", "sysctl.net.ipv6.conf.all.forwarding", "kernel.ipv6", "sysctl.fs.suid_dumpable", "system.tmp.separate",
                "kernel.filesystems.available", "log.forwarding.enabled", "log.files.world_readable", "time.sync.service",
                "time.sync.synchronized", "integrity.packages.modified_count")) {
            assertThat(f.get(key).status()).as(key).isEqualTo(FactStatus.UNSUPPORTED);
            assertThat(f.get(key).message()).as(key).contains("offline image");
        }
        List<String> probes = List.of("linux.sysctl", "linux.coredump", "linux.tmp", "linux.modules", "linux.log.files", "linux.time",
                "linux.integrity", "linux.log");
        assertThat(f.values().stream().filter(x -> probes.contains(x.probe()) && x.status() == FactStatus.ERROR))
                .as("no error facts from these probes").isEmpty();
    }
}
