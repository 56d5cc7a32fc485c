package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jp.akashi.probes.snapshot.SnapshotKeys;

/**
 * The collector's Ed25519 key that signs snapshot manifests. Generated on first use and kept in
 * {@code <data-dir>/signing/} (directory 0700, private key 0600); the public key is published at
 * {@code GET /api/v1/snapshots/public-key} so auditors can pin it.
 */
@Singleton
public class SigningKey implements jp.akashi.collector.enroll.PackageSigner {
    static final String PRIVATE_FILE = "snapshot-ed25519.key";
    static final String PUBLIC_FILE = "snapshot-ed25519.pub.pem";

    private final Path dir;
    private volatile KeyPair pair;

    @jakarta.inject.Inject
    public SigningKey(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.dataDir());
    }

    public SigningKey(String dataDir) {
        this.dir = Path.of(dataDir).resolve("signing");
    }

    public synchronized KeyPair keyPair() {
        if (pair == null) {
            try {
                pair = Files.exists(dir.resolve(PRIVATE_FILE)) ? load() : generate();
            } catch (IOException e) {
                throw new UncheckedIOException("snapshot signing key in " + dir + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("snapshot signing key in " + dir + " is unusable: " + e.getMessage(), e);
            }
        }
        return pair;
    }

    public PublicKey publicKey() {
        return keyPair().getPublic();
    }

    public String publicKeyPem() {
        return SnapshotKeys.publicKeyPem(publicKey());
    }

    public String fingerprint() {
        return SnapshotKeys.fingerprint(publicKey());
    }

    public byte[] sign(byte[] data) throws GeneralSecurityException {
        return SnapshotKeys.sign(keyPair().getPrivate(), data);
    }

    private KeyPair load() throws IOException, GeneralSecurityException {
        String pem = Files.readString(dir.resolve(PRIVATE_FILE), StandardCharsets.US_ASCII);
        PrivateKey priv = KeyFactory.getInstance(SnapshotKeys.ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(SnapshotKeys.pemBody(pem, "PRIVATE KEY")));
        PublicKey pub = SnapshotKeys.readPublicKeyPem(Files.readString(dir.resolve(PUBLIC_FILE), StandardCharsets.US_ASCII));
        // a public key file that does not belong to the private key would publish a key that verifies nothing
        byte[] probe = "akashi key check".getBytes(StandardCharsets.US_ASCII);
        if (!SnapshotKeys.verify(pub, probe, SnapshotKeys.sign(priv, probe))) {
            throw new GeneralSecurityException(PUBLIC_FILE + " does not belong to " + PRIVATE_FILE);
        }
        return new KeyPair(pub, priv);
    }

    private KeyPair generate() throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        KeyPair kp = KeyPairGenerator.getInstance(SnapshotKeys.ALGORITHM).generateKeyPair();
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        writeAtomically(dir.resolve(PUBLIC_FILE), SnapshotKeys.publicKeyPem(kp.getPublic()), "rw-r--r--");
        writeAtomically(dir.resolve(PRIVATE_FILE), privatePem, "rw-------");
        return kp;
    }

    private static void writeAtomically(Path target, String content, String perms) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".key-", ".tmp");
        restrict(tmp, "rw-------");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        restrict(tmp, perms);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the data directory's ACL applies
        }
    }
}
