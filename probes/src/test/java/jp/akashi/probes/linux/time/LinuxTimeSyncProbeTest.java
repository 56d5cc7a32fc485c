package jp.akashi.probes.linux.time;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxTimeSyncProbeTest {
    static final String TIMEDATECTL = "timedatectl show -p NTPSynchronized --value";
    static final String CHRONY_TRACKING = """
            Reference ID    : A9FEA97B (169.254.169.123)
            Stratum         : 4
            Ref time (UTC)  : Fri Nov 20 02:58:11 2026
            System time     : 0.000012345 seconds fast of NTP time
            Leap status     : Normal
            """;
    static final String CHRONY_UNSYNCED = """
            Reference ID    : 00000000 ()
            Stratum         : 0
            Leap status     : Not synchronised
            """;

    /** Both probes whose facts these are: time.sync.service comes from the log probe's process list. */
    private static Map<String, Fact> run(FixtureHost h) {
        Map<String, Fact> f = new java.util.LinkedHashMap<>(ProbeTesting.run(new LinuxTimeSyncProbe(), h, ProbeContext.LINUX));
        f.put("time.sync.service", ProbeTesting.run(new jp.akashi.probes.linux.log.LinuxLogProbe(), h, ProbeContext.LINUX).get("time.sync.service"));
        return f;
    }

    @Test
    void debianTimesyncdSynchronised() {
        FixtureHost h = new FixtureHost()
                .command("ps -e -o args=", 0, "/sbin/init\n/lib/systemd/systemd-timesyncd\n/usr/sbin/cron -f\n")
                .command(TIMEDATECTL, 0, "yes\n")
                .file("/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service", "[Unit]\n");
        Map<String, Fact> f = run(h);
        assertOk(f, "time.sync.service", "systemd-timesyncd");
        assertOk(f, "time.sync.synchronized", true);
        assertThat(f.get("time.sync.synchronized").evidence().source()).isEqualTo("cmd:" + TIMEDATECTL);
        assertOk(f, "time.sync.enabled_at_boot", "systemd-timesyncd");
    }

    @Test
    void rhelChronyWithoutTimedatectlAnswer() {
        FixtureHost h = new FixtureHost()
                .command("ps -e -o args=", 0, "/usr/lib/systemd/systemd\n/usr/sbin/chronyd -F 2\n")
                .command(TIMEDATECTL, 1, "", "Failed to connect to bus: No such file or directory\n")
                .command("chronyc -n tracking", 0, CHRONY_TRACKING)
                .file("/etc/systemd/system/multi-user.target.wants/chronyd.service", "[Unit]\n");
        Map<String, Fact> f = run(h);
        assertOk(f, "time.sync.service", "chrony");
        assertOk(f, "time.sync.synchronized", true);
        assertThat(f.get("time.sync.synchronized").evidence().excerpt()).contains("Leap status     : Normal");
        assertOk(f, "time.sync.enabled_at_boot", "chrony");
        assertOk(run(h.command("chronyc -n tracking", 0, CHRONY_UNSYNCED)), "time.sync.synchronized", false);
    }

    @Test
    void nothingSynchronisesTheClock() {
        FixtureHost h = new FixtureHost()
                .command("ps -e -o args=", 0, "/sbin/init\n/usr/sbin/sshd -D\n")
                .command(TIMEDATECTL, 0, "no\n")
                .directory("/etc/systemd/system/multi-user.target.wants", java.time.Instant.parse("2026-11-01T00:00:00Z"));
        Map<String, Fact> f = run(h);
        assertOk(f, "time.sync.service", "none");
        assertOk(f, "time.sync.synchronized", false);
        assertOk(f, "time.sync.enabled_at_boot", "none");
        Map<String, Fact> bare = run(new FixtureHost());
        assertNotOk(bare, "time.sync.synchronized", FactStatus.UNSUPPORTED, "neither timedatectl nor chronyc");
        assertNotOk(bare, "time.sync.enabled_at_boot", FactStatus.UNSUPPORTED, "not a systemd host");
    }
}
