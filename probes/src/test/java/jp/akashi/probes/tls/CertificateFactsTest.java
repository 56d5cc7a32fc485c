package jp.akashi.probes.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.TestCertificates;

class CertificateFactsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");

    private static X509Certificate cert(List<String> sans) throws Exception {
        return TestCertificates.selfSigned("CN=test", TestCertificates.ec256(), T0.minus(1, ChronoUnit.DAYS), T0.plus(10, ChronoUnit.DAYS), sans, false)
                .certificate();
    }

    @Test
    void wildcardsCoverExactlyOneLeftLabel() throws Exception {
        X509Certificate c = cert(List.of("DNS:*.example.co.jp", "DNS:example.co.jp", "IP:192.0.2.10", "IP:2001:db8::5"));
        assertThat(CertificateFacts.hostnameMatches(c, "www.example.co.jp")).isTrue();
        assertThat(CertificateFacts.hostnameMatches(c, "WWW.Example.CO.JP.")).isTrue();
        assertThat(CertificateFacts.hostnameMatches(c, "example.co.jp")).isTrue();
        assertThat(CertificateFacts.hostnameMatches(c, "a.b.example.co.jp")).isFalse();
        assertThat(CertificateFacts.hostnameMatches(c, "wwwexample.co.jp")).isFalse();
        assertThat(CertificateFacts.hostnameMatches(c, "192.0.2.10")).isTrue();
        assertThat(CertificateFacts.hostnameMatches(c, "2001:db8:0:0:0:0:0:5")).isTrue();
        assertThat(CertificateFacts.hostnameMatches(c, "192.0.2.11")).isFalse();
        assertThat(CertificateFacts.hostnameMatches(cert(List.of("DNS:*.jp")), "example.jp")).as("no public-suffix wildcard").isFalse();
        assertThat(CertificateFacts.hostnameMatches(cert(List.of()), "test")).as("no CN fallback").isFalse();
    }

    @Test
    void validityDaysRoundDownAndCountNotYetValidAsExpired() throws Exception {
        X509Certificate c = cert(List.of());
        assertThat(CertificateFacts.daysLeft(c, T0)).isEqualTo(10);
        assertThat(CertificateFacts.daysLeft(c, T0.plus(10, ChronoUnit.DAYS).plusSeconds(1))).isEqualTo(-1);
        assertThat(CertificateFacts.expired(c, T0)).isFalse();
        assertThat(CertificateFacts.expired(c, T0.plus(11, ChronoUnit.DAYS))).isTrue();
        assertThat(CertificateFacts.expired(c, T0.minus(2, ChronoUnit.DAYS))).isTrue();
    }

    @Test
    void selfSignedNeedsItsOwnSignatureNotJustEqualNames() throws Exception {
        var ca = TestCertificates.selfSigned("CN=Root", TestCertificates.rsa(2048), T0.minus(1, ChronoUnit.DAYS), T0.plus(100, ChronoUnit.DAYS), List.of(), true);
        var leaf = TestCertificates.signedBy(ca, "CN=Root", TestCertificates.rsa(2048), T0.minus(1, ChronoUnit.DAYS), T0.plus(5, ChronoUnit.DAYS), List.of());
        assertThat(CertificateFacts.selfSigned(ca.certificate())).isTrue();
        assertThat(CertificateFacts.selfSigned(leaf.certificate())).as("same name, signed by another key").isFalse();
        assertThat(CertificateFacts.chainProblem(leaf.chain(), T0)).isNotNull();
    }
}
