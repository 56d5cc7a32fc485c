package jp.akashi.probes.linux.net;

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

class LinuxNetProbeTest {

    private static String fx(String name) {
        return LinuxFixtures.text("net", name);
    }

    @Test
    void ssAsRootNamesProcessesAndScopes() {
        SsListeners.Result r = SsListeners.parse(fx("ubuntu-2204-ss-tulpn-root.txt"));
        assertThat(r.unparsed()).isZero();
        assertThat(r.listeners()).hasSize(9);
        assertThat(r.listeners()).contains(
                new Listener("tcp", "0.0.0.0", 22, null, "sshd", 905),
                new Listener("tcp6", "::", 22, null, "sshd", 905),
                new Listener("tcp", "*", 80, null, "apache2", 1203),
                new Listener("tcp", "127.0.0.53", 53, "lo", "systemd-resolve", 612),
                new Listener("udp", "10.0.2.15", 68, "enp0s3", "systemd-network", 598),
                new Listener("udp6", "::1", 323, null, "chronyd", 701));
    }

    @Test
    void ssWithoutRootHasNoProcesses() {
        SsListeners.Result r = SsListeners.parse(fx("rhel-9-ss-tulpn-user.txt"));
        assertThat(r.listeners()).hasSize(5).allSatisfy(l -> assertThat(l.process()).isNull());
        assertThat(SsListeners.parse(fx("debian-12-ss-tulpn-root.txt")).unparsed()).isZero();
        assertThat(SsListeners.parse("tcp LISTEN 0 128 0.0.0.0:http 0.0.0.0:*\n").unparsed()).isEqualTo(1);
    }

    @Test
    void procNetTablesInKernelByteOrder() {
        assertThat(ProcNetListeners.parse("tcp", fx("debian-12-proc-net-tcp.txt")))
                .containsExactly(new Listener("tcp", "0.0.0.0", 2024, null, null, null));
        assertThat(ProcNetListeners.parse("tcp6", fx("rhel-9-proc-net-tcp6.txt"))).containsExactly(
                new Listener("tcp6", "::", 22, null, null, null),
                new Listener("tcp6", "::1", 25, null, null, null));
        // the connected socket (state 01) is not a listener
        assertThat(ProcNetListeners.parse("udp", fx("rhel-9-proc-net-udp.txt")))
                .containsExactly(new Listener("udp", "127.0.0.1", 323, null, null, null));
        assertThat(ProcNetListeners.parse("tcp", "garbage\n  0: zz:yy 0A")).isEmpty();
    }

    @Test
    void probeListsSocketsAndExposedTcpPorts() {
        FixtureHost host = new FixtureHost().command("ss -H -tulpn", 0, fx("ubuntu-2204-ss-tulpn-root.txt"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxNetProbe(), host, ProbeContext.LINUX);
        assertThat(LinuxFixtures.objects(f, "net.listening")).hasSize(9)
                .contains(Map.of("proto", "tcp", "address", "0.0.0.0", "port", 22L, "process", "sshd", "pid", 905L));
        // 53 (lo) and 5432 (127.0.0.1) are loopback only; UDP is not in this list
        assertOk(f, "net.listening_ports", List.of(22L, 80L));
        assertThat(f.get("net.listening").evidence().source()).isEqualTo("cmd:ss -H -tulpn");
    }

    @Test
    void oldSsWithoutHeaderOption() {
        FixtureHost host = new FixtureHost()
                .command("ss -H -tulpn", 1, "", "ss: invalid option -- 'H'\n")
                .command("ss -tulpn", 0, "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                        + "tcp   LISTEN 0      128          *:22                   *:*    users:((\"sshd\",pid=1021,fd=3))\n");
        Map<String, Fact> f = ProbeTesting.run(new LinuxNetProbe(), host, ProbeContext.LINUX);
        assertOk(f, "net.listening_ports", List.of(22L));
        assertThat(f.get("net.listening").evidence().source()).isEqualTo("cmd:ss -tulpn");
    }

    @Test
    void fallsBackToProcWithoutSs() {
        FixtureHost host = new FixtureHost()
                .file("/proc/net/tcp", fx("debian-12-proc-net-tcp.txt"))
                .file("/proc/net/tcp6", fx("rhel-9-proc-net-tcp6.txt"))
                .file("/proc/net/udp", fx("rhel-9-proc-net-udp.txt"));
        Map<String, Fact> f = ProbeTesting.run(new LinuxNetProbe(), host, ProbeContext.LINUX);
        assertOk(f, "net.listening_ports", List.of(22L, 2024L));
        assertThat(LinuxFixtures.objects(f, "net.listening")).hasSize(4);
        assertThat(f.get("net.listening").evidence().excerpt()).contains("ss: ").contains("owning processes are not listed");
    }

    @Test
    void nothingReadableIsAnError() {
        FixtureHost host = new FixtureHost().deniedFile("/proc/net/tcp");
        Map<String, Fact> f = ProbeTesting.run(new LinuxNetProbe(), host, ProbeContext.LINUX);
        assertNotOk(f, "net.listening", FactStatus.ERROR, "permission denied");
        assertNotOk(f, "net.listening_ports", FactStatus.ERROR, "permission denied");
    }
}
