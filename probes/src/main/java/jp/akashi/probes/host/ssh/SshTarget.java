package jp.akashi.probes.host.ssh;

/**
 * One host to collect from over SSH.
 *
 * @param host          name or address
 * @param sudo          run every command and file read through {@code sudo -n} (needs NOPASSWD sudo
 *                      rights; without them the commands fail with sudo's message, never hang)
 */
public record SshTarget(String host, int port, SshCredentials credentials, HostKeyPolicy hostKeyPolicy, boolean sudo) {

    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        if (host == null || host.isBlank() || host.strip().length() != host.length() || host.startsWith("-")) {
            throw new IllegalArgumentException("bad SSH host: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad SSH port: " + port);
        }
        if (credentials == null) {
            throw new IllegalArgumentException("SSH credentials are required for " + host);
        }
        if (hostKeyPolicy == null) {
            throw new IllegalArgumentException("a host key policy is required for " + host + " (pinned fingerprint, known_hosts file, or trust on first use)");
        }
    }

    /** {@code ssh:admin@10.0.0.5:22} */
    public String describe() {
        return "ssh:" + credentials.username() + "@" + host + ":" + port;
    }
}
