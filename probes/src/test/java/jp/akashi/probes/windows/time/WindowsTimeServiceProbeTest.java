package jp.akashi.probes.windows.time;

import static jp.akashi.probes.linux.LinuxFixtures.assertOk;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsTimeServiceProbeTest {

    @Test
    void w32timeFromTheInventoryServices() {
        // Windows 11: W32Time running, trigger-started (Manual)
        Map<String, Fact> f = ProbeTesting.run(new WindowsTimeServiceProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertOk(f, "time.sync.service", "w32time");
        assertOk(f, "time.sync.enabled_at_boot", "none");
        // w32tm in Japanese: leap indicator 0, stratum 3
        assertOk(f, "time.sync.synchronized", true);
        org.assertj.core.api.Assertions.assertThat(f.get("time.sync.synchronized").evidence().excerpt()).contains("time.windows.com");
        // the Server 2022 fixture's service list has no W32Time: nothing synchronises, and w32tm only reports the error
        Map<String, Fact> s = ProbeTesting.run(new WindowsTimeServiceProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertOk(s, "time.sync.service", "none");
        org.assertj.core.api.Assertions.assertThat(s.get("time.sync.synchronized").status().wire()).isEqualTo("unsupported");
    }

    @Test
    void aClockOnItsCmosOrAnUnreadableStatusIsNoPass() {
        Map<String, Fact> cmos = ProbeTesting.run(new WindowsTimeServiceProbe(), WindowsFixtureHosts.builder("win11-ja")
                .section("time_status", "{\"exit\": 0, \"lines\": [\"Leap Indicator: 3(not synchronized)\", \"Stratum: 0 (unspecified)\"]}").build(),
                ProbeContext.WINDOWS);
        assertOk(cmos, "time.sync.synchronized", false);
        Map<String, Fact> garbled = ProbeTesting.run(new WindowsTimeServiceProbe(), WindowsFixtureHosts.builder("win11-ja")
                .section("time_status", "{\"exit\": -2147023834, \"lines\": [\"次のエラーが発生しました: サービスは開始されていません。 (0x80070426)\"]}").build(),
                ProbeContext.WINDOWS);
        org.assertj.core.api.Assertions.assertThat(garbled.get("time.sync.synchronized").status().wire()).isEqualTo("error");
    }
}
