package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.AtOnce;

/** Collectors that start at once on one fresh shared data volume must serve one certificate (agents pin it). */
class TlsSetupRaceTest {
    @TempDir
    Path dataDir;

    private Settings settings() {
        return Settings.from(new String[]{"--data-dir", dataDir.toString()}, Map.of());
    }

    @RepeatedTest(3)
    void instancesStartingAtOnceServeOneCertificate() throws Exception {
        Set<String> fingerprints = new HashSet<>();
        int generated = 0;
        for (TlsSetup.Keystore k : AtOnce.call(6, () -> TlsSetup.ensure(settings()))) {
            fingerprints.add(k.fingerprint());
            generated += k.generated() ? 1 : 0;
        }
        TlsSetup.Keystore restarted = TlsSetup.ensure(settings());
        assertThat(fingerprints).containsExactly(restarted.fingerprint());
        assertThat(generated).isEqualTo(1);
        assertThat(restarted.generated()).isFalse();
        Path tls = dataDir.resolve("tls");
        for (String f : List.of("collector.p12", "keystore.pass")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(f)))).isEqualTo("rw-------");
        }
        try (var files = Files.list(tls)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("collector.p12", "keystore.pass");
        }
    }

    @Test
    void aKeystoreWithoutItsPasswordIsRefusedNotReplaced() throws Exception {
        TlsSetup.Keystore first = TlsSetup.ensure(settings());
        Path ks = dataDir.resolve("tls").resolve("collector.p12");
        byte[] before = Files.readAllBytes(ks);
        Files.delete(dataDir.resolve("tls").resolve("keystore.pass"));
        assertThatThrownBy(() -> TlsSetup.ensure(settings())).hasMessageContaining("keystore.pass").hasMessageContaining("backup");
        assertThat(Files.readAllBytes(ks)).isEqualTo(before); // the certificate agents pinned is still there
        assertThat(first.generated()).isTrue();
    }
}
