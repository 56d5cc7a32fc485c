package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jp.akashi.probes.util.Hashes;

/**
 * Encrypts credential secrets with AES-256-GCM: a random 96-bit nonce per value, a 128-bit tag,
 * and the credential's id as associated data (a blob copied onto another row does not decrypt).
 * The key lives in a file outside the database: {@code AKASHI_CREDENTIALS_KEY_FILE} (or
 * {@code akashi.credentials.key-file}) when set, otherwise {@code <data-dir>/secrets/credentials.key},
 * generated owner-only on first use. A database dump alone reveals no secret.
 */
@Singleton
public class CredentialCipher {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private final boolean configured;
    private volatile byte[] key;
    private volatile String keyId;

    @jakarta.inject.Inject
    public CredentialCipher(jp.akashi.collector.config.CollectorProperties collector, CredentialsProperties credentials) {
        this(collector.dataDir(), credentials.keyFile());
    }

    public CredentialCipher(String dataDir, String keyFileProperty) {
        String fromEnv = System.getenv("AKASHI_CREDENTIALS_KEY_FILE");
        String configuredPath = !keyFileProperty.isBlank() ? keyFileProperty : fromEnv != null && !fromEnv.isBlank() ? fromEnv : null;
        this.configured = configuredPath != null;
        this.keyFile = configured ? Path.of(configuredPath).toAbsolutePath() : Path.of(dataDir).toAbsolutePath().resolve("secrets").resolve("credentials.key");
    }

    /** An encrypted value and the id of the key that encrypted it. */
    public record Sealed(String blob, String keyId) {
        @Override
        public String toString() {
            return "Sealed[key " + keyId + "]";
        }
    }

    public Sealed seal(String credentialId, byte[] plaintext) {
        byte[] k = key(true);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(credentialId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext);
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return new Sealed(Base64.getEncoder().encodeToString(out), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /** @throws CredentialException when the key is missing or different, or the blob was altered */
    public byte[] open(String credentialId, Sealed sealed) {
        byte[] k = key(false);
        if (!keyId.equals(sealed.keyId())) {
            throw new CredentialException("credential " + credentialId + " was encrypted with key " + sealed.keyId()
                    + ", but the key in " + keyFile + " is " + keyId + ": restore the original key file");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed.blob());
        } catch (IllegalArgumentException e) {
            throw new CredentialException("credential " + credentialId + ": stored secret is not base64");
        }
        if (all.length <= NONCE_BYTES) {
            throw new CredentialException("credential " + credentialId + ": stored secret is truncated");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(credentialId.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new CredentialException("credential " + credentialId + ": stored secret fails its integrity check (altered or moved)");
        } catch (GeneralSecurityException e) {
            throw new CredentialException("credential " + credentialId + ": cannot decrypt: " + e.getMessage());
        }
    }

    /** Id of the current key (first 16 hex digits of a hash of it), creating the key if needed. */
    public String keyId() {
        key(true);
        return keyId;
    }

    public Path keyFile() {
        return keyFile;
    }

    private synchronized byte[] key(boolean createIfMissing) {
        if (key != null) {
            return key;
        }
        if (!Files.exists(keyFile)) {
            if (!createIfMissing) {
                throw new CredentialException("the credentials key file " + keyFile + " is missing: stored credentials cannot be decrypted");
            }
            if (configured) {
                throw new CredentialException("the credentials key file " + keyFile + " (AKASHI_CREDENTIALS_KEY_FILE) does not exist;"
                        + " create it with 32 random bytes, base64-encoded, readable only by the collector's user");
            }
            generate();
        }
        byte[] k = read();
        key = k;
        keyId = Hashes.sha256Hex(concat("akashi-credentials-key-id:".getBytes(StandardCharsets.US_ASCII), k)).substring(0, 16);
        return k;
    }

    private void generate() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        try {
            Path dir = keyFile.getParent();
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path tmp = dir.resolve(".credentials.key.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            restrict(tmp, "rw-------");
            Files.write(tmp, (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
            Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the credentials key file " + keyFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private byte[] read() {
        try {
            if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new CredentialException("the credentials key file " + keyFile + " is accessible to other users ("
                            + PosixFilePermissions.toString(perms) + "): chmod 600 it");
                }
            }
            byte[] k = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (k.length != 32) {
                throw new CredentialException("the credentials key file " + keyFile + " must hold 32 bytes (AES-256), base64-encoded; it holds " + k.length);
            }
            return k;
        } catch (IllegalArgumentException e) {
            throw new CredentialException("the credentials key file " + keyFile + " is not base64");
        } catch (IOException e) {
            throw new CredentialException("cannot read the credentials key file " + keyFile + ": " + e.getMessage());
        }
    }

    private static void restrict(Path p, String perms) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
