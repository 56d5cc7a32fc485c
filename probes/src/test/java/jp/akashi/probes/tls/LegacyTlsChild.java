package jp.akashi.probes.tls;

import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jp.akashi.probes.testing.TlsTestServer;

/**
 * Run in a child JVM whose {@code jdk.tls.disabledAlgorithms} allows TLS 1.0/1.1 (see
 * {@link LegacyTlsProtocolTest}): serves the given key with all versions, then with TLS 1.2+ only,
 * inspects both and prints {@code <config>:<protocol>=<acceptance>} lines.
 */
public final class LegacyTlsChild {
    private LegacyTlsChild() {
    }

    public static void main(String[] args) throws Exception {
        char[] pw = args[1].toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ks.load(in, pw);
        }
        TlsProbe probe = new TlsProbe(Clock.systemUTC(), Duration.ofSeconds(5));
        for (var config : List.of(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), List.of("TLSv1.2", "TLSv1.3"))) {
            String name = config.size() == 4 ? "legacy" : "modern";
            try (TlsTestServer server = TlsTestServer.start(ks, pw, config)) {
                TlsProbe.Inspection i = probe.inspect(new TlsProbe.Endpoint("127.0.0.1", server.port(), null));
                i.protocols().forEach((p, a) -> System.out.println(name + ":" + p + "=" + a.wire()));
                i.rejections().forEach((p, why) -> System.out.println("# " + name + ":" + p + " " + why));
            }
        }
    }
}
