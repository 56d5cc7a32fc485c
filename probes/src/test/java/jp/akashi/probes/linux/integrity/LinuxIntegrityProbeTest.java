package jp.akashi.probes.linux.integrity;

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

class LinuxIntegrityProbeTest {
    static final String DEBSUMS = "debsums -s " + String.join(" ", LinuxIntegrityProbe.DEB_PACKAGES);
    static final String RPM_V = "rpm -V " + String.join(" ", LinuxIntegrityProbe.RPM_PACKAGES);

    private static Map<String, Fact> run(FixtureHost h) {
        return ProbeTesting.run(new LinuxIntegrityProbe(), h, ProbeContext.LINUX);
    }

    private static FixtureHost debian() {
        return new FixtureHost().file("/var/lib/dpkg/status", "Package: bash\n").command("dpkg-query --version", 0, "");
    }

    @Test
    void aideInitialisedAndDebsumsFindsAReplacedBinary() {
        FixtureHost h = debian()
                .command("aide --version", 0, "")
                .file("/etc/aide/aide.conf", "@@define DBDIR /var/lib/aide\ndatabase_in=file:@@{DBDIR}/aide.db\n")
                .file("/var/lib/aide/aide.db", "db")
                .command(DEBSUMS, 2, "", "debsums: changed file /usr/bin/ps (from procps package)\n"
                        + "debsums: package openssh-server is not installed\ndebsums: missing file /usr/bin/su (from util-linux package)\n");
        Map<String, Fact> f = run(h);
        assertOk(f, "integrity.fim.products", List.of("aide"));
        assertOk(f, "integrity.fim.initialised", true);
        assertThat(f.get("integrity.fim.initialised").evidence().source()).isEqualTo("file:/var/lib/aide/aide.db");
        assertOk(f, "integrity.packages.modified_count", 2L);
        assertOk(f, "integrity.packages.modified", List.of("/usr/bin/ps", "/usr/bin/su"));
        assertThat(f.get("integrity.packages.modified_count").evidence().source()).isEqualTo("cmd:" + DEBSUMS);
    }

    @Test
    void aideWithoutDatabaseAndNoDebsums() {
        FixtureHost h = debian().command("aide --version", 0, "");
        Map<String, Fact> f = run(h);
        assertOk(f, "integrity.fim.initialised", false);
        assertThat(f.get("integrity.fim.initialised").evidence().excerpt()).contains("aide --init has not been run");
        assertNotOk(f, "integrity.packages.modified_count", FactStatus.UNSUPPORTED, "debsums is not installed");
        Map<String, Fact> none = run(debian());
        assertOk(none, "integrity.fim.products", List.of());
        assertNotOk(none, "integrity.fim.initialised", FactStatus.UNSUPPORTED, "no file integrity monitoring tool");
    }

    @Test
    void rhelWazuhSyscheckAndRpmVerify() {
        FixtureHost h = new FixtureHost()
                .file("/var/ossec/etc/ossec.conf", "<ossec_config>\n  <syscheck>\n    <disabled>no</disabled>\n    <frequency>43200</frequency>\n  </syscheck>\n</ossec_config>\n")
                .file("/var/ossec/bin/wazuh-agentd", "ELF")
                .command(RPM_V, 1, "S.5....T.  c /etc/ssh/sshd_config\n.......T.    /usr/bin/bash\nS.5....T.    /usr/bin/sudo\n"
                        + "missing   c /etc/sudo.conf\nmissing     /usr/bin/passwd\npackage procps-ng is not installed\n");
        Map<String, Fact> f = run(h);
        assertOk(f, "integrity.fim.products", List.of("wazuh"));
        assertOk(f, "integrity.fim.initialised", true);
        assertOk(f, "integrity.packages.modified", List.of("/usr/bin/sudo", "/usr/bin/passwd"));
        assertOk(f, "integrity.packages.modified_count", 2L);

        FixtureHost off = h.file("/var/ossec/etc/ossec.conf", "<syscheck><disabled>yes</disabled></syscheck>")
                .command(RPM_V, 0, "");
        f = run(off);
        assertOk(f, "integrity.fim.initialised", false);
        assertOk(f, "integrity.packages.modified_count", 0L);
        assertNotOk(run(h.hangingCommand(RPM_V)), "integrity.packages.modified_count", FactStatus.ERROR, "did not finish within 10 s");
    }

    @Test
    void parsers() {
        assertThat(FimTools.aideDatabase("database=file:/var/lib/aide/aide.db.gz\n")).isEqualTo("/var/lib/aide/aide.db.gz");
        assertThat(PackageVerify.rpm("..5....T.  d /usr/share/doc/x\n")).isEmpty();
        assertThat(PackageVerify.debsums("debsums: changed file /etc/x (from y package)\n")).containsExactly("/etc/x");
    }
}
