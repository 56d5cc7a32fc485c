package jp.akashi.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jp.akashi.agent.transport.Backoff;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.PinnedTrust;

class TransportTest {

    @Test
    void backoffGrowsWithJitterUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(15), Duration.ofMinutes(30), new Random(1));
        long max = 0;
        for (int i = 0; i < 30; i++) {
            long d = b.nextDelay().toMillis();
            assertThat(d).isBetween(1000L, Duration.ofMinutes(30).toMillis());
            max = Math.max(max, d);
        }
        assertThat(max).as("grows well beyond the base").isGreaterThan(Duration.ofMinutes(5).toMillis());
        b.reset();
        assertThat(b.nextDelay().toMillis()).isLessThanOrEqualTo(15_000L);
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDateAndBounded() {
        java.time.Instant now = java.time.Instant.parse("2026-12-04T10:00:00Z");
        assertThat(CollectorClient.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(CollectorClient.retryAfter("Fri, 04 Dec 2026 10:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(CollectorClient.retryAfter("0", now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CollectorClient.retryAfter("99999999999999999999", now)).isEqualTo(Duration.ofHours(1));
        assertThat(CollectorClient.retryAfter("86400", now)).isEqualTo(Duration.ofHours(1));
        assertThat(CollectorClient.retryAfter("soon", now)).isNull();
        assertThat(CollectorClient.retryAfter(null, now)).isNull();
    }

    @Test
    void fingerprintsAreNormalisedAndValidated() {
        String hex = "ab".repeat(32);
        assertThat(PinnedTrust.normalise("SHA256:" + hex.toUpperCase())).isEqualTo("sha256:" + hex);
        assertThat(PinnedTrust.normalise(String.join(":", hex.split("(?<=\\G..)")))).isEqualTo("sha256:" + hex);
        assertThatThrownBy(() -> PinnedTrust.normalise("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverUrlsAreValidated() {
        assertThat(CollectorClient.parseServer("https://collector.example.jp:8443/").toString()).isEqualTo("https://collector.example.jp:8443");
        assertThatThrownBy(() -> CollectorClient.parseServer("ftp://x")).hasMessageContaining("https://");
        assertThatThrownBy(() -> CollectorClient.parseServer("https://user:pw@x")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> CollectorClient.parseServer("collector:8443")).isInstanceOf(IllegalArgumentException.class);
    }
}
