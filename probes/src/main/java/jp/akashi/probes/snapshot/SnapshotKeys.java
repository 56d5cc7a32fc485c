package jp.akashi.probes.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import jp.akashi.probes.util.Hashes;

/**
 * Ed25519 keys of snapshots in the forms auditors can use with other tools: the public key as a
 * PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo, what {@code openssl pkey -pubin} reads), its
 * fingerprint {@code sha256:<hex of the DER bytes>}, and raw 64-byte signatures
 * ({@code openssl pkeyutl -verify -rawin} checks them).
 */
public final class SnapshotKeys {
    public static final String ALGORITHM = "Ed25519";
    public static final int SIGNATURE_BYTES = 64;

    private SnapshotKeys() {
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes inside a PEM block of the given type. */
    public static byte[] pemBody(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new GeneralSecurityException("not a PEM '" + type + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new GeneralSecurityException("PEM body is not Base64");
        }
    }

    /** Reads an Ed25519 public key from PEM; anything else is refused. */
    public static PublicKey readPublicKeyPem(String pem) throws GeneralSecurityException {
        PublicKey k = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        if (!ALGORITHM.equals(k.getAlgorithm()) && !"EdDSA".equals(k.getAlgorithm())) {
            throw new GeneralSecurityException("not an Ed25519 key: " + k.getAlgorithm());
        }
        return k;
    }

    /** {@code sha256:<hex>} of the key's SubjectPublicKeyInfo DER bytes. */
    public static String fingerprint(PublicKey key) {
        return "sha256:" + Hashes.sha256Hex(key.getEncoded());
    }

    /** DER prefixes of an Ed25519 PKCS#8 private key and X.509 public key; the raw 32 bytes follow. */
    private static final byte[] PKCS8_PREFIX = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420");

    /**
     * Signs with Bouncy Castle's Ed25519 when the key is a plain Ed25519 key (about ten times
     * faster than the JDK 17 one; the audit log signs its head on every append), else with the JDK.
     * Ed25519 signatures are deterministic: both give the same bytes. Verifying stays with the JDK
     * (the offline verifier checks one signature per snapshot, and starts cold).
     */
    public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        byte[] seed = raw(key.getEncoded(), PKCS8_PREFIX);
        if (seed != null) {
            byte[] sig = new byte[SIGNATURE_BYTES];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, data, 0, data.length, sig, 0);
            return sig;
        }
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] raw(byte[] der, byte[] prefix) {
        if (der == null || der.length != prefix.length + 32 || !java.util.Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(der, prefix.length, der.length);
    }
}
