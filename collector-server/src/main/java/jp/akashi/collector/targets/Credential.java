package jp.akashi.collector.targets;

import java.util.Map;

/**
 * A stored credential as everyone may see it: what it is for, the user name, non-secret settings
 * (SNMPv3 protocols, whether a community is set) and, for SSH keys, the public key's fingerprint.
 * The secret itself is only in {@link #sealed} (encrypted) and is never shown.
 */
public record Credential(String id, String name, String kind, String username, Map<String, Object> settings,
                         CredentialCipher.Sealed sealed, String fingerprint, String createdBy, long createdAt) {

    public static final String SSH_PASSWORD = "ssh-password";
    public static final String SSH_KEY = "ssh-key";
    public static final String SNMP = "snmp";
    public static final java.util.List<String> KINDS = java.util.List.of(SSH_PASSWORD, SSH_KEY, SNMP);

    public boolean isSsh() {
        return SSH_PASSWORD.equals(kind) || SSH_KEY.equals(kind);
    }

    @Override
    public String toString() {
        return "Credential[" + id + ", " + name + ", " + kind + "]";
    }
}
