package jp.akashi.probes.host.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.List;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Applies a {@link HostKeyPolicy} during the key exchange and remembers what it saw, so a
 * rejection can be reported with both fingerprints instead of SSHJ's generic message.
 */
final class HostKeyCheck implements HostKeyVerifier {
    private final HostKeyPolicy policy;
    private final RecordingKnownHosts knownHosts;
    private volatile String seenFingerprint;
    private volatile String seenType;
    private volatile String rejection;

    private HostKeyCheck(HostKeyPolicy policy, RecordingKnownHosts knownHosts) {
        this.policy = policy;
        this.knownHosts = knownHosts;
    }

    static HostKeyCheck of(HostKeyPolicy policy) throws SshConnectException {
        if (policy instanceof HostKeyPolicy.KnownHosts k) {
            File f = k.file().toFile();
            if (!Files.isReadable(k.file()) || Files.isDirectory(k.file())) {
                throw new SshConnectException(SshConnectException.Kind.CONFIG, "known_hosts file " + k.file() + " cannot be read", null, null);
            }
            try {
                return new HostKeyCheck(policy, new RecordingKnownHosts(f));
            } catch (IOException e) {
                throw new SshConnectException(SshConnectException.Kind.CONFIG, "known_hosts file " + f + " cannot be parsed: " + e.getMessage(), null, e);
            }
        }
        return new HostKeyCheck(policy, null);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        seenFingerprint = SshFingerprints.sha256(key);
        seenType = SshFingerprints.type(key);
        if (policy instanceof HostKeyPolicy.Pinned p) {
            if (p.fingerprint().equals(seenFingerprint)) {
                return true;
            }
            rejection = "host key " + seenType + " " + seenFingerprint + " does not match the pinned " + p.fingerprint()
                    + " (key changed: reinstalled host or man-in-the-middle)";
            return false;
        }
        if (knownHosts != null) {
            return knownHosts.verify(hostname, port, key);
        }
        return true; // trust on first use: the caller pins seenFingerprint()
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        // With known_hosts, ask for the key type on file so a host with several keys presents that one.
        return knownHosts != null ? knownHosts.findExistingAlgorithms(hostname, port) : List.of();
    }

    String seenFingerprint() {
        return seenFingerprint;
    }

    String seenType() {
        return seenType;
    }

    String rejection() {
        return rejection != null ? rejection : knownHosts != null ? knownHosts.rejection : null;
    }

    /** SSHJ's known_hosts verifier, refusing unknown and changed keys and saying which it was. */
    private static final class RecordingKnownHosts extends OpenSSHKnownHosts {
        private volatile String rejection;

        RecordingKnownHosts(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            rejection = "host key for " + hostname + " is not in known_hosts file " + getFile();
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            rejection = "host key for " + hostname + " does not match known_hosts file " + getFile()
                    + " (key changed: reinstalled host or man-in-the-middle)";
            return false;
        }
    }
}
