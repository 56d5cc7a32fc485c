package jp.akashi.probes.host.ssh;

import java.time.Duration;

/**
 * Time limits of one SSH collection. Each probe command carries its own timeout as well.
 *
 * @param connectTimeout  TCP connect
 * @param protocolTimeout each protocol step: server banner, key exchange, authentication, opening a channel
 * @param fileTimeout     one file read, stat or directory listing
 */
public record SshSettings(Duration connectTimeout, Duration protocolTimeout, Duration fileTimeout) {

    public static final SshSettings DEFAULTS = new SshSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(20));

    public SshSettings {
        for (Duration d : new Duration[] {connectTimeout, protocolTimeout, fileTimeout}) {
            if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("SSH timeouts must be positive and below 24 days");
            }
        }
    }
}
