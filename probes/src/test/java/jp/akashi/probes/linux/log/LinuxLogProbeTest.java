package jp.akashi.probes.linux.log;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxLogProbeTest {
    static final String PS_UBUNTU = """
            /sbin/init
            [kthreadd]
            /lib/systemd/systemd-journald
            /usr/sbin/rsyslogd -n -iNONE
            /sbin/auditd
            sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups
            """;

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxLogProbe(), host, ProbeContext.LINUX);
    }

    /** Ubuntu 22.04 with rsyslog: auth.log rotated weekly four times, the oldest compressed. */
    static FixtureHost ubuntu() {
        return LinuxFixtures.tree("log/ubuntu-2204-rsyslog")
                .command("date +%z", 0, "+0900\n")
                .command("ps -e -o args=", 0, PS_UBUNTU)
                .file("/var/log/auth.log", "Nov 20 11:40:01 web01 CRON[2211]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)\n",
                        Instant.parse("2026-11-20T02:40:01Z"))
                .file("/var/log/auth.log.1", "Nov 15 00:00:01 web01 sshd[1001]: Accepted publickey for ubuntu from 10.0.0.5 port 50122 ssh2\n",
                        Instant.parse("2026-11-15T14:59:00Z"))
                .file("/var/log/auth.log.2.gz", "gz", Instant.parse("2026-11-08T14:59:00Z"))
                .file("/var/log/auth.log.4.gz", "gz", Instant.parse("2026-10-25T14:59:00Z"))
                .file("/var/log/auth.log.3.gz", "gz", Instant.parse("2026-11-01T14:59:00Z"))
                .command("zgrep -m 1 -e . /var/log/auth.log.4.gz", 0,
                        "Oct 18 00:00:05 web01 sshd[1234]: Server listening on 0.0.0.0 port 22.\n")
                .file("/var/log/syslog", "Nov 20 11:59:01 web01 systemd[1]: Started Session 12.\n", Instant.parse("2026-11-20T02:59:01Z"))
                .file("/var/log/syslog.1", "Nov 19 00:00:00 web01 rsyslogd: [origin software=\"rsyslogd\"] rsyslogd was HUPed\n",
                        Instant.parse("2026-11-19T14:59:00Z"));
    }

    @Test
    void ubuntuRsyslogFilesAndLogrotate() {
        Map<String, Fact> f = run(ubuntu());
        assertOk(f, "log.auth.retention_days", 28L);
        assertThat(f.get("log.auth.retention_days").evidence().source()).isEqualTo("file:/etc/logrotate.d/rsyslog");
        assertThat(f.get("log.auth.retention_days").evidence().excerpt()).contains("{ weekly; rotate 4; }");
        // Oct 18 00:00:05 +09:00 in the oldest rotated file
        assertOk(f, "log.auth.oldest_entry_at", "2026-10-17T15:00:05Z");
        assertOk(f, "log.auth.oldest_age_days", 33L);
        assertOk(f, "log.system.retention_days", 28L);
        assertOk(f, "log.system.oldest_entry_at", "2026-11-18T15:00:00Z");
        assertOk(f, "log.audit.enabled", true);
        assertOk(f, "log.audit.max_log_file_mb", 8L);
        assertOk(f, "log.audit.num_logs", 5L);
        assertOk(f, "log.audit.max_log_file_action", "ROTATE");
        assertOk(f, "log.forwarding.enabled", true);
        assertOk(f, "log.forwarding.targets", List.of("siem.example.co.jp:6514/tcp", "10.20.0.15:514/udp"));
        // journald runs, with its defaults (no journald.conf in the fixture, no /var/log/journal)
        assertOk(f, "log.journald.storage", "volatile");
        assertOk(f, "log.writer", "rsyslog");
    }

    /**
     * Issue 14 §1: a weekly rotation keeping 4 files whose oldest file starts with a year-less line from a
     * clock that was wrong (first boot before NTP): the year taken from the file's mtime made it 323 days old.
     */
    @Test
    void aSyslogDateWithoutAYearNeverProvesAgeOnItsOwn() {
        FixtureHost host = ubuntu().command("zgrep -m 1 -e . /var/log/auth.log.4.gz", 0,
                "Jan  1 00:00:05 web01 sshd[1234]: Server listening on 0.0.0.0 port 22.\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "log.auth.retention_days", 28L);
        // not 2026-01-01: the oldest file's mtime is what the host provably holds
        assertOk(f, "log.auth.oldest_entry_at", "2026-10-25T14:59:00Z");
        assertOk(f, "log.auth.oldest_age_days", 25L);
        assertThat(f.get("log.auth.oldest_age_days").evidence().excerpt())
                .contains("no year").contains("auth.log.4.gz").contains("weekly");
        // an ISO 8601 line carries its year and is believed as written
        FixtureHost iso = ubuntu().command("zgrep -m 1 -e . /var/log/auth.log.4.gz", 0,
                "2026-01-01T00:00:05.000000+09:00 web01 sshd[1234]: Server listening on 0.0.0.0 port 22.\n");
        assertOk(run(iso), "log.auth.oldest_entry_at", "2025-12-31T15:00:05Z");
        // size-based rotation has no period to cross-check a year-less date with: the mtime bound is used
        FixtureHost bySize = ubuntu().file("/etc/logrotate.d/rsyslog", "/var/log/auth.log /var/log/syslog {\n rotate 4\n size 100M\n}\n");
        Map<String, Fact> s = run(bySize);
        assertOk(s, "log.auth.oldest_entry_at", "2026-10-25T14:59:00Z");
    }

    @Test
    void forwardingCountsOnlyARunningDaemon() {
        FixtureHost host = ubuntu().command("ps -e -o args=", 0, "/sbin/init\n/lib/systemd/systemd-journald\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "log.forwarding.enabled", false);
        assertOk(f, "log.forwarding.targets", List.of());
        assertThat(f.get("log.forwarding.enabled").evidence().excerpt()).contains("rsyslogd not running, destinations siem.example.co.jp:6514/tcp");
        assertOk(f, "log.audit.enabled", false);
    }

    @Test
    void rhelSecureWithDateextAndNoForwarding() {
        FixtureHost host = LinuxFixtures.tree("log/rhel-9-rsyslog")
                .command("date +%z", 0, "+0900\n")
                .command("ps -e -o args=", 0, "/usr/lib/systemd/systemd --switched-root --system --deserialize 31\n/sbin/auditd\n/usr/sbin/rsyslogd -n\n")
                .file("/var/log/secure", "Nov 20 09:00:00 rhel9 sshd[2001]: Accepted publickey for admin\n", Instant.parse("2026-11-20T00:00:00Z"))
                .file("/var/log/secure-20261108", "Nov  1 03:10:00 rhel9 sshd[1500]: Accepted publickey for admin\n", Instant.parse("2026-11-07T18:00:00Z"))
                .file("/var/log/secure-20261101", "Oct 25 03:12:44 rhel9 sshd[1201]: Server listening on :: port 22.\n", Instant.parse("2026-10-31T18:00:00Z"))
                .file("/var/log/messages", "Nov 20 09:00:00 rhel9 systemd[1]: Started Session 3.\n", Instant.parse("2026-11-20T00:00:00Z"));
        Map<String, Fact> f = run(host);
        // the global "weekly / rotate 4"; the .rpmsave file that says otherwise is ignored as logrotate does
        assertOk(f, "log.auth.retention_days", 28L);
        assertOk(f, "log.auth.oldest_entry_at", "2026-10-24T18:12:44Z");
        assertOk(f, "log.system.oldest_entry_at", "2026-11-20T00:00:00Z");
        assertOk(f, "log.forwarding.enabled", false);
        assertOk(f, "log.audit.max_log_file_mb", 32L);
        assertOk(f, "log.audit.num_logs", 10L);
        assertOk(f, "log.audit.max_log_file_action", "KEEP_LOGS");
    }

    /** Debian 12 without rsyslog: the journal holds everything. */
    static FixtureHost debianJournal() {
        return LinuxFixtures.tree("log/debian-12-journal")
                .file("/var/log/journal/4c4c4544004d3510804cb4c04f4e3332/system.journal", "x")
                .command("date +%z", 0, "+0000\n")
                .command("ps -e -o args=", 0, "/sbin/init\n/lib/systemd/systemd-journald\n")
                .command("journalctl --header", 0, LinuxFixtures.text("log", "debian-12-journalctl-header.txt"));
    }

    @Test
    void debianJournalOnly() {
        Map<String, Fact> f = run(debianJournal());
        assertNotOk(f, "log.auth.retention_days", FactStatus.UNSUPPORTED, "no time-based retention");
        assertOk(f, "log.journald.storage", "persistent");
        assertOk(f, "log.auth.oldest_entry_at", "2026-08-03T00:41:07.123457Z");
        assertOk(f, "log.auth.oldest_age_days", 109L);
        assertOk(f, "log.system.oldest_entry_at", "2026-08-03T00:41:07.123457Z");
        assertOk(f, "log.audit.enabled", false);
        assertNotOk(f, "log.audit.num_logs", FactStatus.UNSUPPORTED, "/etc/audit/auditd.conf does not exist");
        assertOk(f, "log.forwarding.enabled", false);
    }

    @Test
    void journaldRetentionFromDropInAndVolatileStorage() {
        FixtureHost year = debianJournal().file("/etc/systemd/journald.conf.d/90-retention.conf", "[Journal]\nMaxRetentionSec=1year\n");
        assertOk(run(year), "log.auth.retention_days", 365L);
        FixtureHost vol = debianJournal()
                .file("/etc/systemd/journald.conf.d/10-volatile.conf", "[Journal]\nStorage=volatile\n");
        Map<String, Fact> f = run(vol);
        assertOk(f, "log.auth.retention_days", 0L);
        assertOk(f, "log.journald.storage", "volatile");
        FixtureHost bad = debianJournal().file("/etc/systemd/journald.conf.d/90-retention.conf", "[Journal]\nMaxRetentionSec=forever\n");
        assertNotOk(run(bad), "log.system.retention_days", FactStatus.ERROR, "forever");
    }

    /** Issue 14 §1: configuration that nothing executes gives no retention. */
    @Test
    void retentionCountsOnlyForTheProgramThatWritesTheLog() {
        // auth.log and its logrotate rule are there, but no syslog daemon and no journald run
        Map<String, Fact> idle = run(ubuntu().command("ps -e -o args=", 0, "/sbin/init\n/usr/sbin/cron -f\n"));
        assertOk(idle, "log.writer", "none");
        assertNotOk(idle, "log.auth.retention_days", FactStatus.ERROR, "nothing executes the rotation settings of /var/log/auth.log");
        assertThat(idle.get("log.auth.retention_days").evidence().source()).isEqualTo("cmd:ps -e -o args=");
        // a leftover auth.log while only journald runs: journald's settings decide, and its journal holds the entries
        FixtureHost journalOnly = debianJournal()
                .file("/etc/systemd/journald.conf.d/90-retention.conf", "[Journal]\nMaxRetentionSec=30day\n")
                .file("/var/log/auth.log", "Nov  1 10:00:00 deb12 sshd[1]: x\n", Instant.parse("2026-11-01T01:00:00Z"));
        addLogrotate(journalOnly);
        Map<String, Fact> j = run(journalOnly);
        assertOk(j, "log.writer", "journald");
        assertOk(j, "log.auth.retention_days", 30L);
        assertThat(j.get("log.auth.retention_days").evidence().excerpt()).contains("exists but no syslog daemon runs");
        assertOk(j, "log.auth.oldest_entry_at", "2026-08-03T00:41:07.123457Z");
        // a journald drop-in on a host without journald (a container) takes no effect
        FixtureHost container = LinuxFixtures.tree("log/debian-12-journal")
                .file("/etc/systemd/journald.conf.d/90-retention.conf", "[Journal]\nMaxRetentionSec=1year\n")
                .command("ps -e -o args=", 0, "/bin/sh /entrypoint.sh\n/usr/sbin/nginx\n");
        Map<String, Fact> c = run(container);
        assertNotOk(c, "log.auth.retention_days", FactStatus.ERROR, "nothing executes");
        assertNotOk(c, "log.journald.storage", FactStatus.UNSUPPORTED, "takes no effect");
    }

    private static void addLogrotate(FixtureHost host) {
        host.file("/etc/logrotate.d/rsyslog", "/var/log/auth.log /var/log/syslog {\n rotate 52\n weekly\n}\n");
    }

    @Test
    void journalNeedsRoot() {
        Map<String, Fact> f = run(debianJournal().unprivileged());
        assertNotOk(f, "log.auth.oldest_entry_at", FactStatus.ERROR, "only by root");
        assertNotOk(f, "log.auth.oldest_age_days", FactStatus.ERROR, "only by root");
    }

    @Test
    void missingPiecesAreErrors() {
        FixtureHost host = new FixtureHost()
                .file("/var/log/auth.log", "garbage without a time\n")
                .command("date +%z", 0, "+0900\n");
        Map<String, Fact> f = run(host);
        // without ps nobody can tell which program writes the log, so no rotation setting counts
        assertNotOk(f, "log.auth.retention_days", FactStatus.ERROR, "cannot tell whether a syslog daemon or journald writes");
        assertNotOk(f, "log.auth.oldest_entry_at", FactStatus.ERROR, "no timestamp");
        assertNotOk(f, "log.system.retention_days", FactStatus.ERROR, "cannot tell");
        assertNotOk(f, "log.writer", FactStatus.UNSUPPORTED, "command not available");
        // ps is not there
        assertNotOk(f, "log.audit.enabled", FactStatus.UNSUPPORTED, "command not available");
        assertNotOk(f, "log.forwarding.targets", FactStatus.UNSUPPORTED, "command not available");
    }

    @Test
    void logrotateRules() {
        Map<String, String> files = Map.of(
                "/etc/logrotate.conf", "weekly\nrotate 4\ninclude /etc/logrotate.d\nrotate 99\n",
                "/etc/logrotate.d/a", "/var/log/a.log {\n rotate 26\n monthly\n maxage 120\n}\n\"/var/log/b log\" /var/log/c*.log {\n size 100M\n}\n"
                        + "/var/log/f.log { daily }\n",
                "/etc/logrotate.d/d", "/var/log/d.log {\n rotate -1\n}\n/var/log/e.log\n{\n daily\n postrotate\n  rotate 1000\n endscript\n}\n");
        List<Logrotate.Rule> rules = Logrotate.rules("/etc/logrotate.conf", files::get,
                dir -> files.keySet().stream().filter(k -> k.startsWith(dir + "/")).toList());
        assertThat(Logrotate.retention(Logrotate.find(rules, "/var/log/a.log")).days()).isEqualTo(120L);
        assertThat(Logrotate.retention(Logrotate.find(rules, "/var/log/c1.log")).why()).contains("rotated by size");
        assertThat(Logrotate.retention(Logrotate.find(rules, "/var/log/d.log")).why()).contains("bounded by disk space");
        // scripts are skipped; globals after the include do not apply to it
        assertThat(Logrotate.retention(Logrotate.find(rules, "/var/log/e.log")).days()).isEqualTo(4L);
        assertThat(Logrotate.retention(Logrotate.find(rules, "/var/log/f.log")).days()).isEqualTo(4L);
        assertThat(Logrotate.find(rules, "/var/log/b log")).isNotNull();
        assertThat(Logrotate.find(rules, "/var/log/zzz")).isNull();
    }

    @Test
    void timestampsAndSpans() {
        ZoneOffset jst = ZoneOffset.ofHours(9);
        // a December line in a file written on 3 January belongs to the year before
        assertThat(SyslogTime.parse("Dec 28 23:59:59 host x: y", Instant.parse("2026-01-03T00:00:00Z"), jst))
                .isEqualTo(Instant.parse("2025-12-28T14:59:59Z"));
        assertThat(SyslogTime.parse("2026-11-20T03:00:01.123456+09:00 host sshd[1]: x", null, null))
                .isEqualTo(Instant.parse("2026-11-19T18:00:01.123456Z"));
        assertThat(SyslogTime.parse("Nov 20 03:00:01 host x", Instant.parse("2026-11-20T00:00:00Z"), null)).isNull();
        assertThat(Journald.seconds("6month") / 86400).isEqualTo(182L);
        assertThat(Journald.seconds("1y 2w")).isEqualTo((long) (365.25 * 86400 + 14 * 86400));
        assertThat(Journald.seconds("3600")).isEqualTo(3600L);
        assertThat(Journald.seconds("1 fortnight")).isNull();
        assertThat(JournalHeader.oldest("Head Realtime Timestamp: Mon 2022-08-15 12:01:10 CST (5e63fae9e6e58)"))
                .isEqualTo(Instant.ofEpochSecond(0, 0x5e63fae9e6e58L * 1000));
        assertThat(JournalHeader.oldest("nothing here")).isNull();
    }

    @Test
    void forwardTargetParsers() {
        assertThat(ForwardTargets.rsyslog(LinuxFixtures.text("log", "rhel-9-rsyslog/etc/rsyslog.conf"))).isEmpty();
        assertThat(ForwardTargets.rsyslog("*.* @[2001:db8::5]:5140\nauth.* :omrelp:relay.local:2514\n*.* @(z9)10.1.1.1\n"))
                .containsExactly("2001:db8::5:5140/udp", "relay.local:2514/relp", "10.1.1.1:514/udp");
        String ng = """
                destination d_net { network("192.0.2.10" port(6514) transport("tls")); };
                destination d_unused { tcp("192.0.2.99"); };
                # destination d_old { udp("192.0.2.1"); };
                log { source(s_src); filter(f_auth); destination(d_net); };
                """;
        assertThat(ForwardTargets.syslogNg(ng)).containsExactly("192.0.2.10:6514/tls");
        assertThat(ForwardTargets.syslogNg(LinuxFixtures.text("log", "debian-12-syslog-ng.conf"))).isEmpty();
    }

    @Test
    void journalUploadCountsWhenEnabled() {
        FixtureHost host = debianJournal()
                .file("/etc/systemd/journal-upload.conf", "[Upload]\nURL=https://logs.example.co.jp:19532\n")
                .command("systemctl is-enabled systemd-journal-upload.service", 0, "enabled\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "log.forwarding.targets", List.of("https://logs.example.co.jp:19532"));
    }
}
