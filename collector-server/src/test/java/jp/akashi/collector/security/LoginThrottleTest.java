package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The wait schedule of a (user, address) pair, and settings that make no sense. */
class LoginThrottleTest {

    static LoginThrottle throttle(int free, String base, String max) {
        return new LoginThrottle(new UserStore(), free, Duration.parse(base), Duration.parse(max), 100, Duration.ofMinutes(15));
    }

    @Test
    void theWaitDoublesAfterTheFreeFailuresUpToTheMaximum() {
        LoginThrottle t = throttle(4, "PT1S", "PT15M");
        assertThat(t.delayAfter(0)).isZero();
        assertThat(t.delayAfter(4)).isZero();
        assertThat(t.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.delayAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(t.delayAfter(15)).as("1024 s is past the maximum").isEqualTo(Duration.ofMinutes(15));
        assertThat(t.delayAfter(1_000_000)).as("no overflow").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void settingsThatMakeNoSenseAreRefusedAtStart() {
        assertThatThrownBy(() -> throttle(-1, "PT1S", "PT15M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle(4, "PT1M", "PT1S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(new UserStore(), 4, Duration.ofSeconds(1), Duration.ofMinutes(1), 10,
                Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
