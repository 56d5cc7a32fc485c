package jp.akashi.probes.host.ssh;

import java.nio.file.Path;

/**
 * How the server's host key is verified before any credential is sent.
 * <ul>
 * <li>{@link Pinned}: the key must have this SHA-256 fingerprint ({@code SHA256:…} as
 *     {@code ssh-keygen -lf} prints it), otherwise the connection is refused.</li>
 * <li>{@link KnownHosts}: the key must be listed for the host in an OpenSSH known_hosts file
 *     (plain or hashed entries, {@code [host]:port} for other ports); unknown or changed → refused.</li>
 * <li>{@link TrustOnFirstUse}: any key is accepted and its fingerprint returned so the caller can
 *     pin it for every later connection.</li>
 * </ul>
 */
public sealed interface HostKeyPolicy permits HostKeyPolicy.Pinned, HostKeyPolicy.KnownHosts, HostKeyPolicy.TrustOnFirstUse {

    static HostKeyPolicy pinned(String fingerprint) {
        return new Pinned(fingerprint);
    }

    static HostKeyPolicy knownHosts(Path file) {
        return new KnownHosts(file);
    }

    static HostKeyPolicy trustOnFirstUse() {
        return new TrustOnFirstUse();
    }

    record Pinned(String fingerprint) implements HostKeyPolicy {
        public Pinned {
            fingerprint = SshFingerprints.normalise(fingerprint);
        }
    }

    record KnownHosts(Path file) implements HostKeyPolicy {
        public KnownHosts {
            if (file == null) {
                throw new IllegalArgumentException("known_hosts file path is required");
            }
        }
    }

    record TrustOnFirstUse() implements HostKeyPolicy {
    }
}
