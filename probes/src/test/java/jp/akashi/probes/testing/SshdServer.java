package jp.akashi.probes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OpenSSH {@code sshd} on a free 127.0.0.1 port with its own ed25519 host key, for the SSH
 * tests. Logins: {@code root} with {@link #clientKeyPem()} (key only), and a dedicated
 * {@link #TEST_USER} with {@link #TEST_PASSWORD} or the same key. The user is created for the run
 * and removed by {@link #close()}, which also stops sshd by PID.
 */
public final class SshdServer implements AutoCloseable {
    public static final String SSHD = "/usr/sbin/sshd";
    public static final String TEST_USER = "akashi-ssh-test";
    public static final String TEST_PASSWORD = "Akashi-test-pw-7731";

    private final Path dir;
    private final int port;
    private final Process process;
    private final String hostKeyFingerprint;
    private final String hostKeyLine;
    private final String clientKeyPem;

    private SshdServer(Path dir, int port, Process process, String hostKeyFingerprint, String hostKeyLine, String clientKeyPem) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.hostKeyLine = hostKeyLine;
        this.clientKeyPem = clientKeyPem;
    }

    public static SshdServer start() {
        return start(List.of());
    }

    /** @param extraConfig more sshd_config lines (e.g. {@code MaxSessions 1}) */
    public static SshdServer start(List<String> extraConfig) {
        TestDaemons.require(SSHD, "OpenSSH server (sshd)");
        TestDaemons.require("/usr/bin/ssh-keygen", "ssh-keygen");
        try {
            Path dir = Files.createTempDirectory("akashi-sshd-");
            TestDaemons.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "akashi-test-host", "-f", "host_ed25519"), dir);
            TestDaemons.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "akashi-test-client", "-f", "client_ed25519"), dir);
            String fp = TestDaemons.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", "host_ed25519.pub"), dir).split("\\s+")[1];
            String hostPub = Files.readString(dir.resolve("host_ed25519.pub")).strip();
            String clientPub = Files.readString(dir.resolve("client_ed25519.pub"));
            Files.writeString(dir.resolve("authorized_keys_root"), clientPub);
            Files.writeString(dir.resolve("authorized_keys_" + TEST_USER), clientPub);
            ensureTestUser(dir);

            int port = TestDaemons.freePort();
            Path conf = dir.resolve("sshd_config");
            Files.writeString(conf, String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_ed25519"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir + "/authorized_keys_%u",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication yes",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "AllowUsers root " + TEST_USER,
                    "MaxStartups 50",
                    "LogLevel INFO",
                    String.join("\n", extraConfig),
                    ""), StandardCharsets.UTF_8);
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
            TestDaemons.run(List.of(SSHD, "-t", "-f", conf.toString()), dir);

            Path log = dir.resolve("sshd.log");
            Process p = new ProcessBuilder(SSHD, "-D", "-e", "-f", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TestDaemons.awaitTcp(p, port, Duration.ofSeconds(15), log);
            return new SshdServer(dir, port, p, fp, hostPub, Files.readString(dir.resolve("client_ed25519")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ensureTestUser(Path dir) {
        try {
            TestDaemons.run(List.of("id", TEST_USER), dir);
        } catch (AssertionError missing) {
            TestDaemons.run(List.of("useradd", "--no-create-home", "--shell", "/bin/sh", TEST_USER), dir);
        }
        TestDaemons.run(List.of("sh", "-c", "echo '" + TEST_USER + ":" + TEST_PASSWORD + "' | chpasswd"), dir);
    }

    public int port() {
        return port;
    }

    /** SHA256:… of the server's host key, as ssh-keygen prints it. */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** Writes a known_hosts file that lists this server under {@code [127.0.0.1]:port}. */
    public Path knownHostsFile() {
        try {
            Path f = dir.resolve("known_hosts");
            String[] parts = hostKeyLine.split("\\s+");
            Files.writeString(f, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenSSH-format private key authorised for root and the test user. */
    public String clientKeyPem() {
        return clientKeyPem;
    }

    public String log() {
        return TestDaemons.readLog(dir.resolve("sshd.log"));
    }

    @Override
    public void close() {
        TestDaemons.stop(process);
        try {
            TestDaemons.run(List.of("userdel", TEST_USER), dir);
        } catch (AssertionError ignored) {
            // already gone
        }
        TestDaemons.deleteTree(dir);
    }
}
