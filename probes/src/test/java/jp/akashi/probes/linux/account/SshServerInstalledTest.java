package jp.akashi.probes.linux.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class SshServerInstalledTest {

    @Test
    void noDaemonAndNoConfigurationMeansNoSshServer() {
        Map<String, Fact> f = ProbeTesting.run(new LinuxAccountProbe(), new FixtureHost().file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"),
                ProbeContext.LINUX);
        assertThat(f.get("account.ssh.server_installed").value()).isEqualTo(false);
        assertThat(f.get("account.ssh.permit_root_login").status()).isEqualTo(FactStatus.UNSUPPORTED);
    }

    @Test
    void aConfigurationFileMeansAnSshServer() {
        Map<String, Fact> f = ProbeTesting.run(new LinuxAccountProbe(), new FixtureHost()
                .file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .file("/etc/ssh/sshd_config", "PermitRootLogin no\n"), ProbeContext.LINUX);
        assertThat(f.get("account.ssh.server_installed").value()).isEqualTo(true);
        assertThat(f.get("account.ssh.permit_root_login").value()).isEqualTo("no");
    }
}
