package jp.akashi.probes.linux;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.disk.LinuxDiskProbe;
import jp.akashi.probes.linux.screen.DconfLock;
import jp.akashi.probes.linux.screen.LinuxScreenProbe;
import jp.akashi.probes.linux.software.LinuxSoftwareProbe;
import jp.akashi.probes.linux.storage.LinuxStorageProbe;
import jp.akashi.probes.linux.storage.ModprobeRules;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/** The one-fact Linux probes: disk encryption, USB storage, software inventory, screen lock. */
class SmallLinuxProbesTest {
    static final String LSBLK = "lsblk -J -p -o NAME,TYPE,FSTYPE,MOUNTPOINT";

    private static Map<String, Fact> disk(String fixture, String mounts) {
        FixtureHost host = new FixtureHost().command(LSBLK, 0, LinuxFixtures.text("disk", fixture));
        if (mounts != null) {
            host.file("/proc/self/mounts", mounts);
        }
        return ProbeTesting.run(new LinuxDiskProbe(), host, ProbeContext.LINUX);
    }

    @Test
    void rootOnLuksIsEncrypted() {
        Map<String, Fact> f = disk("ubuntu-2204-luks-lvm-lsblk.json", "/dev/mapper/ubuntu--vg-ubuntu--lv / ext4 rw,relatime 0 0\n");
        assertOk(f, "disk.system_encrypted", true);
        assertThat(f.get("disk.system_encrypted").evidence().excerpt())
                .contains("/dev/nvme0n1p3 (part, crypto_LUKS) → /dev/mapper/dm_crypt-0 (crypt, LVM2_member) → /dev/mapper/ubuntu--vg-ubuntu--lv (lvm, ext4)");
        assertOk(disk("rhel-9-lvm-lsblk.json", null), "disk.system_encrypted", false);
        assertOk(disk("debian-12-firecracker-lsblk.json", null), "disk.system_encrypted", false);
    }

    @Test
    void containerRootIsNotVisible() {
        FixtureHost container = new FixtureHost()
                .command(LSBLK, 0, "{\"blockdevices\": [{\"name\": \"/dev/sda\", \"type\": \"disk\", \"fstype\": null, \"mountpoint\": null}]}")
                .file("/proc/self/mounts", LinuxFixtures.text("disk", "container-proc-mounts.txt"));
        assertNotOk(ProbeTesting.run(new LinuxDiskProbe(), container, ProbeContext.LINUX), "disk.system_encrypted",
                FactStatus.UNSUPPORTED, "overlay from overlay");
        FixtureHost garbage = new FixtureHost().command(LSBLK, 0, "lsblk: unknown column: MOUNTPOINT\n");
        assertNotOk(ProbeTesting.run(new LinuxDiskProbe(), garbage, ProbeContext.LINUX), "disk.system_encrypted",
                FactStatus.ERROR, "not its JSON");
    }

    private static Map<String, Fact> storage(FixtureHost host) {
        return ProbeTesting.run(new LinuxStorageProbe(), host, ProbeContext.LINUX);
    }

    @Test
    void usbStorageBlockedByModprobe() {
        FixtureHost blocked = new FixtureHost()
                .file("/etc/modprobe.d/CIS.conf", LinuxFixtures.text("storage", "rhel-9-cis-usb-storage.conf"))
                .file("/proc/modules", "xfs 2101248 2 - Live 0x0000000000000000\n")
                .file("/proc/sys/kernel/osrelease", "5.14.0-427.13.1.el9_4.x86_64\n")
                .file("/lib/modules/5.14.0-427.13.1.el9_4.x86_64/modules.builtin", "kernel/fs/ext4/ext4.ko\n");
        Map<String, Fact> f = storage(blocked);
        assertOk(f, "storage.removable_write_blocked", true);
        assertThat(f.get("storage.removable_write_blocked").evidence().excerpt()).contains("install usb-storage /bin/false");

        FixtureHost loaded = blocked.file("/proc/modules", "usb_storage 81920 1 uas, Live 0x0000000000000000\n");
        assertOk(storage(loaded), "storage.removable_write_blocked", false);

        FixtureHost plain = new FixtureHost().file("/lib/modprobe.d/fbdev-blacklist.conf",
                LinuxFixtures.text("storage", "debian-12-fbdev-blacklist.conf"));
        assertOk(storage(plain), "storage.removable_write_blocked", false);
        assertOk(storage(new FixtureHost().file("/proc/cmdline", "ro quiet modprobe.blacklist=usb_storage,firewire_ohci\n")),
                "storage.removable_write_blocked", true);
        assertNotOk(storage(new FixtureHost().deniedFile("/etc/modprobe.d/secret.conf")), "storage.removable_write_blocked",
                FactStatus.ERROR, "cannot read");
        assertThat(ModprobeRules.blocking("install usb-storage /sbin/modprobe --ignore-install usb-storage\n", "usb-storage")).isEmpty();
    }

