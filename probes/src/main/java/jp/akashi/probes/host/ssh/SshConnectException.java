package jp.akashi.probes.host.ssh;

/**
 * An SSH session could not be opened. {@link #kind()} says which step failed, the message says
 * why in words an administrator can act on; {@link #seenHostKey()} is the fingerprint the host
 * presented when it got that far (to compare with the pinned one).
 */
public final class SshConnectException extends Exception {

    public enum Kind {
        /** no TCP connection: refused, no route, unknown name */
        UNREACHABLE,
        /** a step did not finish in time (connect, banner, key exchange, authentication) */
        TIMEOUT,
        /** the host key did not match the pin or the known_hosts file */
        HOST_KEY_REJECTED,
        /** the server refused the credentials, or the private key cannot be used */
        AUTH_FAILED,
        /** sudo was configured but {@code sudo -n} does not work for this user (missing, or wants a password) */
        SUDO_FAILED,
        /** the target's own settings are unusable (e.g. unreadable known_hosts file) */
        CONFIG,
        /** anything else in the SSH protocol */
        PROTOCOL
    }

    private final Kind kind;
    private final String seenHostKey;

    public SshConnectException(Kind kind, String message, String seenHostKey, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.seenHostKey = seenHostKey;
    }

    public Kind kind() {
        return kind;
    }

    /** SHA256:… of the key the host presented, or {@code null} when the handshake did not get there. */
    public String seenHostKey() {
        return seenHostKey;
    }
}
