package jp.akashi.probes.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.RegistryAssertions;
import jp.akashi.probes.testing.TestDaemons;

/** Real TCP listeners on loopback: one that greets like an SSH server, one silent, one with a full backlog. */
class PortScannerTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final PortScanner scanner = new PortScanner(Clock.systemUTC());

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private ServerSocket listen(int backlog, String greeting) throws IOException {
        ServerSocket ss = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        open.add(ss);
        if (greeting != null) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = ss.accept(); OutputStream out = s.getOutputStream()) {
                            out.write(greeting.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            t.setDaemon(true);
            t.start();
        }
        return ss;
    }

    /** A listener that never accepts, with its accept queue already full: new SYNs are dropped, as behind a firewall. */
    private int blackHole() throws IOException {
        ServerSocket ss = listen(1, null);
        for (int i = 0; i < 4; i++) {
            Socket s = new Socket();
            open.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 300);
            } catch (IOException full) {
                break; // the queue is full now
            }
        }
        return ss.getLocalPort();
    }

    @Test
    void findsOpenClosedAndFilteredPortsWithBanners() throws IOException {
        int ssh = listen(50, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n").getLocalPort();
        int silent = listen(50, null).getLocalPort();
        int closed = TestDaemons.freePort();
        int filtered = blackHole();
        String ports = ssh + "," + silent + "," + closed + "," + filtered;
        ScanRequest req = ScanRequest.of(List.of("127.0.0.1"), ports, "collector")
                .withTiming(Duration.ofMillis(700), Duration.ofMillis(300), 8, 500);

        List<Report> reports = scanner.scan(req, Report.SOURCE_COLLECTOR);

        assertThat(reports).hasSize(1);
        Report r = reports.get(0);
        RegistryAssertions.assertRegisteredAndTyped(r.facts());
        Map<String, Fact> f = r.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
        assertThat(f.keySet()).containsExactlyInAnyOrderElementsOf(PortScanner.KEYS);
        assertThat(f.get("exposure.open_ports").value()).isEqualTo(List.of((long) Math.min(ssh, silent), (long) Math.max(ssh, silent)));
        assertThat(f.get("exposure.ports_scanned").value()).isEqualTo(4L);
        assertThat(f.get("exposure.closed_port_count").value()).isEqualTo(1L);
        assertThat(f.get("exposure.filtered_port_count").value()).isEqualTo(1L);
        assertThat(f.get("exposure.scanned_from").value()).isEqualTo("collector");
        List<Object> services = new ArrayList<>((List<?>) f.get("exposure.services").value());
        assertThat(services).contains((Object) Map.<String, Object>of("port", (long) ssh, "protocol", "tcp", "service", "unknown",
                "banner", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"));
        assertThat(services).contains((Object) Map.<String, Object>of("port", (long) silent, "protocol", "tcp", "service", "unknown"));
        assertThat(f.get("exposure.open_ports").evidence().excerpt()).startsWith("scanned from collector at ");
        assertThat(f.get("exposure.open_ports").evidence().source()).isEqualTo("scan:tcp:127.0.0.1");
        assertThat(r.asset().address()).isEqualTo("127.0.0.1");
        assertThat(r.asset().kind()).isEqualTo(AssetIdentity.KIND_HOST);
        assertThat(r.source()).isEqualTo(Report.SOURCE_COLLECTOR);
    }

    @Test
    void theRateLimitSpacesConnections() throws IOException {
        int port = listen(50, null).getLocalPort();
        ScanRequest req = ScanRequest.of(List.of("127.0.0.1-3"), port + ",1-3", "agent:test")
                .withTiming(Duration.ofMillis(300), Duration.ZERO, 16, 20);
        long start = System.nanoTime();
        List<Report> reports = scanner.scan(req, Report.SOURCE_SCAN);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // 3 addresses × 4 ports = 12 connections at 20/s: the last starts 11/20 s after the first
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(540));
        assertThat(reports).extracting(r -> r.asset().address()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(reports.get(0).facts()).filteredOn(x -> x.key().equals("exposure.open_ports"))
                .extracting(Fact::value).containsExactly(List.of((long) port));
    }

    @Test
    void oversizedScansAreRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> scanner.scan(ScanRequest.of(List.of("10.0.0.0/8"), "22", "collector"), Report.SOURCE_SCAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more addresses than the limit of 4096");
        assertThatThrownBy(() -> scanner.scan(ScanRequest.of(List.of("192.0.2.0/24"), "1-65535", "collector"), Report.SOURCE_SCAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 addresses × 65535 ports = 16776960 connections exceed the limit of 1000000");
        assertThatThrownBy(() -> scanner.scan(ScanRequest.of(List.of("127.0.0.1"), "22,http", "collector"), Report.SOURCE_SCAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad port 'http'");
        assertThatThrownBy(() -> ScanRequest.of(List.of("127.0.0.1"), "22", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vantage point");
    }
}
