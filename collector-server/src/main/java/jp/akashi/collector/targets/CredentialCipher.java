package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import jp.akashi.collector.security.AeadKey;

/**
 * Encrypts credential secrets with an {@link AeadKey} (AES-256-GCM, the credential's id as
 * associated data: a blob copied onto another row does not decrypt).
 * The key lives in a file outside the database: {@code AKASHI_CREDENTIALS_KEY_FILE} (or
 * {@code akashi.credentials.key-file}) when set, otherwise {@code <data-dir>/secrets/credentials.key},
 * generated owner-only on first use. A database dump alone reveals no secret.
 */
@Singleton
public class CredentialCipher {
    private final Path keyFile;
    private final boolean configured;
    private volatile AeadKey key;
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
        AeadKey k = key(true);
        return new Sealed(Base64.getEncoder().encodeToString(k.seal(plaintext, credentialId)), keyId);
    }

    /** @throws CredentialException when the key is missing or different, or the blob was altered */
    public byte[] open(String credentialId, Sealed sealed) {
        AeadKey k = key(false);
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
        try {
            return k.open(all, credentialId);
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

    private synchronized AeadKey key(boolean createIfMissing) {
        if (key != null) {
            return key;
        }
        if (configured && !Files.exists(keyFile)) {
            throw new CredentialException(createIfMissing
                    ? "the credentials key file " + keyFile + " (AKASHI_CREDENTIALS_KEY_FILE) does not exist;"
                    + " create it with 32 random bytes, base64-encoded, readable only by the collector's user"
                    : "the credentials key file " + keyFile + " is missing: stored credentials cannot be decrypted");
        }
        AeadKey k;
        try {
            k = AeadKey.inFile(keyFile, createIfMissing);
        } catch (AeadKey.Unusable e) {
            throw new CredentialException("credentials: " + e.getMessage());
        }
        keyId = k.id("akashi-credentials-key-id:");
        key = k;
        return k;
    }
}
