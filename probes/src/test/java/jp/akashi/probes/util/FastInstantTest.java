package jp.akashi.probes.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FastInstantTest {

    @Test
    void agreesWithInstantParseOnEveryPrecision() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(0, 4_102_444_800L), r.nextInt(1_000_000_000));
            if (i % 3 == 0) {
                t = Instant.ofEpochMilli(t.toEpochMilli());
            } else if (i % 3 == 1) {
                t = Instant.ofEpochSecond(t.getEpochSecond());
            }
            String s = t.toString();
            assertThat(FastInstant.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void fallsBackOrRefusesOddInput() {
        assertThat(FastInstant.parse("2026-11-20T03:00:00+09:00")).isEqualTo(Instant.parse("2026-11-19T18:00:00Z"));
        assertThatThrownBy(() -> FastInstant.parse("2026-13-20T03:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> FastInstant.parse("2026-11-20T25:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> FastInstant.parse("２０２６-11-20T03:00:00Z")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> FastInstant.parse("yesterday")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void jsonMapperUsesIt() throws Exception {
        record T(Instant at) {
        }
        assertThat(Json.mapper().readValue("{\"at\":\"2026-11-20T03:00:00.5Z\"}", T.class).at())
                .isEqualTo(Instant.parse("2026-11-20T03:00:00.500Z"));
    }
}
