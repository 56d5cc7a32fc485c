package jp.akashi.probes.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SnmpTextTest {

    @Test
    void decodesUtf8ShiftJisAndFallsBackToHex() {
        assertThat(SnmpText.decode("東京本社 3F".getBytes(StandardCharsets.UTF_8))).isEqualTo("東京本社 3F");
        // a YAMAHA router configured from a Japanese Windows console stores Shift_JIS
        assertThat(SnmpText.decode("大阪支店 サーバ室".getBytes(Charset.forName("windows-31j")))).isEqualTo("大阪支店 サーバ室");
        assertThat(SnmpText.decode(new byte[] {'a', 'b', 0})).isEqualTo("ab");
        assertThat(SnmpText.decode(new byte[] {0x00, 0x1b, (byte) 0xff, 0x01})).isEqualTo("0x001bff01");
        assertThat(SnmpText.decode(new byte[0])).isEmpty();
    }
}
