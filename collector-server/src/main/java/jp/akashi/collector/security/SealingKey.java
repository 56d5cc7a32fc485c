package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts secrets the server must read back (TOTP secrets) with an {@link AeadKey} kept
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

    private final Path dir;
    private volatile AeadKey key;

    @jakarta.inject.Inject
    public SealingKey(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.dataDir());
    }

    public SealingKey(String dataDir) {
        this.dir = Path.of(dataDir).resolve("secrets");
    }

    public String seal(byte[] plain, String owner) {
        return VERSION + Base64.getEncoder().encodeToString(key().seal(plain, owner));
    }

    /** The plain bytes; fails when the text was sealed with another key or for another owner. */
    public byte[] open(String sealed, String owner) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed secret");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            return key().open(all, owner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a two-factor secret does not decrypt with " + dir.resolve(FILE)
                    + " (another collector's key file, or a changed one?)", e);
        }
    }

    private AeadKey key() {
        AeadKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = AeadKey.inFile(dir.resolve(FILE), true);
                }
                k = key;
            }
        }
        return k;
    }
}
