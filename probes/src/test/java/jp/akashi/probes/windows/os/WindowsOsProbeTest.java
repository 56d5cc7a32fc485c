package jp.akashi.probes.windows.os;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.util.Json;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsOsProbeTest {

    @Test
    void japaneseWindows11IsNamedByBuildNotByTheRegistrysWindows10() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsOsProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertThat(f.get("os.family").value()).isEqualTo("windows");
        assertThat(f.get("os.name").value()).isEqualTo("Windows 11 Pro");
        assertThat(f.get("os.windows.release").value()).isEqualTo("Windows 11");
        assertThat(f.get("os.version").value()).isEqualTo("10.0.22631");
        assertThat(f.get("os.windows.build").value()).isEqualTo(22631L);
        assertThat(f.get("os.windows.ubr").value()).isEqualTo(4460L);
        assertThat(f.get("os.windows.display_version").value()).isEqualTo("23H2");
        assertThat(f.get("os.windows.edition").value()).isEqualTo("Professional");
        assertThat(f.get("os.windows.product_type").value()).isEqualTo("workstation");
        assertThat(f.get("os.windows.installation_type").value()).isEqualTo("Client");
        assertThat(f.get("os.arch").value()).isEqualTo("AMD64");
        assertThat(f.get("os.hostname").value()).isEqualTo("PC-SOUMU-014");
        assertThat(f.get("os.machine_id").value()).isEqualTo("7d1c4a52-0f3e-4b8e-9a61-2f5c9d3e8b17");
        assertThat(f.get("os.hardware.vendor").value()).isEqualTo("FUJITSU CLIENT COMPUTING LIMITED");
        assertThat(f.get("os.windows.domain_joined").value()).isEqualTo(true);
        assertThat(f.get("os.windows.domain").value()).isEqualTo("corp.example.co.jp");
        // Hypervisor present (VBS) but the firmware names a PC maker: bare metal
        assertThat(f.get("os.virtualization").value()).isEqualTo("none");
        // booted 2026-11-18T23:41:07.5Z, collected 2026-11-20T03:00:00Z
        assertThat(f.get("os.uptime_seconds").value()).isEqualTo(98332L);
    }

    @Test
    void serverAndWorkgroupHosts() {
        Map<String, Fact> s = ProbeTesting.run(new WindowsOsProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(s.get("os.name").value()).isEqualTo("Windows Server 2022 Datacenter");
        assertThat(s.get("os.windows.release").value()).isEqualTo("Windows Server 2022");
        assertThat(s.get("os.windows.product_type").value()).isEqualTo("server");
        assertThat(s.get("os.virtualization").value()).isEqualTo("vmware");

        Map<String, Fact> w = ProbeTesting.run(new WindowsOsProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        assertThat(w.get("os.name").value()).isEqualTo("Windows 10 Pro");
        assertThat(w.get("os.windows.release").value()).isEqualTo("Windows 10");
        assertThat(w.get("os.windows.domain_joined").value()).isEqualTo(false);
        assertThat(w.get("os.windows.domain").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(w.get("os.virtualization").value()).isEqualTo("none");
    }

    @ParameterizedTest
    @CsvSource({
            "1, 22000, Windows 10 Home, Windows 11, Windows 11 Home",
            "1, 26100, Windows 10 Enterprise, Windows 11, Windows 11 Enterprise",
            "1, 19044, Windows 10 Enterprise LTSC 2021, Windows 10, Windows 10 Enterprise LTSC 2021",
            "1, 21999, Windows 10 Pro, Windows 10, Windows 10 Pro",
            "3, 14393, Windows Server 2016 Standard, Windows Server 2016, Windows Server 2016 Standard",
            "2, 17763, Windows Server 2019 Datacenter, Windows Server 2019, Windows Server 2019 Datacenter",
            "3, 26100, Windows Server 2025 Standard, Windows Server 2025, Windows Server 2025 Standard",
            "3, 25398, Windows Server Datacenter, Windows Server 23H2, Windows Server Datacenter",
    })
    void releaseIsDecidedByProductTypeAndBuild(int type, long build, String product, String release, String name) throws Exception {
        JsonNode os = Json.mapper().readTree("{\"product_type\":" + type + ",\"current_build\":\"" + build
                + "\",\"product_name\":\"" + product + "\",\"display_version\":\"23H2\"}");
        WindowsVersion v = WindowsVersion.from(os);
        assertThat(v.release()).isEqualTo(release);
        assertThat(v.name()).isEqualTo(name);
    }

    @Test
    void unknownBuildOrTypeGivesNoRelease() throws Exception {
        assertThat(WindowsVersion.from(Json.mapper().readTree("{\"product_type\":1}")).release()).isNull();
        assertThat(WindowsVersion.from(Json.mapper().readTree("{\"current_build\":\"abc\",\"product_type\":1}")).release()).isNull();
        assertThat(WindowsVersion.from(Json.mapper().readTree("{\"current_build\":\"6002\",\"product_type\":1}")).release()).isNull();
    }

    @Test
    void virtualizationIsNamedOnlyWhenTheEvidenceSaysSo() {
        assertThat(WindowsVirtualization.classify("Microsoft Corporation", "Virtual Machine", true)).isEqualTo("microsoft");
        assertThat(WindowsVirtualization.classify("QEMU", "Standard PC (Q35 + ICH9, 2009)", true)).isEqualTo("kvm");
        assertThat(WindowsVirtualization.classify("Parallels International GmbH.", "Parallels ARM Virtual Machine", true)).isEqualTo("parallels");
        assertThat(WindowsVirtualization.classify("Microsoft Corporation", "Surface Laptop 5", true)).isEqualTo("none");
        assertThat(WindowsVirtualization.classify("ASUSTeK COMPUTER INC.", "ExpertBook B9403CVA", true)).isEqualTo("none");
        assertThat(WindowsVirtualization.classify("To Be Filled By O.E.M.", "To Be Filled By O.E.M.", false)).isEqualTo("none");
        assertThat(WindowsVirtualization.classify("To Be Filled By O.E.M.", "To Be Filled By O.E.M.", true)).isNull();
        assertThat(WindowsVirtualization.classify(null, null, null)).isNull();
    }

    @Test
    void missingValuesAreErrors() {
        var host = WindowsFixtureHosts.builder("win11-ja").section("os", "{\"product_type\":1,\"hostname\":\"X\"}").build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsOsProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("os.hostname").value()).isEqualTo("X");
        assertThat(f.get("os.name").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("os.windows.release").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("os.uptime_seconds").message()).contains("LastBootUpTime");
        assertThat(f.get("os.windows.domain").status()).isEqualTo(FactStatus.ERROR);
    }
}
