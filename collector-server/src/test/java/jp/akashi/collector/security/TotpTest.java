package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B test vectors, the skew window and replay rule, Base32 (RFC 4648 §10). */
class TotpTest {
    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238Vectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(seconds * 1000);
        assertThat(Totp.code(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
        // the 6 digits apps show are the last 6 of the same truncation
        assertThat(Totp.code(SHA1_KEY, step)).isEqualTo(sha1.substring(2));
    }

    @Test
    void acceptsOneStepOfSkewButNotMoreAndNeverTheSameStepTwice() {
        byte[] key = Totp.newSecret();
        assertThat(key).hasSize(20);
        long now = 1_700_000_000_000L;
        long step = Totp.step(now);
        assertThat(Totp.match(key, Totp.code(key, step), now, 0)).isEqualTo(OptionalLong.of(step));
        assertThat(Totp.match(key, Totp.code(key, step - 1), now, 0)).isEqualTo(OptionalLong.of(step - 1));
        assertThat(Totp.match(key, Totp.code(key, step + 1), now, 0)).isEqualTo(OptionalLong.of(step + 1));
        assertThat(Totp.match(key, Totp.code(key, step + 3), now, 0)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step - 3), now, 0)).isEmpty();
        // replay: the step of the last accepted code, or an earlier one, never counts again
        assertThat(Totp.match(key, Totp.code(key, step), now, step)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step - 1), now, step)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step + 1), now, step)).isEqualTo(OptionalLong.of(step + 1));
        assertThat(Totp.match(key, "12345", now, 0)).isEmpty();
        assertThat(Totp.match(key, "abcdef", now, 0)).isEmpty();
        assertThat(Totp.match(key, null, now, 0)).isEmpty();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        byte[] key = Totp.newSecret();
        assertThat(Base32.encode(key)).hasSize(32);
        assertThat(Base32.decode(Base32.encode(key))).isEqualTo(key);
        assertThatThrownBy(() -> Base32.decode("MZ1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uriIsWhatAuthenticatorAppsRead() {
        String uri = Totp.uri("Akashi", "佐藤 花子", SHA1_KEY);
        assertThat(uri).startsWith("otpauth://totp/Akashi:%E4%BD%90%E8%97%A4%20%E8%8A%B1%E5%AD%90?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
                .endsWith("&issuer=Akashi&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void recoveryCodesHashTheSameHoweverTyped() {
        var codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        String c = codes.get(0);
        assertThat(RecoveryCodes.hash(c.toUpperCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(c));
        assertThat(RecoveryCodes.hash("123456")).isNull();
    }
}
