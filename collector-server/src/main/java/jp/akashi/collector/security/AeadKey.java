package jp.akashi.collector.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import jp.akashi.collector.config.FirstFile;
import jp.akashi.probes.util.Hashes;

/**
 * An AES-256-GCM key kept in a file of its own outside the database (32 random bytes, base64, one
 * line; directory 0700, file 0600), for the secrets the collector must read back: target
 * credentials, chat webhooks, TOTP secrets. A copy of the database alone (a dump, a backup, a
 * replica) then reveals none of them. Each value gets a random 96-bit nonce and a 128-bit tag, and
 * its owner (a row id) as associated data, so a value copied onto another row does not open.
 */
public final class AeadKey {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] raw;

    private AeadKey(byte[] raw) {
        this.raw = raw;
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A key file that cannot be used; the message names the file and what to do. */
    public static final class Unusable extends IllegalStateException {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * The key in {@code file}. A missing file is created first when {@code create} (else refused);
     * a file readable by others, of the wrong length or not base64 is refused.
     */
    public static AeadKey inFile(Path file, boolean create) {
        if (!Files.exists(file)) {
            if (!create) {
                throw new Unusable("the key file " + file + " is missing: what it encrypted cannot be decrypted; restore it from the backup");
            }
            try {
                create(file);
            } catch (IOException e) {
                throw new Unusable("cannot create the key file " + file + ": " + e.getMessage());
            }
        }
        return new AeadKey(read(file));
    }

    /** Writes a fresh key unless another instance on the shared volume wrote one first, which is then kept ({@link FirstFile}). */
    static void create(Path file) throws IOException {
        FirstFile.privateDirectory(file.toAbsolutePath().getParent());
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        try {
            FirstFile.create(file, (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII), "rw-------");
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static byte[] read(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new Unusable("the key file " + file + " is accessible to other users (" + PosixFilePermissions.toString(perms)
                            + "): chmod 600 it");
                }
            }
            byte[] k = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (k.length != KEY_BYTES) {
                throw new Unusable("the key file " + file + " must hold " + KEY_BYTES + " bytes (AES-256), base64-encoded; it holds " + k.length);
            }
            return k;
        } catch (IllegalArgumentException e) {
            throw new Unusable("the key file " + file + " is not base64");
        } catch (IOException e) {
            throw new Unusable("cannot read the key file " + file + ": " + e.getMessage());
        }
    }

    /** Nonce followed by ciphertext and tag. */
    public byte[] seal(byte[] plain, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            byte[] all = Arrays.copyOf(nonce, nonce.length + ct.length);
            System.arraycopy(ct, 0, all, nonce.length, ct.length);
            return all;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The plain bytes of what {@link #seal} gave for the same owner.
     *
     * @throws javax.crypto.AEADBadTagException when it was altered, sealed for another owner or with another key
     * @throws GeneralSecurityException         when it is too short to be sealed
     */
    public byte[] open(byte[] sealed, String owner) throws GeneralSecurityException {
        if (sealed.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("truncated: " + sealed.length + " bytes");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** A short public name of this key (16 hex digits of a hash of it under {@code domain}), to tell keys apart. */
    public String id(String domain) {
        byte[] d = domain.getBytes(StandardCharsets.US_ASCII);
        byte[] in = Arrays.copyOf(d, d.length + raw.length);
        System.arraycopy(raw, 0, in, d.length, raw.length);
        return Hashes.sha256Hex(in).substring(0, 16);
    }
}
