package jp.akashi.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.update.UpdateStatement;

/** A downloaded package is installed only when hash, signature and version all match the offer. */
class PackageCheckTest {
    @TempDir
    Path dir;

    static Path jar(Path p, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p), m)) {
            out.putNextEntry(new java.util.jar.JarEntry("x.txt"));
            out.write(1);
        }
        return p;
    }

    static UpdateOffer offer(KeyPair k, String file, String version, String sha) throws Exception {
        return new UpdateOffer(version, file, "/agent/packages/" + file, sha,
                Base64.getEncoder().encodeToString(SnapshotKeys.sign(k.getPrivate(), new UpdateStatement(file, version, sha).bytes())));
    }

    static KeyPair key() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void theAllowedPackagePasses() throws Exception {
        KeyPair k = key();
        Path p = jar(dir.resolve("a.jar"), "0.5.0");
        PackageCheck.verify(p, offer(k, "akashi-agent-0.5.0.jar", "0.5.0", PackageCheck.sha256(p)), k.getPublic());
    }

    @Test
    void aChangedFileIsAHashMismatch() throws Exception {
        KeyPair k = key();
        Path p = jar(dir.resolve("a.jar"), "0.5.0");
        UpdateOffer o = offer(k, "akashi-agent-0.5.0.jar", "0.5.0", PackageCheck.sha256(p));
        Files.write(p, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PackageCheck.verify(p, o, k.getPublic())).isInstanceOf(PackageCheck.HashMismatch.class)
                .hasMessageContaining("SHA-256 mismatch");
    }

    @Test
    void aSignatureByAnotherKeyOrOverOtherTermsIsRefused() throws Exception {
        KeyPair pinned = key();
        Path p = jar(dir.resolve("a.jar"), "0.5.0");
        String sha = PackageCheck.sha256(p);
        UpdateOffer otherKey = offer(key(), "akashi-agent-0.5.0.jar", "0.5.0", sha);
        assertThatThrownBy(() -> PackageCheck.verify(p, otherKey, pinned.getPublic())).isInstanceOf(PackageCheck.Refused.class)
                .isNotInstanceOf(PackageCheck.HashMismatch.class).hasMessageContaining("signature does not verify");
        // signed for 0.4.0, offered as 0.5.0
        UpdateOffer signed = offer(pinned, "akashi-agent-0.5.0.jar", "0.4.0", sha);
        UpdateOffer relabelled = new UpdateOffer("0.5.0", signed.file(), signed.url(), sha, signed.signature());
        assertThatThrownBy(() -> PackageCheck.verify(p, relabelled, pinned.getPublic())).hasMessageContaining("signature does not verify");
        UpdateOffer garbage = new UpdateOffer("0.5.0", signed.file(), signed.url(), sha, "not base64!");
        assertThatThrownBy(() -> PackageCheck.verify(p, garbage, pinned.getPublic())).hasMessageContaining("not base64");
    }

    @Test
    void aJarOfAnotherVersionOrNoJarIsRefused() throws Exception {
        KeyPair k = key();
        Path other = jar(dir.resolve("b.jar"), "0.4.0");
        assertThatThrownBy(() -> PackageCheck.verify(other, offer(k, "akashi-agent-0.5.0.jar", "0.5.0", PackageCheck.sha256(other)),
                k.getPublic())).hasMessageContaining("the package says version 0.4.0");
        Path text = Files.writeString(dir.resolve("c.jar"), "not a jar");
        assertThatThrownBy(() -> PackageCheck.verify(text, offer(k, "akashi-agent-0.5.0.jar", "0.5.0", PackageCheck.sha256(text)),
                k.getPublic())).hasMessageContaining("not an agent jar");
    }
}
