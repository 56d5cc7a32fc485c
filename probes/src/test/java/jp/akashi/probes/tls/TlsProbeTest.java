package jp.akashi.probes.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.TestCertificates;
import jp.akashi.probes.testing.TestCertificates.Issued;
import jp.akashi.probes.testing.RegistryAssertions;
import jp.akashi.probes.testing.TestDaemons;
import jp.akashi.probes.testing.TlsTestServer;

/** TlsProbe against in-JVM TLS servers with certificates made here. */
class TlsProbeTest {
    private static final char[] PW = "changeit".toCharArray();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TlsProbe probe = new TlsProbe(Clock.systemUTC(), Duration.ofSeconds(3));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private TlsTestServer serve(Issued cert, String... protocols) throws GeneralSecurityException, IOException {
        TlsTestServer s = TlsTestServer.start(cert.keyStore(PW), PW, List.of(protocols));
        open.add(s);
        return s;
    }

    /** What a protocol the server does not enable should read as with this JDK. */
    private static String refusedOrUntestable(String protocol) {
        SSLContext ctx = JdkTls.inspectionContext();
        return JdkTls.canOffer(ctx, protocol) ? "not_accepted" : "not_testable";
    }

    private static Map<String, Fact> byKey(Report r) {
        return r.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(Map<String, Fact> f, int i) {
        return (Map<String, Object>) ((List<?>) f.get("tls.endpoints").value()).get(i);
    }

    @Test
    void selfSignedEcCertificateOnAModernServer() throws Exception {
        Issued cert = TestCertificates.selfSigned("CN=portal.example.co.jp,O=Akashi Test", TestCertificates.ec256(),
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), List.of("DNS:portal.example.co.jp", "IP:127.0.0.1"), false);
        TlsTestServer server = serve(cert, "TLSv1.2", "TLSv1.3");

        Report r = probe.report("127.0.0.1", List.of(new TlsProbe.Endpoint("127.0.0.1", server.port(), null)), Report.SOURCE_SCAN,
                AssetIdentity.KIND_HOST);

        Map<String, Fact> f = byKey(r);
        assertThat(f.keySet()).containsExactlyInAnyOrderElementsOf(TlsProbe.KEYS);
        RegistryAssertions.assertRegisteredAndTyped(r.facts());
        Map<String, Object> e = endpoint(f, 0);
        assertThat(e.get("protocols")).isEqualTo(Map.of("TLSv1", refusedOrUntestable("TLSv1"), "TLSv1.1", refusedOrUntestable("TLSv1.1"),
                "TLSv1.2", "accepted", "TLSv1.3", "accepted"));
        assertThat(e).containsEntry("negotiated_protocol", "TLSv1.3")
                .containsEntry("subject", "O=Akashi Test,CN=portal.example.co.jp")
                .containsEntry("issuer", "O=Akashi Test,CN=portal.example.co.jp")
                .containsEntry("san", List.of("DNS:portal.example.co.jp", "IP:127.0.0.1"))
                .containsEntry("not_after", NOW.plus(30, ChronoUnit.DAYS).toString())
                .containsEntry("expired", false)
                .containsEntry("self_signed", true)
                .containsEntry("chain_trusted", false)
                .containsEntry("hostname_match", true)
                .containsEntry("key_type", "EC")
                .containsEntry("key_bits", 256L)
                .containsEntry("signature_algorithm", "SHA256withECDSA");
        assertThat((Long) e.get("days_left")).isBetween(29L, 30L);
        assertThat((String) e.get("sha256")).hasSize(64);
        assertThat(f.get("tls.protocols_accepted").value()).isEqualTo(List.of("TLSv1.2", "TLSv1.3"));
        assertThat(f.get("tls.cert.self_signed").value()).isEqualTo(true);
        assertThat(f.get("tls.cert.untrusted").value()).isEqualTo(true);
        assertThat(f.get("tls.cert.expired").value()).isEqualTo(false);
        assertThat(f.get("tls.cert.hostname_mismatch").value()).isEqualTo(false);
        if (refusedOrUntestable("TLSv1").equals("not_testable")) {
            assertThat(f.get("tls.legacy_protocol_accepted").status()).isEqualTo(FactStatus.UNSUPPORTED);
            assertThat(f.get("tls.legacy_protocol_accepted").message()).contains("not testable with this JDK");
        } else {
            assertThat(f.get("tls.legacy_protocol_accepted").value()).isEqualTo(false);
        }
        assertThat(f.get("tls.endpoints").evidence().source()).isEqualTo("tls:127.0.0.1");
        assertThat(f.get("tls.endpoints").evidence().excerpt()).contains("subject O=Akashi Test,CN=portal.example.co.jp");
        assertThat(r.asset().address()).isEqualTo("127.0.0.1");
    }

