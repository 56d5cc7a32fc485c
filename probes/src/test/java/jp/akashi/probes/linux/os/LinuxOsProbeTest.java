package jp.akashi.probes.linux.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxOsProbeTest {

    @ParameterizedTest
    @CsvSource({
            "os-release-ubuntu-2204, ubuntu, debian, 22.04, Ubuntu 22.04.4 LTS",
            "os-release-debian-12, debian, debian, 12, Debian GNU/Linux 12 (bookworm)",
            "os-release-rhel-94, rhel, rhel, 9.4, Red Hat Enterprise Linux 9.4 (Plow)",
            "os-release-rocky-89, rocky, rhel, 8.9, Rocky Linux 8.9 (Green Obsidian)",
    })
    void parsesOsReleaseOfEachFamily(String fixture, String id, String family, String version, String pretty) {
        OsRelease r = OsRelease.parse(FixtureHost.resource("/fixtures/linux/os/" + fixture));
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.family()).isEqualTo(family);
        assertThat(r.versionId()).isEqualTo(version);
        assertThat(r.prettyName()).isEqualTo(pretty);
    }

    @Test
    void recordsIdentityHardwareAndVirtualization() {
        FixtureHost host = new FixtureHost()
                .file("/etc/os-release", FixtureHost.resource("/fixtures/linux/os/os-release-ubuntu-2204"))
                .file("/etc/machine-id", "4c4c4544004d3510804cb4c04f4e3332\n")
                .file("/sys/class/dmi/id/product_uuid", "ec2a1f7e-6b5e-4d2b-8f0c-3c2c7b1b9a10\n")
                .file("/sys/class/dmi/id/sys_vendor", "QEMU\n")
                .file("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n")
                .file("/proc/uptime", "86412.53 170000.10\n")
                .command("uname -r -m -n", 0, "web01 5.15.0-107-generic x86_64\n")
                .command("systemd-detect-virt", 0, "kvm\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxOsProbe(), host, ProbeContext.LINUX);

        assertThat(f.get("os.distribution").value()).isEqualTo("ubuntu");
        assertThat(f.get("os.hostname").value()).isEqualTo("web01");
        assertThat(f.get("os.kernel").value()).isEqualTo("5.15.0-107-generic");
        assertThat(f.get("os.machine_id").value()).isEqualTo("4c4c4544004d3510804cb4c04f4e3332");
        assertThat(f.get("os.hardware.model").value()).isEqualTo("Standard PC (Q35 + ICH9, 2009)");
        assertThat(f.get("os.virtualization").value()).isEqualTo("kvm");
        assertThat(f.get("os.uptime_seconds").value()).isEqualTo(86412L);
        assertThat(f.get("os.distribution").evidence().source()).isEqualTo("file:/etc/os-release");
        assertThat(f.get("os.distribution").evidence().sha256()).hasSize(64);
    }

    @Test
    void unreadableSourcesBecomeErrorsNotGuesses() {
        FixtureHost host = new FixtureHost()
                .file("/etc/os-release", FixtureHost.resource("/fixtures/linux/os/os-release-debian-12"))
                .deniedFile("/sys/class/dmi/id/product_uuid")
                .unprivileged();
        Map<String, Fact> f = ProbeTesting.run(new LinuxOsProbe(), host, ProbeContext.LINUX);

        assertThat(f.get("os.hardware.uuid").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("os.hardware.uuid").message()).contains("permission denied");
        assertThat(f.get("os.kernel").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("os.machine_id").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("os.virtualization").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.values()).allSatisfy(fact -> {
            if (!fact.ok()) {
                assertThat(fact.value()).isNull();
                assertThat(fact.message()).isNotBlank();
            }
        });
    }

    @Test
    void virtualizationFromDmiWhenNoSystemd() {
        assertThat(Virtualization.fromDmi("VMware, Inc.", "VMware Virtual Platform")).isEqualTo("vmware");
        assertThat(Virtualization.fromDmi("Microsoft Corporation", "Virtual Machine")).isEqualTo("microsoft");
        assertThat(Virtualization.fromDmi("innotek GmbH", "VirtualBox")).isEqualTo("oracle");
        assertThat(Virtualization.fromDmi("Dell Inc.", "PowerEdge R640")).isNull();
        assertThat(Virtualization.fromDmi(null, null)).isNull();
    }
}
