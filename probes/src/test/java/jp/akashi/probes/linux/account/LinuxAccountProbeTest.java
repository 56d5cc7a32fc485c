package jp.akashi.probes.linux.account;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxAccountProbeTest {

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxAccountProbe(), host, ProbeContext.LINUX);
    }

    @Test
    void debianAccountsSudoersAndSshDefaults() {
        Map<String, Fact> f = run(LinuxFixtures.tree("account/debian-12"));
        assertOk(f, "account.uid0", List.of("root", "toor"));
        // sudo group members, the deploy grant in sudoers.d; the narrow backup grant is not admin
        assertOk(f, "account.admins", List.of("deploy", "hanako", "root", "taro", "toor"));
        assertOk(f, "account.admin_count", 5L);
        assertOk(f, "account.empty_password", List.of("hanako"));
        assertOk(f, "account.builtin_admin_enabled", true);
        // sshd is not installed as a command here, but its configuration is: read with OpenSSH defaults
        assertOk(f, "account.ssh.permit_root_login", "prohibit-password");
        assertOk(f, "account.ssh.password_authentication", true);
        assertOk(f, "account.ssh.permit_empty_passwords", false);
        assertOk(f, "account.ssh.max_auth_tries", 6L);
        assertThat(f.get("account.ssh.permit_root_login").evidence().excerpt())
                .contains("permitrootlogin not set: OpenSSH default prohibit-password");
        assertThat(f.get("account.admins").evidence().excerpt()).contains("deploy ALL=(ALL) NOPASSWD: ALL");
        // no password hash ever leaves the host in an excerpt
        assertThat(f.values()).allSatisfy(x -> assertThat(x.evidence() == null ? "" : x.evidence().excerpt()).doesNotContain("$y$"));
    }

    /** Issue 14 §1: which accounts can log in, for the checks on empty passwords and shared accounts. */
    @Test
    void loginAccountsAndEmptyPasswordsNeedALoginShell() {
        FixtureHost host = LinuxFixtures.tree("account/debian-12");
        Map<String, Fact> f = run(host);
        // deploy's password is locked and it has no key; toor is locked (*)
        assertOk(f, "account.login_accounts", List.of("root", "taro", "hanako"));
        assertThat(f.get("account.login_accounts").evidence().excerpt()).contains("hanako: shell /bin/bash, empty password")
                .doesNotContain("$y$");
        // an empty password behind nologin cannot be used to log in; a key opens a locked account
        String passwd = LinuxFixtures.text("account", "debian-12/etc/passwd").strip() + "\nsvcempty:x:34:34:svcempty:/var/svcemptys:/usr/sbin/nologin\n";
        String shadow = LinuxFixtures.text("account", "debian-12/etc/shadow").strip() + "\nsvcempty::19900::::::\n";
        host.file("/etc/passwd", passwd).file("/etc/shadow", shadow).file("/home/deploy/.ssh/authorized_keys", "ssh-ed25519 AAAA deploy@ci\n");
        Map<String, Fact> g = run(host);
        assertOk(g, "account.empty_password", List.of("hanako"));
        assertThat(g.get("account.empty_password").evidence().excerpt()).contains("no login shell (cannot log in): svcempty");
        assertOk(g, "account.login_accounts", List.of("root", "taro", "hanako", "deploy"));
    }

    @Test
    void ubuntuCloudImageWithSshdT() {
        FixtureHost host = LinuxFixtures.tree("account/ubuntu-2204-cloud")
                .command("sshd -T", 0, LinuxFixtures.text("account", "ubuntu-2204-sshd-T.txt"));
        Map<String, Fact> f = run(host);
        assertOk(f, "account.admins", List.of("root", "ubuntu"));
        assertOk(f, "account.empty_password", List.of());
        assertOk(f, "account.builtin_admin_enabled", false);
        // sshd -T prints the old spelling
        assertOk(f, "account.ssh.permit_root_login", "prohibit-password");
        assertOk(f, "account.ssh.password_authentication", false);
        assertThat(f.get("account.ssh.password_authentication").evidence().source()).isEqualTo("cmd:sshd -T");
    }

    @Test
    void ubuntuCloudImageFromFilesWhenSshdTFails() {
        FixtureHost host = LinuxFixtures.tree("account/ubuntu-2204-cloud")
                .command("sshd -T", 255, "", "Missing privilege separation directory: /run/sshd\n");
        Map<String, Fact> f = run(host);
        assertOk(f, "account.ssh.password_authentication", false);
        assertThat(f.get("account.ssh.password_authentication").evidence().excerpt())
                .contains("sshd -T failed").contains("60-cloudimg-settings.conf: PasswordAuthentication no");
    }

    @Test
    void rhelWheelPrimaryGroupIncludesAndMatchBlocks() {
        FixtureHost host = LinuxFixtures.tree("account/rhel-9").file("/proc/sys/kernel/hostname", "web01.example.co.jp\n");
        Map<String, Fact> f = run(host);
        // suzuki's primary group is wheel; the DBAS grant is for db1/db2 only
        assertOk(f, "account.admins", List.of("admin", "root", "suzuki"));
        assertOk(f, "account.builtin_admin_enabled", true);
        assertOk(f, "account.empty_password", List.of());
        // 01-permitrootlogin.conf is read before 50-redhat.conf; the Match block does not change global values
        assertOk(f, "account.ssh.permit_root_login", "yes");
        assertOk(f, "account.ssh.password_authentication", false);
        assertOk(f, "account.ssh.permit_empty_passwords", false);
        assertOk(f, "account.ssh.max_auth_tries", 4L);

        // on a database host the alias members are administrators too
        Map<String, Fact> db = run(LinuxFixtures.tree("account/rhel-9").file("/proc/sys/kernel/hostname", "db1\n"));
        assertOk(db, "account.admins", List.of("admin", "root", "sato", "suzuki", "tanaka"));
    }

    @Test
    void withoutRootShadowAndSudoersAreErrors() {
        FixtureHost host = LinuxFixtures.tree("account/debian-12")
                .deniedFile("/etc/shadow").deniedFile("/etc/sudoers").unprivileged();
        Map<String, Fact> f = run(host);
        assertOk(f, "account.uid0", List.of("root", "toor"));
        assertNotOk(f, "account.empty_password", FactStatus.ERROR, "permission denied");
        assertNotOk(f, "account.builtin_admin_enabled", FactStatus.ERROR, "permission denied");
        assertNotOk(f, "account.admins", FactStatus.ERROR, "cannot read /etc/sudoers");
        assertThat(f.get("account.admins").message()).contains("hanako, root, taro, toor");
    }

    @Test
    void noSshServer() {
        Map<String, Fact> f = run(new FixtureHost().file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n"));
        assertNotOk(f, "account.ssh.permit_root_login", FactStatus.UNSUPPORTED, "not installed");
        assertNotOk(f, "account.admins", FactStatus.UNSUPPORTED, "/etc/group");
    }

    @Test
    void sudoersSyntax() {
        Map<String, String> files = Map.of(
                "/etc/sudoers", """
                        Defaults env_reset
                        User_Alias OPS = kato, \\
                                         ito
                        OPS, !mori ALL = (root) NOPASSWD: ALL
                        %:domain\\ admins ALL=(ALL) ALL
                        nakamura ALL=/usr/bin/systemctl restart nginx
                        #1005 ALL=(ALL) ALL
                        @include sudoers.local
                        """,
                "/etc/sudoers.local", "@include /etc/sudoers\nyamada ALL=(ALL:ALL) SETENV: ALL # ops lead\n");
        Sudoers.Result r = Sudoers.parse("/etc/sudoers", Set.of("web01"), files::get, dir -> List.of());
        assertThat(r.users()).containsExactly("kato", "ito", "#1005", "yamada");
        assertThat(r.files()).containsExactly("/etc/sudoers", "/etc/sudoers.local");
    }

    @Test
    void sshdConfigKeywordsAreCaseInsensitiveAndFirstWins() {
        Map<String, String> files = Map.of(
                "/etc/ssh/sshd_config", "passwordauthentication=no\nPasswordAuthentication yes\nInclude conf.d/*.conf\n",
                "/etc/ssh/conf.d/a.conf", "PERMITROOTLOGIN \"no\"\n");
        SshdConfig.Parsed p = SshdConfig.fromFiles("/etc/ssh/sshd_config", files::get,
                dir -> files.keySet().stream().filter(k -> k.startsWith(dir + "/")).toList());
        assertThat(p.settings()).containsEntry("passwordauthentication", "no").containsEntry("permitrootlogin", "no");
        assertThat(SshdConfig.fromTest("garbage\n\nPermitRootLogin yes\n")).isEmpty();
    }
}
