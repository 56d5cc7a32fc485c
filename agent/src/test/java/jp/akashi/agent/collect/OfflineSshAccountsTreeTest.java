package jp.akashi.agent.collect;

import static jp.akashi.agent.collect.ImageTrees.collect;
import static jp.akashi.agent.collect.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * Issue 14 §3 through {@code collect --root}: an Ubuntu cloud image whose SSH, sudo and login policy are read
 * from its files by the real probes, while what needs the running system (processes, find, sshd -T's
 * algorithm lists) is unsupported with the reason, never guessed.
 */
class OfflineSshAccountsTreeTest {
    @TempDir
    Path dir;

    private Path ubuntuCloudImage() throws IOException {
        Path root = dir.resolve("ubuntu2204");
        write(root, "etc/os-release", "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n");
        write(root, "etc/hostname", "web-01\n");
        write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n"
                + "ops:x:1001:1001:Ops:/home/ops:/bin/bash\n");
        write(root, "etc/shadow", "root:!:19700:0:99999:7:::\nubuntu:!:19700:0:99999:7:::\nops:$y$j9T$abc$def:19700:0:99999:7:::\n");
        write(root, "etc/group", "root:x:0:\nsudo:x:27:ubuntu\n");
        write(root, "etc/login.defs", "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nUMASK\t\t022\nENCRYPT_METHOD SHA512\n");
        write(root, "etc/pam.d/passwd", "@include common-password\n");
        write(root, "etc/pam.d/common-password", "password [success=1 default=ignore] pam_unix.so obscure yescrypt\n");
        write(root, "etc/pam.d/su", "auth sufficient pam_rootok.so\n# auth required pam_wheel.so\n");
        write(root, "etc/sudoers", "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n");
        write(root, "etc/sudoers.d/90-cloud-init-users", "ubuntu ALL=(ALL) NOPASSWD:ALL\n");
        write(root, "etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding yes\nMatch User ops\n  PasswordAuthentication yes\n");
        write(root, "etc/ssh/sshd_config.d/60-cloudimg-settings.conf", "PasswordAuthentication no\nClientAliveInterval 300\n");
        write(root, "usr/sbin/sshd", "not run\n");
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    @Test
    void fileFactsAreReadAndLiveOnesAreUnsupported() throws Exception {
        Map<String, Fact> f = collect(ubuntuCloudImage());
        assertThat(f.get("account.ssh.password_authentication").value()).isEqualTo(false);
        assertThat(f.get("account.ssh.match_overrides").value()).isEqualTo(List.of("Match User ops: passwordauthentication yes"));
        assertThat(f.get("account.ssh.x11_forwarding").value()).isEqualTo(true);
        assertThat(f.get("account.ssh.client_alive_interval").value()).isEqualTo(300L);
        assertThat(f.get("account.sudo_nopasswd").value()).isEqualTo(List.of("/etc/sudoers.d/90-cloud-init-users: ubuntu ALL=(ALL) NOPASSWD:ALL"));
        assertThat(f.get("account.su_restricted").value()).isEqualTo(false);
        assertThat(f.get("account.default_umask").value()).isEqualTo("022");
        assertThat(f.get("account.inactive_lock_days").value()).isEqualTo(-1L);
        assertThat(f.get("auth.password.hash_algorithm").value()).isEqualTo("yescrypt");
        assertThat(f.get("account.password_never_expires").value()).isEqualTo(List.of("ops"));
        for (String key : new String[]{"service.bruteforce_protection", "file.world_writable_system", "account.ssh.ciphers"}) {
            assertThat(f.get(key).status()).as(key).isEqualTo(FactStatus.UNSUPPORTED);
        }
        assertThat(f.get("file.world_writable_system").message()).contains("offline image");
        assertThat(f.values().stream().filter(x -> x.status() == FactStatus.ERROR && x.message() != null
                && x.message().contains("offline image"))).isEmpty();
    }
}
