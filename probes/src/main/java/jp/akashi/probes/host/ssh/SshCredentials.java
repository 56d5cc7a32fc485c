package jp.akashi.probes.host.ssh;

/**
 * Who to log in as: a user name with either a password or a private key (OpenSSH, PEM or PKCS#8
 * text, optionally protected by a passphrase). A plain value: keeping it encrypted at rest is the
 * caller's job. {@link #toString()} never shows the secrets.
 */
public record SshCredentials(String username, String password, String privateKeyPem, String passphrase) {

    public SshCredentials {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("SSH user name is required");
        }
        boolean hasPassword = password != null && !password.isEmpty();
        boolean hasKey = privateKeyPem != null && !privateKeyPem.isBlank();
        if (hasPassword == hasKey) {
            throw new IllegalArgumentException("SSH credentials need exactly one of a password or a private key");
        }
        if (hasKey && !privateKeyPem.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the private key must be PEM text (-----BEGIN … PRIVATE KEY-----)");
        }
    }

    public static SshCredentials password(String username, String password) {
        return new SshCredentials(username, password, null, null);
    }

    /** @param passphrase {@code null} when the key is not encrypted */
    public static SshCredentials privateKey(String username, String privateKeyPem, String passphrase) {
        return new SshCredentials(username, null, privateKeyPem, passphrase);
    }

    public boolean usesKey() {
        return privateKeyPem != null;
    }

    @Override
    public String toString() {
        return "SshCredentials[" + username + ", " + (usesKey() ? "private key" : "password") + "]";
    }
}
