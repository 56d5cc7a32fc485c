package jp.akashi.probes.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.TestCertificates;
import jp.akashi.probes.testing.TestDaemons;

/**
 * TLS 1.0/1.1 acceptance is really tested where the JDK allows it: a child JVM runs with a
 * {@code jdk.tls.disabledAlgorithms} that no longer lists them (this JVM's setting is global and
 * cached, so it cannot be changed here), serves both a legacy-enabled and a modern-only server
 * and inspects them.
 */
class LegacyTlsProtocolTest {

    @Test
    void legacyVersionsAreSeenAcceptedOrRefusedWhenTheJdkCanOfferThem() throws Exception {
        Path dir = Files.createTempDirectory("akashi-tls-legacy-");
        try {
            char[] pw = "changeit".toCharArray();
            var cert = TestCertificates.selfSigned("CN=legacy.example.co.jp", TestCertificates.rsa(2048),
                    Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS), List.of("IP:127.0.0.1"), false);
            Path ks = dir.resolve("server.p12");
            try (OutputStream out = Files.newOutputStream(ks)) {
                cert.keyStore(pw).store(out, pw);
            }
            Path security = dir.resolve("legacy.security");
            Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, "
                    + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Djava.security.properties=" + security, "-XX:+UseSerialGC", "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"), LegacyTlsChild.class.getName(), ks.toString(), "changeit")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            assertThat(text).contains("legacy:TLSv1=accepted", "legacy:TLSv1.1=accepted", "legacy:TLSv1.2=accepted", "legacy:TLSv1.3=accepted",
                    "modern:TLSv1=not_accepted", "modern:TLSv1.1=not_accepted", "modern:TLSv1.2=accepted");
        } finally {
            TestDaemons.deleteTree(dir);
        }
    }
}
