package jp.akashi.probes.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshCredentials;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.SnmpdServer;
import jp.akashi.probes.testing.SshdServer;

/** The target runner against real peers: merging per address, configured well-known communities, failures as results. */
class TargetRunnerTest {
    static final TargetRunner RUNNER = new TargetRunner(Clock.systemUTC(), Report.SOURCE_SCAN, "agent:test",
            new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)), Duration.ofSeconds(3));

    static Map<String, Fact> facts(Report r) {
        return r.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    static TargetOptions options(String ports, int snmpPort) {
        return new TargetOptions(ports, List.of(443), 22, snmpPort, false, false, 700, 1);
    }

    @Test
    void aConfiguredWellKnownCommunityThatAnswersIsRecordedWithoutTheOptInTest() {
        try (SnmpdServer snmpd = SnmpdServer.start("RTX830 Rev.15.02.20 (Tue Sep 21 10:54:40 2021)", ".1.3.6.1.4.1.1182.1.71")) {
            TargetSpec spec = new TargetSpec("rtr", "127.0.0.1", "network-device", EnumSet.of(ProbeKind.SNMP), options("22", snmpd.port()));
            TargetRunResult r = RUNNER.run(spec, new TargetSecrets(null, "public", null), null, Duration.ofMinutes(1));
            assertThat(r.outcome()).isEqualTo(TargetRunResult.Outcome.OK);
            Map<String, Fact> f = facts(r.reports().get(0).report());
            assertThat(f.get("snmp.community.well_known_accepted").value()).isEqualTo(true);
            assertThat(f.get("snmp.community.well_known_accepted_list").value()).isEqualTo(List.of("public"));
            assertThat(f.get("snmp.community.well_known_accepted").evidence().excerpt()).contains("configured for reading");

            TargetRunResult own = RUNNER.run(spec, new TargetSecrets(null, SnmpdServer.COMMUNITY, null), null, Duration.ofMinutes(1));
            assertThat(facts(own.reports().get(0).report()).get("snmp.community.well_known_accepted").ok())
                    .as("not tested: stays unsupported").isFalse();
            assertThat(own.reports().get(0).report().asset().snmpEngineId()).isNotBlank();
        }
    }

    @Test
    void silentDeviceFailsWithoutAReportWorthStoring() throws Exception {
        int port;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        TargetSpec spec = new TargetSpec("gone", "127.0.0.1", "network-device", EnumSet.of(ProbeKind.SNMP), options("22", port));
        TargetRunResult r = RUNNER.run(spec, new TargetSecrets(null, "abc-123", null), null, Duration.ofMinutes(1));
        assertThat(r.outcome()).isEqualTo(TargetRunResult.Outcome.FAILED);
        assertThat(r.probes().get(0).code()).isEqualTo("NO_ANSWER");
        assertThat(r.reports().get(0).collected()).isFalse();
        assertThat(r.message()).startsWith("snmp: NO_ANSWER:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sshPortsAndTlsOfOneAddressMergeIntoOneReport() throws Exception {
        try (SshdServer sshd = SshdServer.start(); ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TargetOptions o = new TargetOptions(sshd.port() + "," + plain.getLocalPort(), List.of(plain.getLocalPort()), sshd.port(), 161,
                    false, false, 700, 1);
            TargetSpec spec = new TargetSpec("web", "127.0.0.1", "host", EnumSet.of(ProbeKind.SSH, ProbeKind.PORTS, ProbeKind.TLS), o);
            TargetRunResult r = RUNNER.run(spec, new TargetSecrets(SshCredentials.privateKey("root", sshd.clientKeyPem(), null), null, null),
                    HostKeyPolicy.trustOnFirstUse(), Duration.ofMinutes(2));
            assertThat(r.reports()).hasSize(1);
            Report report = r.reports().get(0).report();
            Map<String, Fact> f = facts(report);
            assertThat(f.get("os.family").value()).isEqualTo("linux");
            assertThat((List<Object>) f.get("exposure.open_ports").value()).containsExactlyInAnyOrder((long) sshd.port(), (long) plain.getLocalPort());
            assertThat(report.asset().machineId()).as("identity from SSH").isNotBlank();
            assertThat(report.asset().address()).isEqualTo("127.0.0.1");
            assertThat(report.source()).isEqualTo("scan");
            // the open port does not speak TLS: the TLS part failed, the rest worked
            assertThat(r.outcome()).isEqualTo(TargetRunResult.Outcome.PARTIAL);
            assertThat(r.probes()).extracting(TargetRunResult.ProbeResult::code).containsExactly("OK", "OK", "ERROR");
            assertThat(r.hostKey()).isEqualTo(sshd.hostKeyFingerprint());
            assertThat(r.hostKeyAuthenticated()).isTrue();

            TargetRunResult denied = RUNNER.run(spec, new TargetSecrets(SshCredentials.password(SshdServer.TEST_USER, "wrong-password-1"), null, null),
                    HostKeyPolicy.pinned(sshd.hostKeyFingerprint()), Duration.ofMinutes(2));
            assertThat(denied.probes().get(0).code()).isEqualTo("AUTH_FAILED");
            assertThat(denied.hostKeyAuthenticated()).isFalse();
            Map<String, Fact> partial = facts(denied.reports().get(0).report());
            assertThat(partial.get("remote.method").message()).contains("AUTH_FAILED");
            assertThat(partial).containsKey("exposure.open_ports").doesNotContainKey("os.family");
            assertThat(denied.reports().get(0).collected()).as("the port scan still worked").isTrue();
        }
    }

    @Test
    void aRangeOfAddressesWithNoTlsPortOpen() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TargetSpec spec = new TargetSpec("lo", "127.0.0.1-2", "host", EnumSet.of(ProbeKind.PORTS, ProbeKind.TLS),
                new TargetOptions(String.valueOf(closed), List.of(closed), 22, 161, false, false, 700, 1));
        TargetRunResult r = RUNNER.run(spec, TargetSecrets.NONE, null, Duration.ofMinutes(1));
        assertThat(r.reports()).extracting(TargetRunResult.AddressReport::address).containsExactly("127.0.0.1", "127.0.0.2");
        Fact tls = facts(r.reports().get(0).report()).get("tls.legacy_protocol_accepted");
        assertThat(tls.ok()).isFalse();
        assertThat(tls.message()).contains("no TLS port");
        assertThat(r.outcome()).isEqualTo(TargetRunResult.Outcome.OK);
    }
}