    @Test
    void tls13OnlyServerRefusesTls12() throws Exception {
        Issued cert = TestCertificates.selfSigned("CN=localhost", TestCertificates.rsa(2048), NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(90, ChronoUnit.DAYS), List.of("DNS:localhost"), false);
        TlsTestServer server = serve(cert, "TLSv1.3");
        TlsProbe.Inspection i = probe.inspect(new TlsProbe.Endpoint("127.0.0.1", server.port(), "localhost"));
        assertThat(i.ok()).isTrue();
        assertThat(i.protocols()).containsEntry("TLSv1.2", TlsProbe.Acceptance.NOT_ACCEPTED).containsEntry("TLSv1.3", TlsProbe.Acceptance.ACCEPTED);
        assertThat(i.rejections().get("TLSv1.2")).isNotBlank();
        assertThat(CertificateFacts.keyType(i.chain().get(0).getPublicKey())).isEqualTo("RSA");
        assertThat(CertificateFacts.keyBits(i.chain().get(0).getPublicKey())).isEqualTo(2048);
        assertThat(CertificateFacts.hostnameMatches(i.chain().get(0), "localhost")).isTrue();
    }

    @Test
    void expiredCaSignedCertificateWithTheWrongNameAmongTwoEndpoints() throws Exception {
        Issued ca = TestCertificates.selfSigned("CN=Akashi Test Root CA", TestCertificates.rsa(2048), NOW.minus(900, ChronoUnit.DAYS),
                NOW.plus(900, ChronoUnit.DAYS), List.of(), true);
        Issued expired = TestCertificates.signedBy(ca, "CN=old.example.co.jp", TestCertificates.rsa(2048),
                NOW.minus(400, ChronoUnit.DAYS), NOW.minus(10, ChronoUnit.DAYS), List.of("DNS:old.example.co.jp"));
        Issued fresh = TestCertificates.signedBy(ca, "CN=www.example.co.jp", TestCertificates.ec256(),
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(200, ChronoUnit.DAYS), List.of("DNS:*.example.co.jp"));
        TlsTestServer a = serve(expired, "TLSv1.2", "TLSv1.3");
        TlsTestServer b = serve(fresh, "TLSv1.2", "TLSv1.3");

        Report r = probe.report("127.0.0.1", List.of(new TlsProbe.Endpoint("127.0.0.1", a.port(), "www.example.co.jp"),
                new TlsProbe.Endpoint("127.0.0.1", b.port(), "www.example.co.jp")), Report.SOURCE_COLLECTOR, AssetIdentity.KIND_HOST);

        Map<String, Fact> f = byKey(r);
        Map<String, Object> old = endpoint(f, 0);
        assertThat(old).containsEntry("expired", true).containsEntry("self_signed", false).containsEntry("chain_trusted", false)
                .containsEntry("hostname_match", false).containsEntry("issuer", "CN=Akashi Test Root CA").containsEntry("server_name", "www.example.co.jp");
        assertThat((Long) old.get("days_left")).isBetween(-11L, -10L);
        Map<String, Object> www = endpoint(f, 1);
        assertThat(www).containsEntry("expired", false).containsEntry("hostname_match", true).containsEntry("self_signed", false);
        assertThat(f.get("tls.cert.expired").value()).isEqualTo(true);
        assertThat((Long) f.get("tls.cert.min_days_left").value()).isBetween(-11L, -10L);
        assertThat(f.get("tls.cert.hostname_mismatch").value()).isEqualTo(true);
        assertThat(f.get("tls.cert.self_signed").value()).isEqualTo(false);
        assertThat(r.asset().hostname()).isEqualTo("www.example.co.jp");
    }

    @Test
    void plainTextAndClosedPortsAreErrorsNotVerdicts() throws Exception {
        ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(plain);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    try (Socket s = plain.accept(); OutputStream out = s.getOutputStream()) {
                        out.write("220 ftp.example.co.jp FTP server ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException closed) {
                // test over
            }
        });
        t.setDaemon(true);
        t.start();
        int closed = TestDaemons.freePort();

        Report r = probe.report("127.0.0.1", List.of(new TlsProbe.Endpoint("127.0.0.1", plain.getLocalPort(), null),
                new TlsProbe.Endpoint("127.0.0.1", closed, null)), Report.SOURCE_SCAN, AssetIdentity.KIND_HOST);

        Map<String, Fact> f = byKey(r);
        assertThat((String) endpoint(f, 0).get("error")).contains("no TLS handshake succeeded");
        assertThat((String) endpoint(f, 1).get("error")).contains("cannot connect to 127.0.0.1:" + closed);
        for (String k : List.of("tls.protocols_accepted", "tls.cert.expired", "tls.cert.min_days_left", "tls.cert.self_signed",
                "tls.legacy_protocol_accepted")) {
            assertThat(f.get(k).status()).as(k).isEqualTo(FactStatus.ERROR);
            assertThat(f.get(k).message()).contains("2 of 2 TLS endpoints could not be inspected");
        }
    }
}
