package jp.akashi.probes.macos.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.macos.MacFixtureHosts;
import jp.akashi.probes.macos.time.MacTimeSync.NetworkTime;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/** {@link MacTimeSync} on the documented outputs in fixtures/macos/time/, and {@link MacTimeSyncProbe} on hosts made of them. */
class MacTimeSyncTest {
    private static final String ON = fixture("systemsetup-usingnetworktime-on.txt");
    private static final String OFF = fixture("systemsetup-usingnetworktime-off.txt");
    private static final String NOT_ROOT = fixture("systemsetup-usingnetworktime-not-root.txt");
    private static final String SERVER = fixture("systemsetup-networktimeserver.txt");
    private static final String TIMED_RUNNING = fixture("launchctl-list-timed-running.txt");
    private static final String TIMED_ON_DEMAND = fixture("launchctl-list-timed-on-demand.txt");
    private static final String NO_DAEMON = fixture("launchctl-list-no-time-daemon.txt");

    static String fixture(String name) {
        return MacFixtureHosts.withoutHeader(FixtureHost.resource("/fixtures/macos/time/" + name));
    }

    private static FixtureHost host(String networkTime, String launchctl) {
        FixtureHost h = new FixtureHost().command("systemsetup -getusingnetworktime", 0, networkTime)
                .command("systemsetup -getnetworktimeserver", 0, SERVER);
        return launchctl == null ? h : h.command("launchctl list", 0, launchctl);
    }

    private static Map<String, Fact> run(FixtureHost h) {
        return ProbeTesting.run(new MacTimeSyncProbe(), h, ProbeContext.MACOS);
    }

    @Test
    void networkTimeSetting() {
        assertThat(ON).isEqualTo("Network Time: On\n");
        assertThat(MacTimeSync.networkTime(ON)).isEqualTo(NetworkTime.ON);
        assertThat(MacTimeSync.networkTime(OFF)).isEqualTo(NetworkTime.OFF);
        assertThat(MacTimeSync.networkTime(NOT_ROOT)).isEqualTo(NetworkTime.NEEDS_ROOT);
        assertThat(MacTimeSync.networkTime("")).isEqualTo(NetworkTime.UNKNOWN);
        assertThat(MacTimeSync.networkTime("Network Time: maybe\n")).isEqualTo(NetworkTime.UNKNOWN);
        assertThat(MacTimeSync.networkTime(null)).isEqualTo(NetworkTime.UNKNOWN);
        // the server line is not the setting
        assertThat(MacTimeSync.networkTime(SERVER)).isEqualTo(NetworkTime.UNKNOWN);
        assertThat(MacTimeSync.timeServer(SERVER)).contains("time.apple.com");
        assertThat(MacTimeSync.timeServer(NOT_ROOT)).isEmpty();
        assertThat(MacTimeSync.timeServer("Network Time Server: \n")).isEmpty();
    }

