package jp.akashi.collector.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, the OWASP minimum parameters), computed by
 * password4j. The parameters are read back from each stored string, so hashes written with other
 * parameters (earlier versions, a future raise) still verify; {@link #needsRehash} tells the login
 * to store a hash with today's parameters once the password is known to be right.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final Argon2Function CURRENT =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(CURRENT).getResult();
    }

    public static boolean verify(String password, String stored) {
        if (password == null || stored == null || !stored.startsWith("$argon2id$")) {
            return false;
        }
        try {
            return Argon2Function.getInstanceFromHash(stored).check(password, stored);
        } catch (RuntimeException e) {
            return false; // not a hash this version can read
        }
    }

    /** Whether {@code stored} (already verified) was made with other parameters than today's. */
    public static boolean needsRehash(String stored) {
        try {
            Argon2Function f = Argon2Function.getInstanceFromHash(stored);
            return !f.equals(CURRENT) || saltBytes(stored) < SALT_BYTES;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static int saltBytes(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length == 6 ? parts[4].length() * 3 / 4 : 0;
    }

    /** A hash to verify against when the user does not exist, so timing does not reveal it. */
    static final String DUMMY = hash("akashi-dummy-password-for-timing");
}
