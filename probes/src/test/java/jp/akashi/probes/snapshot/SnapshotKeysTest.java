package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;

/** The fast (Bouncy Castle) Ed25519 path gives exactly the JDK's signatures, and each verifies the other's. */
class SnapshotKeysTest {
    @Test
    void signaturesAreTheJdksByteForByte() throws Exception {
        for (int i = 0; i < 20; i++) {
            KeyPair k = SnapshotVerifierTest.keyPair();
            byte[] data = ("akashi-audit-seal 1\nseq " + i + "\nhash " + "ab".repeat(32) + "\n").getBytes(StandardCharsets.US_ASCII);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(k.getPrivate());
            jdk.update(data);
            byte[] expected = jdk.sign();
            byte[] fast = SnapshotKeys.sign(k.getPrivate(), data);
            assertThat(fast).isEqualTo(expected);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(k.getPublic());
            v.update(data);
            assertThat(v.verify(fast)).isTrue();
            assertThat(SnapshotKeys.verify(k.getPublic(), data, expected)).isTrue();
            byte[] bad = expected.clone();
            bad[i % 64] ^= 1;
            assertThat(SnapshotKeys.verify(k.getPublic(), data, bad)).isFalse();
            assertThat(SnapshotKeys.verify(SnapshotVerifierTest.keyPair().getPublic(), data, expected)).isFalse();
        }
    }
}
