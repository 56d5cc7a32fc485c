package jp.akashi.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.AtOnce;
import jp.akashi.probes.snapshot.SnapshotKeys;

/** Collectors that start at once on one fresh shared data volume must end with one signing key. */
class SigningKeyRaceTest {
    @TempDir
    Path dataDir;

    @RepeatedTest(5)
    void instancesStartingAtOnceSignWithTheKeyOnDisk() throws Exception {
        List<SigningKey> keys = AtOnce.call(8, () -> {
            SigningKey k = new SigningKey(dataDir.toString());
            k.keyPair();
            return k;
        });
        Set<String> fingerprints = new HashSet<>();
        byte[] data = "manifest".getBytes(StandardCharsets.US_ASCII);
        SigningKey onDisk = new SigningKey(dataDir.toString()); // what a restarted instance reads
        for (SigningKey k : keys) {
            fingerprints.add(k.fingerprint());
            // what each instance signs verifies with the key the files hold
            assertThat(SnapshotKeys.verify(onDisk.publicKey(), data, k.sign(data))).isTrue();
        }
        assertThat(fingerprints).containsExactly(onDisk.fingerprint());
        Path signing = dataDir.resolve("signing");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signing.resolve(SigningKey.PRIVATE_FILE))))
                .isEqualTo("rw-------");
        try (var files = Files.list(signing)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(SigningKey.PRIVATE_FILE, SigningKey.PUBLIC_FILE); // no temporary file left
        }
    }
}
