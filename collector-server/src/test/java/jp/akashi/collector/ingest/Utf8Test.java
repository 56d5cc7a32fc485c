package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8Test {

    static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void refusesWhatJacksonWouldDecode() {
        assertThat(Utf8.firstMalformed(b('a', 0xC0, 0xAF))).as("overlong '/'").isEqualTo(1);
        assertThat(Utf8.firstMalformed(b(0xC0, 0x80))).as("overlong NUL").isZero();
        assertThat(Utf8.firstMalformed(b(0xC1, 0x81))).as("overlong 'A'").isZero();
        assertThat(Utf8.firstMalformed(b(0xE0, 0x80, 0xAF))).as("three-byte overlong").isZero();
        assertThat(Utf8.firstMalformed(b(0xF0, 0x80, 0x80, 0xAF))).as("four-byte overlong").isZero();
        assertThat(Utf8.firstMalformed(b(0xED, 0xA0, 0x80))).as("encoded surrogate").isZero();
        assertThat(Utf8.firstMalformed(b(0xF4, 0x90, 0x80, 0x80))).as("past U+10FFFF").isZero();
        assertThat(Utf8.firstMalformed(b(0xE3, 0x81))).as("truncated").isZero();
        assertThat(Utf8.firstMalformed(b('x', 0x80))).as("continuation without a lead").isEqualTo(1);
        assertThat(Utf8.firstMalformed(b('{', 0, '}'))).as("raw NUL byte").isEqualTo(1);
        assertThat(Utf8.firstMalformed("0123456789abcdef\u0000".getBytes(StandardCharsets.UTF_8))).as("NUL after a long ASCII run").isEqualTo(16);
        assertThat(Utf8.firstMalformed("パスワード 12 文字 ✓ 😀 é".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstMalformed(new byte[0])).isEqualTo(-1);
    }

    @Test
    void notesWhetherABackslashUEscapeMayOccur() {
        assertThat(Utf8.scan("{\"a\":\"line\\nnext\\tC:\\\\users\"}".getBytes(StandardCharsets.UTF_8)).unicodeEscapes())
                .as("short escapes and an escaped backslash before u").isFalse();
        assertThat(Utf8.scan("{\"a\":\"x\\u0000\"}".getBytes(StandardCharsets.UTF_8)).unicodeEscapes()).isTrue();
        assertThat(Utf8.scan("{\"abcdefghijklmnop\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8)).unicodeEscapes())
                .as("after a long ASCII run").isTrue();
        assertThat(Utf8.scan("{\"a\":\"é\\u202e\"}".getBytes(StandardCharsets.UTF_8)).unicodeEscapes()).isTrue();
    }

    /** Agrees with the JDK's strict decoder (plus the NUL rule) on random bytes biased towards UTF-8 edge cases. */
    @Test
    void agreesWithTheJdkDecoder() {
        Random r = new Random(11);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
                0xF4, 0xF5, 0xFF, 0x8F, 0x90, 0x9F, 0xA0};
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[r.nextInt(20)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) (r.nextInt(3) == 0 ? 'a' + r.nextInt(26) : interesting[r.nextInt(interesting.length)]);
            }
            boolean jdk = strictlyDecodes(bytes) && indexOfZero(bytes) < 0;
            assertThat(Utf8.firstMalformed(bytes) < 0).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
        }
    }

    static boolean strictlyDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static int indexOfZero(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
