package jp.akashi.agent.collect;

import static jp.akashi.agent.collect.ImageTrees.collect;
import static jp.akashi.agent.collect.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Small root trees built for one scenario each, collected through the real probes end to end
 * (the same path as {@code akashi-agent collect --root DIR}), instead of unit-level fakes.
 */
class OfflineScenarioTreesTest {
    @TempDir
    Path dir;

    /** A fresh Debian 12 server image with a second uid-0 account that has an empty password. */
    private Path debianWithToor() throws IOException {
        Path root = dir.resolve("debian12");
        write(root, "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n");
        write(root, "etc/hostname", "db-01\n");
        write(root, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n");
        write(root, "etc/shadow", "root:$y$j9T$abc$def:19700:0:99999:7:::\ntoor::19700:0:99999:7:::\n"
                + "daemon:*:19700:0:99999:7:::\nalice:$y$j9T$ghi$jkl:19700:0:99999:7:::\n");
        write(root, "etc/group", "root:x:0:\nsudo:x:27:alice\n");
        write(root, "etc/login.defs", "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\n");
        write(root, "etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n");
        write(root, "usr/sbin/sshd", "not run\n");
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    @Test
    void aDebianImageIsJudgedFromItsOwnFiles() throws Exception {
        Path root = debianWithToor();
        Map<String, Fact> f = collect(root);
        assertThat(f.get("os.hostname").value()).isEqualTo("db-01");
        assertThat(f.get("os.pretty_name").value()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(f.get("os.machine_id").value()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(f.get("account.uid0").value()).isEqualTo(java.util.List.of("root", "toor"));
        assertThat(f.get("account.empty_password").value().toString()).contains("toor");
        assertThat(f.get("account.ssh.server_installed").value()).isEqualTo(true);
        assertThat(f.get("account.ssh.permit_root_login").value()).isEqualTo("yes");
        assertThat(f.get("account.ssh.permit_root_login").evidence().source()).contains("/etc/ssh/sshd_config");
        // what only a running system knows is unsupported, with the reason; never a guess
        for (String key : new String[]{"os.kernel", "net.listening_ports", "log.writer"}) {
            assertThat(f.get(key).status()).as(key).isEqualTo(FactStatus.UNSUPPORTED);
            assertThat(f.get(key).message()).as(key).contains("offline image");
        }
        assertThat(f.values().stream().filter(x -> x.status() == FactStatus.ERROR && x.message() != null
                && x.message().contains("offline image"))).isEmpty();
    }

    @Test
    void theCommandLineCollectsARootAndRefusesWhatIsNotOne() throws Exception {
        Path root = debianWithToor();
        Path out = dir.resolve("report.json");
        assertThat(AgentMain.commandLine().execute("collect", "--root", root.toString(), "-o", out.toString())).isZero();
        Report r = Json.mapper().readValue(out.toFile(), Report.class);
        assertThat(r.asset().hostname()).isEqualTo("db-01");
        assertThat(r.asset().machineId()).isEqualTo("0123456789abcdef0123456789abcdef");

        Path empty = Files.createDirectories(dir.resolve("not-a-root"));
        assertThat(AgentMain.commandLine().execute("collect", "--root", empty.toString())).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(AgentMain.commandLine().execute("collect", "--root", dir.resolve("missing").toString()))
                .isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(AgentMain.commandLine().execute("collect", "--root", root.toString(), "--replay", out.toString()))
                .isNotZero();
    }
}
