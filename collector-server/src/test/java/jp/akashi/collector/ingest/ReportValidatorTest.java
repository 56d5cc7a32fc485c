package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ReportValidatorTest {

    @Test
    void handWrittenKeyCheckAgreesWithTheDocumentedPattern() {
        Random r = new Random(3);
        String alphabet = "ab_.9Z-. ";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(24);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String k = sb.toString();
            assertThat(ReportValidator.validKey(k)).as(k).isEqualTo(ReportValidator.KEY.matcher(k).matches());
        }
        assertThat(ReportValidator.validKey("auth.password.min_length")).isTrue();
        assertThat(ReportValidator.validKey("a.b.c.d.e.f.g.h")).isTrue();
        assertThat(ReportValidator.validKey("a.b.c.d.e.f.g.h.i")).isFalse();
        assertThat(ReportValidator.validKey("ａｕｔｈ.password")).isFalse();
    }

    @Test
    void sha256HexCheck() {
        assertThat(ReportValidator.isSha256Hex("0123456789abcdef".repeat(4))).isTrue();
        assertThat(ReportValidator.isSha256Hex("0123456789ABCDEF".repeat(4))).isFalse();
        assertThat(ReportValidator.isSha256Hex("0123456789abcdef".repeat(3))).isFalse();
        assertThat(ReportValidator.isSha256Hex("g".repeat(64))).isFalse();
    }
}
