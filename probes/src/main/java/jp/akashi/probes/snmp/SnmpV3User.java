package jp.akashi.probes.snmp;

import java.util.Locale;

/**
 * An SNMPv3 USM user. Authentication is SHA-1 or the SHA-2 family (RFC 7860), privacy AES
 * (RFC 3826; 192/256-bit keys as in draft-blumenthal-aes-usm, or with the 3DES-style key extension
 * Cisco uses, {@code AES_192_C}/{@code AES_256_C}). MD5 and DES are deliberately not offered.
 * {@link #toString()} never shows the passphrases.
 */
public record SnmpV3User(String securityName, Auth auth, String authPassphrase, Priv priv, String privPassphrase) {

    public enum Auth {
        NONE("none"), SHA("SHA"), SHA_224("SHA-224"), SHA_256("SHA-256"), SHA_384("SHA-384"), SHA_512("SHA-512");

        private final String label;

        Auth(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Priv {
        NONE("none"), AES_128("AES-128"), AES_192("AES-192"), AES_256("AES-256"), AES_192_C("AES-192-C"), AES_256_C("AES-256-C");

        private final String label;

        Priv(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public SnmpV3User {
        if (securityName == null || securityName.isBlank() || securityName.length() > 32) {
            throw new IllegalArgumentException("SNMPv3 user name must be 1..32 characters");
        }
        auth = auth == null ? Auth.NONE : auth;
        priv = priv == null ? Priv.NONE : priv;
        if (priv != Priv.NONE && auth == Auth.NONE) {
            throw new IllegalArgumentException("SNMPv3 privacy needs authentication too (authPriv)");
        }
        // RFC 3414 2.6: passphrases shorter than 8 octets are rejected by agents anyway
        if (auth != Auth.NONE && (authPassphrase == null || authPassphrase.length() < 8)) {
            throw new IllegalArgumentException("SNMPv3 authentication passphrase must have at least 8 characters");
        }
        if (priv != Priv.NONE && (privPassphrase == null || privPassphrase.length() < 8)) {
            throw new IllegalArgumentException("SNMPv3 privacy passphrase must have at least 8 characters");
        }
    }

    public static SnmpV3User authPriv(String name, Auth auth, String authPassphrase, Priv priv, String privPassphrase) {
        return new SnmpV3User(name, auth, authPassphrase, priv, privPassphrase);
    }

    /** {@code authPriv}, {@code authNoPriv} or {@code noAuthNoPriv}, as RFC 3411 names the levels. */
    public String securityLevel() {
        return auth == Auth.NONE ? "noAuthNoPriv" : priv == Priv.NONE ? "authNoPriv" : "authPriv";
    }

    @Override
    public String toString() {
        return "SnmpV3User[" + securityName + ", " + securityLevel() + ", " + auth.label() + "/" + priv.label().toLowerCase(Locale.ROOT) + "]";
    }
}
