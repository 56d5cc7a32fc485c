package jp.akashi.probes.linux.account;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/** Issue 14 §3: the SSH server settings beyond login (timeouts, forwarding, algorithms, banner, Match blocks). */
@SuppressWarnings("unchecked")
class SshdSettingsTest {

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxAccountProbe(), host, ProbeContext.LINUX);
    }

    @Test
    void sshdTGivesEveryGlobalSetting() {
        FixtureHost host = LinuxFixtures.tree("account/ubuntu-2204-cloud")
                .command("sshd -T", 0, LinuxFixtures.text("account", "ubuntu-2204-sshd-T.txt"));
        Map<String, Fact> f = run(host);
        assertOk(f, "account.ssh.client_alive_interval", 0L);
        assertOk(f, "account.ssh.client_alive_count_max", 3L);
        assertOk(f, "account.ssh.agent_forwarding", true);
        assertOk(f, "account.ssh.tcp_forwarding", "yes");
        assertOk(f, "account.ssh.x11_forwarding", true);
        assertOk(f, "account.ssh.banner", "none");
        assertThat((List<Object>) f.get("account.ssh.macs").value()).contains("umac-64@openssh.com", "hmac-sha1");
        assertThat((List<Object>) f.get("account.ssh.ciphers").value()).first().isEqualTo("chacha20-poly1305@openssh.com");
        assertThat(f.get("account.ssh.macs").evidence().source()).isEqualTo("cmd:sshd -T");
        assertThat(f.get("account.ssh.macs").evidence().excerpt()).contains("macs umac-64-etm@openssh.com");
        assertOk(f, "account.ssh.match_overrides", List.of());
    }

    @Test
    void filesWithDefaultsWhenSshdTCannotRun() {
        Map<String, Fact> f = run(LinuxFixtures.tree("account/debian-12"));
        // Debian's sshd_config sets X11Forwarding yes; the rest are OpenSSH's defaults
        assertOk(f, "account.ssh.x11_forwarding", true);
        assertOk(f, "account.ssh.agent_forwarding", true);
        assertOk(f, "account.ssh.client_alive_interval", 0L);
        assertOk(f, "account.ssh.banner", "none");
        // the compiled-in algorithm lists change with the OpenSSH release: not guessed from the files
        assertNotOk(f, "account.ssh.ciphers", FactStatus.UNSUPPORTED, "only sshd -T");
        assertThat(f.get("account.ssh.banner").evidence().excerpt()).contains("banner not set: OpenSSH default none")
                .contains("X11Forwarding yes");
    }

    @Test
    void matchBlocksAndIncludedAlgorithmListsAreRead() {
        FixtureHost host = LinuxFixtures.tree("account/debian-12")
                .file("/etc/ssh/sshd_config.d/10-hardening.conf", """
                        ClientAliveInterval 5m
                        ClientAliveCountMax 2
                        MACs -umac-64*,hmac-sha1
                        Ciphers +aes256-cbc
                        KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1
                        AllowTcpForwarding local
                        Banner "/etc/issue.net"
                        Match User deploy Address 10.0.0.0/8
                            PasswordAuthentication yes
                            AllowTcpForwarding yes
                            Banner none
                        Match all
                        """);
        Map<String, Fact> f = run(host);
        assertOk(f, "account.ssh.client_alive_interval", 300L);
        assertOk(f, "account.ssh.client_alive_count_max", 2L);
        assertOk(f, "account.ssh.tcp_forwarding", "local");
        assertOk(f, "account.ssh.banner", "/etc/issue.net");
        // relative lists need the compiled-in default; an explicit list stands on its own
        assertNotOk(f, "account.ssh.macs", FactStatus.UNSUPPORTED, "relative to the default");
        assertOk(f, "account.ssh.kex_algorithms", List.of("curve25519-sha256", "diffie-hellman-group14-sha1"));
        // the Match block does not change the global values, it is reported on its own
        assertOk(f, "account.ssh.password_authentication", true);
        assertOk(f, "account.ssh.match_overrides", List.of("Match User deploy Address 10.0.0.0/8: passwordauthentication yes",
                "Match User deploy Address 10.0.0.0/8: allowtcpforwarding yes"));
    }

    @Test
    void sshdTStillReportsMatchBlocksFromTheFiles() {
        FixtureHost host = LinuxFixtures.tree("account/ubuntu-2204-cloud")
                .command("sshd -T", 0, LinuxFixtures.text("account", "ubuntu-2204-sshd-T.txt"))
                .file("/etc/ssh/sshd_config.d/70-kiosk.conf", "Match Group kiosk\n  PermitEmptyPasswords yes\n");
        assertOk(run(host), "account.ssh.match_overrides", List.of("Match Group kiosk: permitemptypasswords yes"));
    }

    @Test
    void sudoRulesWithoutPassword() {
        Map<String, Fact> f = run(LinuxFixtures.tree("account/debian-12"));
        assertOk(f, "account.sudo_nopasswd", List.of("/etc/sudoers.d/50-backup: backup ALL=(root) NOPASSWD: /usr/bin/rsync",
                "/etc/sudoers.d/90-deploy: deploy ALL=(ALL) NOPASSWD: ALL"));
        Map<String, Fact> g = run(LinuxFixtures.tree("account/ubuntu-2204-cloud").file("/etc/sudoers.d/99-lab",
                "Defaults:lab !authenticate\n"));
        assertOk(g, "account.sudo_nopasswd", List.of("/etc/sudoers.d/90-cloud-init-users: ubuntu ALL=(ALL) NOPASSWD:ALL",
                "/etc/sudoers.d/99-lab: Defaults:lab !authenticate"));
    }

    @Test
    void timeFormats() {
        assertThat(SshdConfig.seconds("300")).isEqualTo(300L);
        assertThat(SshdConfig.seconds("1h30m")).isEqualTo(5400L);
        assertThat(SshdConfig.seconds("15M")).isEqualTo(900L);
        assertThat(SshdConfig.seconds("five")).isNull();
        assertThat(SshdConfig.algorithms("kexalgorithms", "^diffie-hellman-group14-sha1")).first().isEqualTo("diffie-hellman-group14-sha1");
        assertThat(SshdConfig.algorithms("macs", "-umac-64*,hmac-sha1")).doesNotContain("umac-64@openssh.com", "umac-64-etm@openssh.com", "hmac-sha1")
                .contains("hmac-sha1-etm@openssh.com", "hmac-sha2-256");
        assertThat(SshdConfig.algorithms("ciphers", "+aes256-cbc")).endsWith("aes256-cbc");
    }
}
