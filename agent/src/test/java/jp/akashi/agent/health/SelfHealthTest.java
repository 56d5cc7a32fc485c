package jp.akashi.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.akashi.agent.update.UpdateState;

/** The agent's self-report: peak RSS from /proc (JVM figures where there is none), runtime, spool depth, update outcome. */
class SelfHealthTest {
    @TempDir
    Path dir;

    @Test
    void vmHwmIsReadInBytesAndMissingMeansUnknown() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 3000000 kB\nVmHWM:\t   51234 kB\nVmRSS:\t 40000 kB\n");
        assertThat(SelfHealth.vmHwm(status)).contains(51234L * 1024);
        assertThat(SelfHealth.vmHwm(dir.resolve("absent"))).isEmpty();
        assertThat(SelfHealth.vmHwm(Files.writeString(dir.resolve("garbled"), "VmHWM: lots\n"))).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessReportsItsOwnPeakAndRuntime() {
        SelfHealth h = SelfHealth.now(null, 3, new UpdateState.Outcome("refused", "0.5.0", "0.4.0", "bad hash", "2026-12-01T00:00:00Z"));
        assertThat(h.peakRssSource()).isEqualTo("VmHWM");
        assertThat(h.peakRssBytes()).isGreaterThan(1L << 20);
        assertThat(h.bundledRuntime()).as("no installation: not bundled").isFalse();
        ObjectNode j = h.json();
        assertThat(j.get("runtime").get("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(j.get("spoolPending").asInt()).isEqualTo(3);
        assertThat(j.get("update").get("state").asText()).isEqualTo("refused");
    }

    @Test
    void aRuntimeInsideTheInstallationIsBundled() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assertThat(SelfHealth.now(javaHome.getParent(), null, null).bundledRuntime()).isTrue();
        assertThat(SelfHealth.now(javaHome.getParent(), null, null).json().has("spoolPending")).as("unknown is left out").isFalse();
    }
}
