package jp.akashi.probes.linux.av;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxAvProbeTest {
    static final List<String> NAMES = KnownProducts.ALL.stream().flatMap(p -> p.packages().stream()).toList();
    static final String DPKG = String.join(" ", InstalledPackages.lookupCommand("dpkg", NAMES));
    static final String RPM = String.join(" ", InstalledPackages.lookupCommand("rpm", NAMES));

    /** What dpkg-query says about the names it does not know (on stderr, exit 1). */
    static String notFound(String installed) {
        StringBuilder sb = new StringBuilder();
        for (String n : NAMES) {
            if (!installed.contains("\t" + n + "\t")) {
                sb.append("dpkg-query: no packages found matching ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** What rpm -q prints: the installed ones in the query format, a line for each missing one (exit = count missing). */
    static FixtureHost rpmHost(String installedLines, int installedCount) {
        StringBuilder sb = new StringBuilder(installedLines);
        for (String n : NAMES) {
            if (!installedLines.startsWith(n + "\t") && !installedLines.contains("\n" + n + "\t")) {
                sb.append("package ").append(n).append(" is not installed\n");
            }
        }
        return new FixtureHost().command(RPM, NAMES.size() - installedCount, sb.toString());
    }

    private static String fx(String name) {
        return LinuxFixtures.text("av", name);
    }

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxAvProbe(), host, ProbeContext.LINUX);
    }

    static FixtureHost debian(String extraPackages, String ps) {
        return new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(DPKG, 1, extraPackages, notFound(extraPackages))
                .command("ps -e -o args=", 0, ps)
                .command("date +%z", 0, "+0900\n");
    }

    @Test
    void nothingInstalledIsAnObservation() {
        Map<String, Fact> f = run(debian("", "/sbin/init\n/usr/sbin/sshd -D\n"));
        assertOk(f, "av.installed", false);
        assertOk(f, "av.products", List.of());
        assertOk(f, "av.running", false);
        assertOk(f, "av.edr_installed", false);
        assertNotOk(f, "av.realtime_enabled", FactStatus.UNSUPPORTED, "no anti-malware product");
        assertNotOk(f, "av.signature_age_hours", FactStatus.UNSUPPORTED, "no anti-malware product");
    }

    @Test
    void clamavWithDatabaseHeaderAndScanLog() {
        FixtureHost host = debian("install ok installed\tclamav\t1.0.7+dfsg-1~deb12u1\tamd64\n"
                        + "install ok installed\tclamav-freshclam\t1.0.7+dfsg-1~deb12u1\tamd64\n",
                "/sbin/init\n/usr/bin/freshclam -d --foreground=true\n")
                .file("/etc/clamav/freshclam.conf", fx("debian-12-freshclam.conf"))
                .file("/var/lib/clamav/daily.cld", fx("debian-12-daily.cld.head"), Instant.parse("2026-11-19T09:00:00Z"))
                .file("/var/lib/clamav/main.cvd", fx("rhel-9-main.cvd.head"))
                .file("/var/log/clamav/clamscan-daily.log", fx("debian-12-clamscan-daily.log"))
                .file("/var/log/clamav/freshclam.log", "Thu Nov 19 17:24:01 2026 -> daily.cld updated (version: 27462, sigs: 2076120)\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "av.installed", true);
        assertOk(f, "av.running", true);
        assertOk(f, "av.edr_installed", false);
        // clamd's on-access scanner is not running
        assertOk(f, "av.realtime_enabled", false);
        // the header's build time, not the file's modification time (09:00)
        assertOk(f, "av.signature_updated_at", "2026-11-19T08:24:00Z");
        assertOk(f, "av.signature_age_hours", 18L);
        assertOk(f, "av.last_scan_at", "2026-11-18T18:09:59Z");
        Map<String, Object> clam = LinuxFixtures.objects(f, "av.products").get(0);
        assertThat(clam).containsEntry("name", "ClamAV").containsEntry("kind", "antivirus").containsEntry("running", true)
                .containsEntry("version", "1.0.7+dfsg-1~deb12u1").containsEntry("realtime", false);
        assertThat(f.get("av.installed").evidence().excerpt()).contains("ClamAV: package clamav 1.0.7+dfsg-1~deb12u1");
    }

    @Test
    void clamavOnAccessAndUnreadableHeader() {
        FixtureHost host = debian("install ok installed\tclamav-daemon\t1.0.7+dfsg-1~deb12u1\tamd64\n",
                "/usr/sbin/clamd --foreground=true\n/usr/sbin/clamonacc -F --fdpass\n")
                .file("/var/lib/clamav/daily.cvd", "\u0000\u0001binary", Instant.parse("2026-11-19T21:00:00Z"));
        Map<String, Fact> f = run(host);
        assertOk(f, "av.realtime_enabled", true);
        // falls back to the file's modification time
        assertOk(f, "av.signature_updated_at", "2026-11-19T21:00:00Z");
        assertOk(f, "av.signature_age_hours", 6L);
        assertNotOk(f, "av.last_scan_at", FactStatus.UNSUPPORTED, "records a completed scan");
    }

    /** Issue 14 §1: ClamAV installed before freshclam ever ran has no database: that is a finding, not an unknown. */
    @Test
    void clamavWithoutADatabaseIsNamed() {
        FixtureHost host = debian("install ok installed\tclamav\t1.0.7+dfsg-1~deb12u1\tamd64\n", "/usr/sbin/cron -f\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "av.installed", true);
        assertOk(f, "av.signatures_missing", List.of("ClamAV (no signature database in /var/lib/clamav)"));
        assertNotOk(f, "av.signature_age_hours", FactStatus.UNSUPPORTED, "states its signature update time");
        // with a database, nothing is missing
        host.file("/var/lib/clamav/daily.cvd", "\u0000\u0001binary", Instant.parse("2026-11-19T21:00:00Z"));
        assertOk(run(host), "av.signatures_missing", List.of());
    }

    @Test
    void defenderForEndpointFromMdatpHealth() {
        FixtureHost host = debian("install ok installed\tmdatp\t101.24092.0002\tamd64\n",
                "/opt/microsoft/mdatp/sbin/wdavdaemon\n/opt/microsoft/mdatp/sbin/wdavdaemon edr 12 11 --log_level info\n")
                .command("mdatp health", 0, fx("ubuntu-2204-mdatp-health.txt"));
        Map<String, Fact> f = run(host);
        assertOk(f, "av.edr_installed", true);
        assertOk(f, "av.realtime_enabled", true);
        // 347 minutes before 2026-11-20T03:00Z
        assertOk(f, "av.signature_updated_at", "2026-11-19T21:13:00Z");
        assertOk(f, "av.signature_age_hours", 5L);
        assertThat(LinuxFixtures.objects(f, "av.products").get(0)).containsEntry("version", "101.24092.0002");
    }

    @Test
    void edrAgentsWithoutLocalStatus() {
        FixtureHost host = rpmHost("falcon-sensor\t(none)\t7.14.0\t16703.el9\tx86_64\t1730000000\tCrowdStrike, Inc.\n", 1)
                .file("/opt/CrowdStrike/falconctl", "x")
                .file("/opt/traps/bin/pmd", "x")
                .command("ps -e -o args=", 0, "/opt/CrowdStrike/falcond\n/opt/traps/bin/pmd\n/opt/traps/bin/dypd\n");
        Map<String, Fact> f = run(host);
        assertThat(LinuxFixtures.objects(f, "av.products")).extracting(m -> m.get("name"))
                .containsExactly("CrowdStrike Falcon", "Cortex XDR");
        assertOk(f, "av.running", true);
        assertOk(f, "av.edr_installed", true);
        assertNotOk(f, "av.realtime_enabled", FactStatus.UNSUPPORTED, "CrowdStrike Falcon, Cortex XDR does not state");
        assertNotOk(f, "av.signature_updated_at", FactStatus.UNSUPPORTED, "signature update time");
    }

    @Test
    void unreadablePackageDatabaseWithoutProductIsAnError() {
        FixtureHost host = new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .command(DPKG, 2, "", "dpkg-query: error: parsing file '/var/lib/dpkg/status' near line 3 package 'bash':\n"
                        + " 'Status' field value 'install ok' has 2 words\n")
                .command("ps -e -o args=", 0, "/sbin/init\n");
        Map<String, Fact> f = run(host);
        assertNotOk(f, "av.installed", FactStatus.ERROR, "parsing file");
        assertNotOk(f, "av.products", FactStatus.ERROR, "parsing file");
    }

    @Test
    void productsWithoutProcessListAreUnknownRunning() {
        FixtureHost host = debian("install ok installed\tfalcon-sensor\t7.14.0-16703\tamd64\n", "")
                .command("ps -e -o args=", 1, "", "ps: error\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "av.installed", true);
        assertNotOk(f, "av.running", FactStatus.ERROR, "cannot tell whether the products run");
    }

    @Test
    void parsers() {
        assertThat(ClamAvDatabase.parse(fx("rhel-9-main.cvd.head")).built()).isEqualTo(Instant.ofEpochSecond(1631795520));
        // without the epoch field the text time is used
        assertThat(ClamAvDatabase.parse("ClamAV-VDB:16 Apr 2020 07-58 -0400:25784:2267600:63").built())
                .isEqualTo(Instant.parse("2020-04-16T11:58:00Z"));
        assertThat(ClamAvDatabase.parse("garbage")).isNull();
        assertThat(ClamAvDatabase.parse("ClamAV-VDB:xx:yy")).isNull();
        assertThat(MdatpHealth.parse(fx("ubuntu-2204-mdatp-health.txt")))
                .containsEntry("real_time_protection_enabled", "true")
                .containsEntry("definitions_version", "1.421.1302.0");
        assertThat(ClamScanLog.lastScan(fx("debian-12-clamscan-daily.log"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-11-19T03:09:59Z"));
        assertThat(ClamScanLog.lastScan("End Date:   2026:13:45 99:00:00\n", ZoneOffset.UTC)).isNull();
    }
}
