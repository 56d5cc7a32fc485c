package jp.akashi.agent.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.probes.snapshot.SnapshotKeys;

/**
 * The collector's Ed25519 signing key (the one that signs snapshots), pinned in
 * {@code <config-dir>/collector-signing.pem} at enrolment. An agent enrolled before this existed
 * fetches it once over its pinned TLS connection when the first update is offered (trust on first
 * use), and keeps it: a later key change refuses updates until the agent is enrolled again.
 */
public final class UpdateKey {
    static final String FILE = "collector-signing.pem";
    static final String PATH = "/api/v1/snapshots/public-key";

    private UpdateKey() {
    }

    public static Path file(Path configDir) {
        return configDir.resolve(FILE);
    }

    /** Fetches and pins the key (enrolment; overwrites an earlier one). */
    public static PublicKey pin(Path configDir, CollectorClient client) throws IOException, GeneralSecurityException {
        String pem = client.getText(PATH);
        PublicKey k = SnapshotKeys.readPublicKeyPem(pem);
        FileSafety.writeAtomically(file(configDir), pem.getBytes(StandardCharsets.US_ASCII), false);
        return k;
    }

    /** The pinned key, fetched and pinned first if there is none yet. */
    public static PublicKey pinnedOrFetch(Path configDir, CollectorClient client) throws IOException, GeneralSecurityException {
        Path f = file(configDir);
        if (Files.exists(f)) {
            return SnapshotKeys.readPublicKeyPem(Files.readString(f, StandardCharsets.US_ASCII));
        }
        return pin(configDir, client);
    }
}
