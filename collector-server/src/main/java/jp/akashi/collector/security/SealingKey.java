package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets the server must read back (TOTP secrets) with AES-256-GCM under a key kept
 * outside the database, in {@code <data-dir>/secrets/two-factor.key} (directory 0700, file 0600,
 * created on first use). A copy of the database alone (a backup, a dump, a PostgreSQL replica)
 * then does not give away anyone's second factor. Several collectors on one database must share
 * the file, like the snapshot signing key (a shared data volume). The associated data binds each
 * ciphertext to its owner, so a row copied to another user does not decrypt.
 */
@Singleton
public class SealingKey {
    static final String FILE = "two-factor.key";
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private volatile SecretKey key;

    @jakarta.inject.Inject
    public SealingKey(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.dataDir());
    }

    public SealingKey(String dataDir) {
        this.dir = Path.of(dataDir).resolve("secrets");
    }

    public String seal(byte[] plain, String owner) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            byte[] all = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, all, 0, nonce.length);
            System.arraycopy(ct, 0, all, nonce.length, ct.length);
            return VERSION + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    /** The plain bytes; fails when the text was sealed with another key or for another owner. */
    public byte[] open(String sealed, String owner) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed secret");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a two-factor secret does not decrypt with " + dir.resolve(FILE)
                    + " (another collector's key file, or a changed one?)", e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                k = key;
            }
        }
        return k;
    }

    private SecretKey load() {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (raw.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return new SecretKeySpec(raw, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("two-factor key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a new key to a private temporary file and links it in place: another instance's key, written first, wins. */
    private void create(Path file) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Path tmp = Files.createTempFile(dir, ".key-", ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another instance on the shared volume: use theirs
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the data directory's ACL applies
        }
    }
}
