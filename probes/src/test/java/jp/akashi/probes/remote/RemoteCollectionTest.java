package jp.akashi.probes.remote;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshCredentials;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.host.ssh.SshTarget;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.SshdServer;
import jp.akashi.probes.testing.RegistryAssertions;
import jp.akashi.probes.testing.TestDaemons;

/** RemoteCollection against a real sshd plus hosts that fail in the ways real ones do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCollectionTest {
    private static final SshSettings SETTINGS = new SshSettings(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(10));

    private SshdServer sshd;
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        sshd = SshdServer.start();
        // a host that accepts TCP and then never says a word (hung sshd, tarpit)
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
    }

    @AfterAll
    void stop() throws IOException {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshTarget good() {
        return new SshTarget("127.0.0.1", sshd.port(), SshCredentials.privateKey("root", sshd.clientKeyPem(), null),
                HostKeyPolicy.pinned(sshd.hostKeyFingerprint()), false);
    }

    private static SshTarget at(int port, HostKeyPolicy policy) {
        return new SshTarget("127.0.0.1", port, SshCredentials.password("root", "irrelevant"), policy, false);
    }

    @Test
    void badHostsBecomeFailureResultsWhileTheGoodOneIsCollected() {
        RemoteCollection rc = RemoteCollection.ssh(SETTINGS, Report.SOURCE_COLLECTOR, Map.of());
        List<SshTarget> targets = List.of(
                at(silent.getLocalPort(), HostKeyPolicy.trustOnFirstUse()),
                good(),
                at(TestDaemons.freePort(), HostKeyPolicy.trustOnFirstUse()),
                new SshTarget("127.0.0.1", sshd.port(), SshCredentials.privateKey("root", sshd.clientKeyPem(), null),
                        HostKeyPolicy.pinned("SHA256:" + "B".repeat(43)), false));

        List<RemoteResult> results = rc.collectAll(targets, 2, Duration.ofMinutes(2));

        assertThat(results).extracting(RemoteResult::outcome).containsExactly(
                RemoteResult.Outcome.TIMEOUT, RemoteResult.Outcome.OK, RemoteResult.Outcome.UNREACHABLE,
                RemoteResult.Outcome.HOST_KEY_REJECTED);
        RemoteResult hung = results.get(0);
        RemoteResult ok = results.get(1);
        assertThat(hung.message()).contains("127.0.0.1:" + silent.getLocalPort()).contains("did not answer in time");
        assertThat(hung.report()).isNull();
        // the hung host held one worker; the good host was being collected on the other meanwhile
        assertThat(ok.startedAt()).isBefore(hung.finishedAt());
        assertThat(results.get(2).message()).contains("cannot connect");
        assertThat(results.get(3).message()).contains("does not match the pinned");
        assertThat(results.get(3).hostKey()).isEqualTo(sshd.hostKeyFingerprint());

        Report report = ok.report();
        assertThat(report.source()).isEqualTo(Report.SOURCE_COLLECTOR);
        assertThat(report.reportId()).isNotNull();
        AssetIdentity id = report.asset();
        assertThat(id.kind()).isEqualTo(AssetIdentity.KIND_HOST);
        assertThat(id.address()).isEqualTo("127.0.0.1");
        assertThat(id.osFamily()).isEqualTo("linux");
        assertThat(id.hostname()).isEqualTo(TestDaemons.run(List.of("uname", "-n"), Path.of("/")).strip());
        assertThat(id.machineId()).isEqualTo(machineId());
        Map<String, Fact> facts = byKey(report.facts());
        RegistryAssertions.assertRegisteredAndTyped(report.facts().stream().filter(x -> x.key().startsWith("remote.")).toList());
        assertThat(facts.get("remote.ssh.host_key_fingerprint").value()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(facts.get("remote.method").value()).isEqualTo("ssh");
        assertThat(facts.get("remote.ssh.sudo").value()).isEqualTo(false);
        assertThat(facts.get("os.family").value()).isEqualTo("linux");
        for (Probe p : HostProbes.all()) {
            if (p.id().startsWith("linux.")) {
                assertThat(facts.keySet()).containsAll(p.keys());
            } else {
                p.keys().stream().filter(k -> k.contains(".windows.") || k.contains(".macos.")).forEach(k ->
                        assertThat(facts).as("%s does not apply to a Linux host", p.id()).doesNotContainKey(k));
            }
        }
    }

    /**
     * Probes run three at a time over one connection, a channel each. A server that allows fewer
     * channels (hardened sshd_config: MaxSessions 1) refuses the extra ones; the refused commands run
     * again one at a time and the report is the same as from a default server, with no failed channel.
     */
    @Test
    void aServerWithMaxSessionsOneGivesTheSameReport() {
        RemoteCollection rc = RemoteCollection.ssh(SETTINGS, Report.SOURCE_COLLECTOR, Map.of());
        RemoteResult normal = rc.collect(good(), Duration.ofMinutes(2));
        try (SshdServer strict = SshdServer.start(List.of("MaxSessions 1"))) {
            SshTarget t = new SshTarget("127.0.0.1", strict.port(), SshCredentials.privateKey("root", strict.clientKeyPem(), null),
                    HostKeyPolicy.pinned(strict.hostKeyFingerprint()), false);
            RemoteResult one = rc.collect(t, Duration.ofMinutes(2));
            assertThat(one.outcome()).isEqualTo(RemoteResult.Outcome.OK);
            Map<String, Fact> a = byKey(normal.report().facts());
            Map<String, Fact> b = byKey(one.report().facts());
            assertThat(b.keySet()).isEqualTo(a.keySet());
            b.forEach((k, f) -> {
                assertThat(String.valueOf(f.value()) + f.status() + f.message()).as(k).doesNotContain("ssh channel");
                // facts about the sshd itself differ (its own config and key); the rest match
                if (!k.startsWith("remote.") && !k.startsWith("ssh.") && !k.startsWith("net.") && !k.contains("process")) {
                    assertThat(f.status()).as(k + ": " + f.message() + " / " + f.value()).isEqualTo(a.get(k).status());
                }
            });
        }
    }

    @Test
    void aCollectionThatOutrunsItsBudgetIsCutOffAndReportedAsTimeout() {
        Probe hanging = new Probe() {
            @Override
            public String id() {
                return "test.hanging";
            }

            @Override
            public List<String> keys() {
                return List.of("os.family");
            }

            @Override
            public boolean appliesTo(ProbeContext ctx) {
                return true;
            }

            @Override
            public void collect(ProbeContext ctx, FactSink out) {
                CommandResult r = ctx.host().exec(List.of("sleep", "2718"), Duration.ofSeconds(5)); // the budget (1 s) cuts in first
                out.failed(r, "os.family");
            }
        };
        RemoteCollection rc = new RemoteCollection(t -> jp.akashi.probes.host.ssh.SshHostAccess.connect(t, SETTINGS),
                List.of(hanging), Clock.systemUTC(), Report.SOURCE_SCAN, Map.of());
        long start = System.nanoTime();
        RemoteResult r = rc.collect(good(), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(RemoteResult.Outcome.TIMEOUT);
        assertThat(r.message()).contains("exceeded its budget");
        assertThat(r.report()).isNull();
    }

    @Test
    void wrongCredentialsAreAnAuthFailureResult() {
        RemoteCollection rc = RemoteCollection.ssh(SETTINGS, Report.SOURCE_SCAN, Map.of());
        RemoteResult r = rc.collect(at(sshd.port(), HostKeyPolicy.pinned(sshd.hostKeyFingerprint())), Duration.ofMinutes(1));
        assertThat(r.outcome()).isEqualTo(RemoteResult.Outcome.AUTH_FAILED);
        assertThat(r.message()).contains("authentication as root with password refused");
        assertThat(r.hostKey()).isEqualTo(sshd.hostKeyFingerprint());
    }

    @Test
    void onlyCollectorOrScanAreValidSources() {
        assertThatThrownBy(() -> RemoteCollection.ssh(SETTINGS, Report.SOURCE_AGENT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteCollection.ssh(SETTINGS, Report.SOURCE_SCAN, Map.of()).collectAll(List.of(good()), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> RemoteCollection.ssh(SETTINGS, Report.SOURCE_SCAN, Map.of()).collect(good(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
    }

    private static Map<String, Fact> byKey(List<Fact> facts) {
        return facts.stream().collect(java.util.stream.Collectors.toMap(Fact::key, f -> f));
    }

    private static String machineId() {
        try {
            return Files.readString(Path.of("/etc/machine-id")).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
