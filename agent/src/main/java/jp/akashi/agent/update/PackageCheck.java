package jp.akashi.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.jar.JarFile;

import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.update.UpdateStatement;

/**
 * Whether a downloaded package is the one the administrator allowed: its SHA-256 equals the
 * offer's, the collector's signature over (file, version, SHA-256) verifies with the pinned key,
 * and it is an agent jar of the offered version. Any failure is a {@link Refused} with the reason.
 */
public final class PackageCheck {

    /** The package must not be installed. */
    public static class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** The download is not the package the offer names (it may be fixed on the collector: not final). */
    public static final class HashMismatch extends Refused {
        public HashMismatch(String message) {
            super(message);
        }
    }

    private PackageCheck() {
    }

    public static void verify(Path downloaded, UpdateOffer offer, PublicKey key) throws Refused, IOException {
        String actual = sha256(downloaded);
        if (!actual.equals(offer.sha256())) {
            throw new HashMismatch("SHA-256 mismatch: downloaded " + actual + ", published " + offer.sha256());
        }
        UpdateStatement statement;
        try {
            statement = new UpdateStatement(offer.file(), offer.version(), offer.sha256());
        } catch (IllegalArgumentException e) {
            throw new Refused("malformed offer: " + e.getMessage());
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(offer.signature());
        } catch (IllegalArgumentException e) {
            throw new Refused("signature is not base64");
        }
        if (!SnapshotKeys.verify(key, statement.bytes(), sig)) {
            throw new Refused("signature does not verify with the collector's pinned signing key " + SnapshotKeys.fingerprint(key));
        }
        String version;
        try (JarFile jar = new JarFile(downloaded.toFile())) {
            version = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (IOException e) {
            throw new Refused("not an agent jar: " + e.getMessage());
        }
        if (!offer.version().equals(version)) {
            throw new Refused("the package says version " + version + ", the offer " + offer.version());
        }
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
