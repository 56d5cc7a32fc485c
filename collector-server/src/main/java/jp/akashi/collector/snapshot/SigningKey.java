package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jp.akashi.collector.config.FirstFile;
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
                pair = Files.exists(dir.resolve(PRIVATE_FILE)) ? loadSettled() : generate();
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

    /**
     * Makes a key pair unless another instance on the shared volume is making one at the same
     * moment: the private key goes in by a hard link, which only the first can make, and the
     * public key follows. An instance that lost reads the winner's pair, so that every instance
     * signs with the one key recorded for the database (replacing files would leave one instance
     * signing with a key whose files are gone, or a public key that does not belong to the private one).
     */
    private KeyPair generate() throws IOException, GeneralSecurityException {
        FirstFile.privateDirectory(dir);
        KeyPair kp = KeyPairGenerator.getInstance(SnapshotKeys.ALGORITHM).generateKeyPair();
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        if (!FirstFile.create(dir.resolve(PRIVATE_FILE), privatePem.getBytes(StandardCharsets.US_ASCII), "rw-------")) {
            return loadSettled(); // another instance's key came first
        }
        writeAtomically(dir.resolve(PUBLIC_FILE), SnapshotKeys.publicKeyPem(kp.getPublic()), "rw-r--r--");
        return kp;
    }

    /**
     * {@link #load}, waiting a little for the public key an instance that just linked the private
     * key is still writing (it appears whole, by a rename: only its absence needs waiting for).
     */
    private KeyPair loadSettled() throws IOException, GeneralSecurityException {
        for (int attempt = 0; ; attempt++) {
            try {
                return load();
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void writeAtomically(Path target, String content, String perms) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".key-", ".tmp");
        FirstFile.restrict(tmp, "rw-------");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        FirstFile.restrict(tmp, perms);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
