package jp.akashi.probes.linux.log;

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

/** Audit rules loaded at boot, remote destinations as configured, and world-readable log files. */
class AuditRulesAndLogFilesTest {
    static final String FIND = String.join(" ", LinuxLogFilesProbe.FIND);

    private static Map<String, Fact> log(FixtureHost h) {
        return ProbeTesting.run(new LinuxLogProbe(), h, ProbeContext.LINUX);
    }

    @Test
    void debianDefaultAuditRulesHaveNoRuleOnlyControlLines() {
        FixtureHost h = new FixtureHost().command("ps -e -o args=", 0, "/sbin/auditd\n")
                .file("/etc/audit/rules.d/audit.rules", "## First rule - delete all\n-D\n-b 8192\n--backlog_wait_time 60000\n-f 1\n");
        assertOk(log(h), "log.audit.rules_count", 0L);
        h.file("/etc/audit/rules.d/50-identity.rules", "-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n"
                + "-a always,exit -F arch=b64 -S sethostname -k system-locale\n#-w /etc/group -p wa\n-e 2\n");
        Map<String, Fact> f = log(h);
        assertOk(f, "log.audit.rules_count", 3L);
        assertThat(f.get("log.audit.rules_count").evidence().excerpt()).contains("-w /etc/passwd -p wa -k identity");
        assertNotOk(log(new FixtureHost()), "log.audit.rules_count", FactStatus.UNSUPPORTED, "auditd is not installed");
        assertOk(log(new FixtureHost().file("/etc/audit/audit.rules", "-w /etc/sudoers -p wa -k scope\n")), "log.audit.rules_count", 1L);
        assertNotOk(log(new FixtureHost().deniedFile("/etc/audit/rules.d/10-base.rules")), "log.audit.rules_count",
                FactStatus.ERROR, "permission denied");
    }

    @Test
    void configuredDestinationsAreReportedWhetherOrNotTheDaemonRuns() {
        FixtureHost h = new FixtureHost()
                .file("/etc/rsyslog.conf", "module(load=\"imuxsock\")\n$IncludeConfig /etc/rsyslog.d/*.conf\n")
                .file("/etc/rsyslog.d/90-remote.conf", "*.* @@logs.example.jp:6514\n");
        Map<String, Fact> stopped = log(h.command("ps -e -o args=", 0, "/sbin/init\n"));
        assertOk(stopped, "log.forwarding.configured_targets", List.of("logs.example.jp:6514/tcp"));
        assertOk(stopped, "log.forwarding.enabled", false);
        Map<String, Fact> noPs = log(h.remove("ps -e -o args="));
        assertOk(noPs, "log.forwarding.configured_targets", List.of("logs.example.jp:6514/tcp"));
        assertNotOk(noPs, "log.forwarding.enabled", FactStatus.UNSUPPORTED, "ps");
    }

    @Test
    void worldReadableLogFiles() {
        FixtureHost h = new FixtureHost().command(FIND, 0, "644 /var/log/dpkg.log\n664 /var/log/wtmp\n644 /var/log/apt/history.log\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxLogFilesProbe(), h, ProbeContext.LINUX);
        assertOk(f, "log.files.world_readable", List.of("/var/log/apt/history.log", "/var/log/dpkg.log", "/var/log/wtmp"));
        assertThat(f.get("log.files.world_readable").evidence().source()).isEqualTo("cmd:" + FIND);
        assertOk(ProbeTesting.run(new LinuxLogFilesProbe(), new FixtureHost().command(FIND, 0, ""), ProbeContext.LINUX),
                "log.files.world_readable", List.of());
        assertNotOk(ProbeTesting.run(new LinuxLogFilesProbe(), new FixtureHost().unprivileged()
                .command(FIND, 1, "644 /var/log/dpkg.log\n", "find: '/var/log/private': Permission denied\n"), ProbeContext.LINUX),
                "log.files.world_readable", FactStatus.ERROR, "exit 1");
    }
}