    @Test
    void timeDaemonInLaunchd() {
        assertThat(MacTimeSync.daemon(TIMED_RUNNING)).contains(new MacTimeSync.Daemon("timed", "com.apple.timed", true));
        assertThat(MacTimeSync.daemon(TIMED_ON_DEMAND)).contains(new MacTimeSync.Daemon("timed", "com.apple.timed", false));
        assertThat(MacTimeSync.daemon(NO_DAEMON)).isEmpty();
        assertThat(MacTimeSync.daemon("PID\tStatus\tLabel\n95\t0\torg.ntp.ntpd\n")).contains(new MacTimeSync.Daemon("ntpd", "org.ntp.ntpd", true));
        // a label that only starts like timed's is another job
        assertThat(MacTimeSync.daemon("PID\tStatus\tLabel\n-\t0\tcom.apple.timed.helper\n")).isEmpty();
        assertThatThrownBy(() -> MacTimeSync.daemon("Could not find service")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networkTimeOnAndTimedRunning() {
        Map<String, Fact> f = run(host(ON, TIMED_RUNNING));
        assertThat(f.get("time.sync.service").value()).isEqualTo("timed");
        assertThat(f.get("time.sync.enabled_at_boot").value()).isEqualTo("timed");
        assertThat(f.get("time.sync.service").evidence().excerpt()).contains("Network Time: On", "Network Time Server: time.apple.com",
                "com.apple.timed running");
        // never a guessed "synchronised": macOS has no state to read without asking a server
        assertThat(f.get("time.sync.synchronized").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("time.sync.synchronized").message()).contains("without querying a time server");
    }

    @Test
    void timedStartedOnDemandStillCounts() {
        Map<String, Fact> f = run(host(ON, TIMED_ON_DEMAND));
        assertThat(f.get("time.sync.service").value()).isEqualTo("timed");
        assertThat(f.get("time.sync.service").evidence().excerpt()).contains("started by launchd on demand");
    }

    @Test
    void networkTimeOff() {
        FixtureHost h = host(OFF, null);
        Map<String, Fact> f = run(h);
        assertThat(f.get("time.sync.service").value()).isEqualTo("none");
        assertThat(f.get("time.sync.enabled_at_boot").value()).isEqualTo("none");
        assertThat(f.get("time.sync.synchronized").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("time.sync.synchronized").message()).contains("network time is off");
        assertThat(h.executed()).containsExactly("systemsetup -getusingnetworktime");
    }

    @Test
    void notRootIsAnErrorWithTheReasonNotOff() {
        // systemsetup exits 0 with its refusal
        FixtureHost h = host(NOT_ROOT, TIMED_RUNNING).unprivileged();
        Map<String, Fact> f = run(h);
        for (String k : new String[] {"time.sync.service", "time.sync.enabled_at_boot"}) {
            assertThat(f.get(k).status()).as(k).isEqualTo(FactStatus.ERROR);
            assertThat(f.get(k).message()).as(k).contains("administrator rights");
            assertThat(f.get(k).evidence().excerpt()).as(k).contains("You need administrator access");
        }
        assertThat(f.get("time.sync.synchronized").status()).isEqualTo(FactStatus.UNSUPPORTED);
    }

    @Test
    void networkTimeOnButNoDaemonLoaded() {
        Map<String, Fact> f = run(host(ON, NO_DAEMON));
        assertThat(f.get("time.sync.service").value()).isEqualTo("none");
        assertThat(f.get("time.sync.service").evidence().excerpt()).contains("neither com.apple.timed nor org.ntp.ntpd is loaded");
        assertThat(f.get("time.sync.enabled_at_boot").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("time.sync.enabled_at_boot").message()).contains("no time daemon loaded");
    }

    @Test
    void failuresAreErrorsOrUnsupportedNeverValues() {
        Map<String, Fact> missing = run(new FixtureHost());
        assertThat(missing.get("time.sync.service").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(missing.get("time.sync.enabled_at_boot").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(missing.get("time.sync.synchronized").status()).isEqualTo(FactStatus.UNSUPPORTED);

        Map<String, Fact> garbled = run(host("systemsetup: unknown option\n", TIMED_RUNNING));
        assertThat(garbled.get("time.sync.service").status()).isEqualTo(FactStatus.ERROR);
        assertThat(garbled.get("time.sync.service").message()).contains("Network Time: On/Off");

        Map<String, Fact> launchctlFailed = run(host(ON, null).command("launchctl list", 1, "", "launchctl: error\n"));
        assertThat(launchctlFailed.get("time.sync.service").status()).isEqualTo(FactStatus.ERROR);
        assertThat(launchctlFailed.get("time.sync.enabled_at_boot").status()).isEqualTo(FactStatus.ERROR);

        Map<String, Fact> notATable = run(host(ON, "Could not find service\n"));
        assertThat(notATable.get("time.sync.service").status()).isEqualTo(FactStatus.ERROR);
        assertThat(notATable.get("time.sync.service").message()).contains("launchctl list");
    }

    @Test
    void theSonomaFixtureHost() {
        Map<String, Fact> f = run(MacFixtureHosts.japaneseSonoma());
        assertThat(f.get("time.sync.service").value()).isEqualTo("timed");
        assertThat(f.get("time.sync.enabled_at_boot").value()).isEqualTo("timed");
    }
}
