package jp.akashi.probes.host.ssh;

import java.security.PublicKey;
import java.util.Base64;

import jp.akashi.probes.util.Hashes;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** SSH host key fingerprints in OpenSSH's {@code SHA256:<base64 without padding>} form. */
public final class SshFingerprints {
    private SshFingerprints() {
    }

    /** SHA-256 over the key's SSH wire encoding, as {@code ssh-keygen -lf} shows it. */
    public static String sha256(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(Hashes.sha256(blob));
    }

    /** {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa} … */
    public static String type(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** Validates a fingerprint someone typed or pasted; accepts a trailing {@code =} padding. */
    static String normalise(String fingerprint) {
        if (fingerprint == null) {
            throw new IllegalArgumentException("host key fingerprint is required");
        }
        String f = fingerprint.strip();
        if (!f.startsWith("SHA256:")) {
            throw new IllegalArgumentException("host key fingerprint must be SHA256:… (as ssh-keygen -lf prints it), got '" + f + "'");
        }
        String b64 = f.substring(7).replaceAll("=+$", "");
        if (!b64.matches("[A-Za-z0-9+/]{43}")) {
            throw new IllegalArgumentException("host key fingerprint is not a SHA-256 digest in base64: '" + f + "'");
        }
        return "SHA256:" + b64;
    }
}
