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
        org.assertj.core.api.Assertions.assertThat(f).doesNotContainKey("time.sync.synchronized");
        // the Server 2022 fixture's service list has no W32Time
        Map<String, Fact> s = ProbeTesting.run(new WindowsTimeServiceProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertOk(s, "time.sync.service", "none");
    }
}