    @Test
    void softwareInventoryWithInstallTimes() {
        FixtureHost deb = new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(String.join(" ", InstalledPackages.DPKG_QUERY), 0, LinuxFixtures.text("patch", "debian-12-dpkg-query.txt"))
                .file("/var/lib/dpkg/info/bash.list", "/bin/bash\n", Instant.parse("2025-06-24T14:36:30Z"))
                .file("/var/lib/dpkg/info/libc6:amd64.list", "/lib\n", Instant.parse("2025-06-24T14:36:25Z"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxSoftwareProbe(), deb, ProbeContext.LINUX);
        List<Map<String, Object>> items = LinuxFixtures.objects(f, "software.installed");
        assertThat(items).hasSize(720);
        assertThat(items).filteredOn(m -> m.get("name").equals("bash")).first()
                .satisfies(m -> assertThat(m).containsEntry("installed_at", "2025-06-24T14:36:30Z").containsKey("version"));
        assertThat(items).filteredOn(m -> m.get("name").equals("libc6")).first()
                .satisfies(m -> assertThat(m).containsEntry("installed_at", "2025-06-24T14:36:25Z"));

        FixtureHost rpm = new FixtureHost().command(String.join(" ", InstalledPackages.RPM_QUERY), 0,
                LinuxFixtures.text("patch", "rocky-9-rpm-qa.txt"));
        List<Map<String, Object>> r = LinuxFixtures.objects(ProbeTesting.run(new LinuxSoftwareProbe(), rpm, ProbeContext.LINUX),
                "software.installed");
        assertThat(r).hasSize(10).first().satisfies(m -> assertThat(m)
                .containsEntry("name", "bash").containsEntry("vendor", "Rocky Enterprise Software Foundation")
                .containsEntry("installed_at", "2024-05-10T11:05:20Z"));

        assertNotOk(ProbeTesting.run(new LinuxSoftwareProbe(), new FixtureHost(), ProbeContext.LINUX), "software.installed",
                FactStatus.UNSUPPORTED, "no package database");
    }

    @Test
    void screenLock() {
        assertNotOk(ProbeTesting.run(new LinuxScreenProbe(), new FixtureHost(), ProbeContext.LINUX),
                "screen.lock_timeout_seconds", FactStatus.UNSUPPORTED, "no graphical desktop");
        FixtureHost desktop = new FixtureHost()
                .file("/etc/systemd/system/display-manager.service", "[Unit]\nDescription=GNOME Display Manager\n")
                .file("/etc/dconf/db/local.d/00-screensaver", LinuxFixtures.text("screen", "rhel-9-00-screensaver"));
        assertOk(ProbeTesting.run(new LinuxScreenProbe(), desktop, ProbeContext.LINUX), "screen.lock_timeout_seconds", 905L);
        FixtureHost noPolicy = new FixtureHost().file("/usr/bin/gnome-shell", "ELF");
        assertNotOk(ProbeTesting.run(new LinuxScreenProbe(), noPolicy, ProbeContext.LINUX), "screen.lock_timeout_seconds",
                FactStatus.UNSUPPORTED, "per-user settings");
        assertThat(new DconfLock().merge("[org/gnome/desktop/screensaver]\nlock-enabled=false\n").timeoutSeconds()).isZero();
        assertThat(new DconfLock().merge("[org/gnome/desktop/session]\nidle-delay=uint32 0\n[org/gnome/desktop/screensaver]\nlock-enabled=true\n")
                .timeoutSeconds()).isZero();
        assertThat(new DconfLock().merge("[org/gnome/desktop/session]\nidle-delay=uint32 nope\n").timeoutSeconds()).isNull();
    }
}
