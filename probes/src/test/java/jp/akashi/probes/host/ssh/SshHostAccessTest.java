package jp.akashi.probes.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.testing.SshdServer;
import jp.akashi.probes.testing.TestDaemons;

/** SshHostAccess against a real OpenSSH sshd on loopback (started and stopped by this test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshHostAccessTest {
    private static final SshSettings FAST = new SshSettings(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10));

    private SshdServer sshd;

    @BeforeAll
    void startSshd() {
        sshd = SshdServer.start();
    }

    @AfterAll
    void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshTarget root(HostKeyPolicy policy) {
        return new SshTarget("127.0.0.1", sshd.port(), SshCredentials.privateKey("root", sshd.clientKeyPem(), null), policy, false);
    }

    private SshHostAccess connectRoot() throws SshConnectException {
        return SshHostAccess.connect(root(HostKeyPolicy.pinned(sshd.hostKeyFingerprint())), FAST);
    }

    @Test
    void linuxProbesOverSshRecordTheSameFactsAsLocally() throws Exception {
        Map<String, Fact> local = collect(new LocalHostAccess());
        Map<String, Fact> remote;
        try (SshHostAccess ssh = connectRoot()) {
            assertThat(HostProbes.detectOsFamily(ssh)).isEqualTo(ProbeContext.LINUX);
            remote = collect(ssh);
        }
        assertThat(remote.keySet()).isEqualTo(local.keySet());
        assertThat(remote.get("os.distribution").ok()).isTrue();
        for (Fact l : local.values()) {
            Fact r = remote.get(l.key());
            assertThat(r.status()).as("status of " + l.key() + " (" + l.message() + " / " + r.message() + ")").isEqualTo(l.status());
            assertThat(r.evidence() == null ? null : r.evidence().source()).as("evidence source of " + l.key())
                    .isEqualTo(l.evidence() == null ? null : l.evidence().source());
            // values that legitimately move between the two collections: times, and what other processes on a
            // shared machine open or install meanwhile (listening sockets, packages)
            if (!l.key().matches(".*(uptime|_at$|_age|age_).*") && !l.key().matches("(net\\.listening.*|patch\\..*|software\\..*)")) {
                assertThat(r.value()).as("value of " + l.key()).isEqualTo(l.value());
            }
        }
    }

    private static Map<String, Fact> collect(HostAccess host) {
        ProbeContext ctx = new ProbeContext(host, Clock.systemUTC(), HostProbes.detectOsFamily(host), Map.of());
        return new ProbeRunner(HostProbes.all()).run(ctx).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    @Test
    void argumentsReachTheCommandLiterallyAndTheLocaleIsC() throws Exception {
        String nasty = "it's $HOME; `id` \"q\" * \\n & | > /tmp/x 日本語";
        try (SshHostAccess ssh = connectRoot()) {
            CommandResult r = ssh.exec(List.of("printf", "%s|", nasty, "second arg"), Duration.ofSeconds(5));
            assertThat(r.succeeded()).as(r.describeFailure()).isTrue();
            assertThat(r.stdout()).isEqualTo(nasty + "|second arg|");
            assertThat(ssh.exec("sh", "-c", "echo $LC_ALL").stdout().strip()).isEqualTo("C");
            CommandResult missing = ssh.exec("no-such-command-akashi");
            assertThat(missing.notFound()).isTrue();
            CommandResult failing = ssh.exec("ls", "/no/such/dir");
            assertThat(failing.exitCode()).isEqualTo(2);
            assertThat(failing.stderr()).contains("No such file or directory");
            assertThat(ssh.hasCommand("sshd")).as("sbin directories are searched").isTrue();
            assertThat(ssh.hasCommand("no-such-command-akashi")).isFalse();
            assertThat(ssh.privileged()).isTrue();
            assertThat(ssh.hostKeyFingerprint()).isEqualTo(sshd.hostKeyFingerprint());
            assertThat(ssh.serverVersion()).startsWith("OpenSSH_");
        }
    }

    @Test
    void commandTimeoutKillsTheRemoteProcess() throws Exception {
        try (SshHostAccess ssh = connectRoot()) {
            long start = System.nanoTime();
            CommandResult r = ssh.exec(List.of("sleep", "3141"), Duration.ofMillis(800));
            assertThat(r.timedOut()).isTrue();
            assertThat(r.succeeded()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // the session is still usable, and the sleeper is gone (sshd runs on this machine)
            assertThat(ssh.exec("echo", "alive").stdout()).isEqualTo("alive\n");
            assertThat(awaitGone("sleep 3141")).as("remote sleep killed").isTrue();
        }
    }

    private static boolean awaitGone(String commandLine) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            boolean running = ProcessHandle.allProcesses()
                    .anyMatch(p -> p.info().commandLine().map(c -> c.endsWith(commandLine)).orElse(false));
            if (!running) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void fileReadsStatsAndListingsMatchTheLocalHost() throws Exception {
        LocalHostAccess local = new LocalHostAccess();
        try (SshHostAccess ssh = connectRoot()) {
            FileRead passwd = ssh.read("/etc/passwd");
            assertThat(passwd.ok()).isTrue();
            assertThat(passwd.content()).isEqualTo(local.read("/etc/passwd").content());
            assertThat(passwd.truncated()).isFalse();

            FileRead cut = ssh.read("/etc/passwd", 10);
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.content()).isEqualTo(passwd.content().substring(0, 10));

            assertThat(ssh.read("/no/such/file").status()).isEqualTo(FileRead.Status.NOT_FOUND);
            assertThat(ssh.read("/etc").status()).isEqualTo(FileRead.Status.ERROR);
            assertThat(ssh.read("/etc").problem()).isEqualTo("is a directory");
            assertThat(ssh.read("relative/path").ok()).isFalse();

            assertThat(ssh.stat("/etc/passwd")).isEqualTo(local.stat("/etc/passwd"));
            assertThat(ssh.stat("/etc")).isEqualTo(local.stat("/etc"));
            assertThat(ssh.stat("/no/such/file")).isEqualTo(Optional.empty());
            List<FileEntry> remoteEtc = ssh.list("/etc");
            assertThat(remoteEtc).hasSizeGreaterThan(10).isEqualTo(local.list("/etc"));
            assertThat(ssh.list("/no/such/dir")).isEmpty();
        }
    }

    @Test
    void passwordLoginOfAnUnprivilegedUserSeesPermissionDenied() throws Exception {
        SshTarget t = new SshTarget("127.0.0.1", sshd.port(), SshCredentials.password(SshdServer.TEST_USER, SshdServer.TEST_PASSWORD),
                HostKeyPolicy.knownHosts(sshd.knownHostsFile()), false);
        try (SshHostAccess ssh = SshHostAccess.connect(t, FAST)) {
            assertThat(ssh.privileged()).isFalse();
            assertThat(ssh.exec("id", "-un").stdout().strip()).isEqualTo(SshdServer.TEST_USER);
            assertThat(ssh.read("/etc/shadow").status()).isEqualTo(FileRead.Status.DENIED);
            Optional<FileEntry> shadow = ssh.stat("/etc/shadow");
            assertThat(shadow).isPresent();
            assertThat(shadow.get().readable()).isFalse();
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        SshTarget t = new SshTarget("127.0.0.1", sshd.port(), SshCredentials.password(SshdServer.TEST_USER, "wrong-password"),
                HostKeyPolicy.pinned(sshd.hostKeyFingerprint()), false);
        assertThatThrownBy(() -> SshHostAccess.connect(t, FAST))
                .isInstanceOfSatisfying(SshConnectException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshConnectException.Kind.AUTH_FAILED);
                    assertThat(e.getMessage()).contains(SshdServer.TEST_USER).contains("password").contains("refused");
                });
    }

    @Test
    void wrongPinnedHostKeyIsRefusedBeforeAuthentication() {
        String other = "SHA256:" + "A".repeat(43);
        assertThatThrownBy(() -> SshHostAccess.connect(root(HostKeyPolicy.pinned(other)), FAST))
                .isInstanceOfSatisfying(SshConnectException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshConnectException.Kind.HOST_KEY_REJECTED);
                    assertThat(e.getMessage()).contains(sshd.hostKeyFingerprint()).contains(other).contains("does not match");
                    assertThat(e.seenHostKey()).isEqualTo(sshd.hostKeyFingerprint());
                });
    }

    @Test
    void knownHostsFileIsEnforced() throws Exception {
        try (SshHostAccess ok = SshHostAccess.connect(root(HostKeyPolicy.knownHosts(sshd.knownHostsFile())), FAST)) {
            assertThat(ok.exec("true").succeeded()).isTrue();
        }
        Path dir = Files.createTempDirectory("akashi-kh-");
        try {
            TestDaemons.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "other"), dir);
            String[] otherKey = Files.readString(dir.resolve("other.pub")).split("\\s+");
            Path changed = dir.resolve("known_hosts");
            // another ed25519 key listed for the same host and port: the host key changed
            Files.writeString(changed, "[127.0.0.1]:" + sshd.port() + " " + otherKey[0] + " " + otherKey[1] + "\n");
            assertThatThrownBy(() -> SshHostAccess.connect(root(HostKeyPolicy.knownHosts(changed)), FAST))
                    .isInstanceOfSatisfying(SshConnectException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshConnectException.Kind.HOST_KEY_REJECTED);
                        assertThat(e.getMessage()).contains("does not match known_hosts");
                    });
            Path unknown = dir.resolve("unknown_known_hosts");
            Files.writeString(unknown, "[10.9.9.9]:22 " + otherKey[0] + " " + otherKey[1] + "\n");
            assertThatThrownBy(() -> SshHostAccess.connect(root(HostKeyPolicy.knownHosts(unknown)), FAST))
                    .isInstanceOfSatisfying(SshConnectException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshConnectException.Kind.HOST_KEY_REJECTED);
                        assertThat(e.getMessage()).contains("is not in known_hosts");
                    });
            assertThatThrownBy(() -> SshHostAccess.connect(root(HostKeyPolicy.knownHosts(dir.resolve("missing"))), FAST))
                    .isInstanceOfSatisfying(SshConnectException.class, e -> assertThat(e.kind()).isEqualTo(SshConnectException.Kind.CONFIG));
        } finally {
            TestDaemons.deleteTree(dir);
        }
    }

    @Test
    void trustOnFirstUseReturnsTheFingerprintToPin() throws Exception {
        String seen;
        try (SshHostAccess ssh = SshHostAccess.connect(root(HostKeyPolicy.trustOnFirstUse()), FAST)) {
            seen = ssh.hostKeyFingerprint();
            assertThat(ssh.hostKeyType()).isEqualTo("ssh-ed25519");
        }
        assertThat(seen).isEqualTo(sshd.hostKeyFingerprint());
        try (SshHostAccess pinned = SshHostAccess.connect(root(HostKeyPolicy.pinned(seen)), FAST)) {
            assertThat(pinned.exec("true").succeeded()).isTrue();
        }
    }

    @Test
    void encryptedKeyWithWrongPassphraseIsAClearAuthFailure() throws Exception {
        Path dir = Files.createTempDirectory("akashi-key-");
        try {
            TestDaemons.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "right-passphrase", "-f", "k"), dir);
            String pem = Files.readString(dir.resolve("k"));
            SshTarget t = new SshTarget("127.0.0.1", sshd.port(), SshCredentials.privateKey("root", pem, "wrong"),
                    HostKeyPolicy.pinned(sshd.hostKeyFingerprint()), false);
            assertThatThrownBy(() -> SshHostAccess.connect(t, FAST))
                    .isInstanceOfSatisfying(SshConnectException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshConnectException.Kind.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("root");
                    });
        } finally {
            TestDaemons.deleteTree(dir);
        }
    }

    @Test
    void sudoThatDoesNotWorkFailsTheConnectionClearly() {
        SshTarget t = new SshTarget("127.0.0.1", sshd.port(), SshCredentials.password(SshdServer.TEST_USER, SshdServer.TEST_PASSWORD),
                HostKeyPolicy.pinned(sshd.hostKeyFingerprint()), true);
        assertThatThrownBy(() -> SshHostAccess.connect(t, FAST))
                .isInstanceOfSatisfying(SshConnectException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshConnectException.Kind.SUDO_FAILED);
                    assertThat(e.getMessage()).contains("sudo -n does not work for " + SshdServer.TEST_USER);
                });
    }

    @Test
    void refusedPortIsUnreachable() {
        SshTarget t = new SshTarget("127.0.0.1", TestDaemons.freePort(),
                SshCredentials.password("root", "x"), HostKeyPolicy.trustOnFirstUse(), false);
        assertThatThrownBy(() -> SshHostAccess.connect(t, FAST))
                .isInstanceOfSatisfying(SshConnectException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshConnectException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("cannot connect to 127.0.0.1");
                });
    }

    @Test
    void hostThatAcceptsButNeverSpeaksTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshTarget t = new SshTarget("127.0.0.1", silent.getLocalPort(), SshCredentials.password("root", "x"),
                    HostKeyPolicy.trustOnFirstUse(), false);
            SshSettings quick = new SshSettings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofSeconds(2));
            long start = System.nanoTime();
            assertThatThrownBy(() -> SshHostAccess.connect(t, quick))
                    .isInstanceOfSatisfying(SshConnectException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshConnectException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("did not answer in time").contains("no server banner");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
