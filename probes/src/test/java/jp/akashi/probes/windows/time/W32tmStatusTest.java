package jp.akashi.probes.windows.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** w32tm /query /status in Japanese and English: the state comes from the numbers, whatever the labels say. */
class W32tmStatusTest {

    static List<String> fixture(String name) throws IOException {
        try (var in = W32tmStatusTest.class.getResourceAsStream("/fixtures/windows/w32tm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void aJapaneseDomainMemberSynchronisedByItsDomainController() throws IOException {
        W32tmStatus s = W32tmStatus.parse(fixture("ja-domain-synced.txt")).orElseThrow();
        assertThat(s.leapIndicator()).isZero();
        assertThat(s.stratum()).isEqualTo(4);
        assertThat(s.source()).isEqualTo("dc01.example.local");
        assertThat(s.synchronizedClock()).isTrue();
    }

    @Test
    void theLocalCmosClockIsNotSynchronisedInEitherLanguage() throws IOException {
        W32tmStatus ja = W32tmStatus.parse(fixture("ja-local-cmos.txt")).orElseThrow();
        assertThat(ja.leapIndicator()).isEqualTo(3);
        assertThat(ja.synchronizedClock()).isFalse();
        assertThat(ja.source()).isEqualTo("Local CMOS Clock");
        W32tmStatus en = W32tmStatus.parse(fixture("en-free-running.txt")).orElseThrow();
        assertThat(en.synchronizedClock()).isFalse();
        assertThat(en.source()).isEqualTo("Free-running System Clock");
    }

    @Test
    void anEnglishWorkgroupPcSynchronisedFromTimeWindowsCom() throws IOException {
        W32tmStatus s = W32tmStatus.parse(fixture("en-ntp-synced.txt")).orElseThrow();
        assertThat(s.stratum()).isEqualTo(3);
        assertThat(s.source()).isEqualTo("time.windows.com,0x9");
        assertThat(s.synchronizedClock()).isTrue();
    }

    @Test
    void errorsAndOtherTextAreNoState() throws IOException {
        assertThat(W32tmStatus.parse(fixture("ja-service-stopped.txt"))).isEmpty();
        assertThat(W32tmStatus.parse(List.of())).isEmpty();
        assertThat(W32tmStatus.parse(List.of("Leap Indicator: 7(?)", "Stratum: 3"))).as("a leap indicator out of range").isEmpty();
        assertThat(W32tmStatus.parse(List.of("Leap Indicator: none", "Stratum: 3"))).isEmpty();
        // a leap indicator without warning but stratum 0 (unspecified): not synchronised
        assertThat(W32tmStatus.parse(List.of("閏インジケーター：0 (警告なし)", "階層：0 (未指定)")).orElseThrow().synchronizedClock()).isFalse();
    }
}
