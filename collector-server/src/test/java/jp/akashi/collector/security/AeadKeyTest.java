package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import javax.crypto.AEADBadTagException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.AtOnce;
import jp.akashi.probes.util.Hashes;

class AeadKeyTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyIsPrivateAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("secrets").resolve("k.key");
        AeadKey a = AeadKey.inFile(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        byte[] sealed = a.seal("秘密".getBytes(StandardCharsets.UTF_8), "row-1");
        assertThat(new String(AeadKey.inFile(file, false).open(sealed, "row-1"), StandardCharsets.UTF_8)).isEqualTo("秘密");
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("k.key"); // no temporary file left
        }
    }

    @Test
    void aKeyAnotherInstanceWroteFirstIsKept() throws Exception {
        // two collectors on one shared volume: the second must not replace the key the first already encrypts with
        Path file = dir.resolve("k.key");
        String theirs = Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        Files.writeString(file, theirs);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AeadKey.create(file);
        assertThat(Files.readString(file)).isEqualTo(theirs);
    }

    @Test
    void instancesStartingAtOnceAgreeOnOneKey() throws Exception {
        Path file = dir.resolve("race").resolve("k.key");
        Set<String> distinct = new HashSet<>(AtOnce.call(8, () -> AeadKey.inFile(file, true).id("t:")));
        assertThat(distinct).containsExactly(AeadKey.inFile(file, false).id("t:"));
    }

    @Test
    void unusableFilesAreRefusedNamingTheFile() throws Exception {
        Path missing = dir.resolve("none.key");
        assertThatThrownBy(() -> AeadKey.inFile(missing, false)).isInstanceOf(AeadKey.Unusable.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("missing");
        assertThat(missing).doesNotExist();

        Path open = dir.resolve("open.key");
        Files.writeString(open, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AeadKey.inFile(open, true)).isInstanceOf(AeadKey.Unusable.class)
                .hasMessageContaining("accessible to other users").hasMessageContaining("chmod 600");

        Path shortKey = privateFile("short.key", Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> AeadKey.inFile(shortKey, true)).hasMessageContaining("must hold 32 bytes").hasMessageContaining("16");

        Path garbled = privateFile("garbled.key", "not*base64!");
        assertThatThrownBy(() -> AeadKey.inFile(garbled, true)).hasMessageContaining("not base64");
    }

    @Test
    void aSealedValueOpensOnlyIntactForItsOwnerUnderItsKey() throws Exception {
        AeadKey k = AeadKey.inFile(dir.resolve("a.key"), true);
        byte[] sealed = k.seal("token".getBytes(StandardCharsets.UTF_8), "cred-1");
        assertThat(k.seal("token".getBytes(StandardCharsets.UTF_8), "cred-1")).isNotEqualTo(sealed); // a fresh nonce each time
        assertThatThrownBy(() -> k.open(sealed, "cred-2")).isInstanceOf(AEADBadTagException.class);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> k.open(flipped, "cred-1")).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> k.open(new byte[12], "cred-1")).hasMessageContaining("truncated");
        AeadKey other = AeadKey.inFile(dir.resolve("b.key"), true);
        assertThatThrownBy(() -> other.open(sealed, "cred-1")).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void theKeyIdIsTheHashOfDomainAndKey() throws Exception {
        // stored credentials carry this id; it must not change with the code that computes it
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        Path file = privateFile("fixed.key", Base64.getEncoder().encodeToString(raw));
        byte[] domain = "akashi-credentials-key-id:".getBytes(StandardCharsets.US_ASCII);
        byte[] in = new byte[domain.length + raw.length];
        System.arraycopy(domain, 0, in, 0, domain.length);
        System.arraycopy(raw, 0, in, domain.length, raw.length);
        assertThat(AeadKey.inFile(file, false).id("akashi-credentials-key-id:")).isEqualTo(Hashes.sha256Hex(in).substring(0, 16));
    }

    private Path privateFile(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }
}
