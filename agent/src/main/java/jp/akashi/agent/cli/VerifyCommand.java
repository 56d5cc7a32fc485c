package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.snapshot.SnapshotVerifier;

/**
 * Verifies a snapshot ZIP offline, without the collector: the archive's structure (strictly, so
 * that no other ZIP reader can see other content), every file's SHA-256 against the manifest,
 * the manifest's Ed25519 signature, the RFC 3161 time stamp (with {@code --tsa-cert}, against
 * the authority's certificate), the audit log's chain and, with {@code --previous}, the chain
 * link and that the audit log extends the earlier one.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Verify an evidence snapshot (ZIP) offline: that the archive has one reading for every ZIP tool "
                + "(no hidden or disagreeing entries), every file's SHA-256, the signature of the manifest, "
                + "the RFC 3161 time stamp (manifest.tsr) when there is one, the audit log's hash chain and, with --previous, "
                + "the link to the previous snapshot and that its audit log extends the earlier one. Needs no collector and no network.",
        footer = {"", "Exit codes: 0 verified, 2 usage error (file or key unreadable), 7 the snapshot does not verify.", "",
                "Without --public-key the signature is checked with the key inside the ZIP: that proves the files "
                        + "are unchanged since signing, not who signed them. Pin the collector's published key for that."})
public final class VerifyCommand implements Callable<Integer> {
    public static final int EXIT_NOT_VERIFIED = 7;

    @Parameters(index = "0", paramLabel = "SNAPSHOT.zip", description = "The snapshot to verify.")
    Path snapshot;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "The collector's public key (PEM, from GET /api/v1/snapshots/public-key): the signature must be by this key.")
    Path publicKey;

    @Option(names = "--previous", paramLabel = "OTHER.zip",
            description = "The previous snapshot of the chain: it is verified too, and this snapshot must record its manifest hash.")
    Path previous;

    @Option(names = "--tsa-cert", paramLabel = "FILE",
            description = "The time-stamp authority's certificate (PEM or DER) you trust: manifest.tsr must be its RFC 3161 stamp "
                    + "of this manifest, and the stamped time is printed. Without it a stamp is read but not relied on.")
    Path tsaCert;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : new Path[]{snapshot, previous, publicKey, tsaCert}) {
            if (p != null && !Files.isRegularFile(p)) {
                err.println("akashi-agent verify: " + p + ": no such file");
                return AgentMain.EXIT_USAGE;
            }
        }
        PublicKey pinned = null;
        if (publicKey != null) {
            try {
                pinned = SnapshotKeys.readPublicKeyPem(Files.readString(publicKey, StandardCharsets.US_ASCII));
            } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
                err.println("akashi-agent verify: " + publicKey + ": not an Ed25519 public key in PEM form (" + e.getMessage() + ")");
                return AgentMain.EXIT_USAGE;
            }
        }
        X509Certificate tsa = null;
        if (tsaCert != null) {
            try (var in = Files.newInputStream(tsaCert)) {
                tsa = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
                err.println("akashi-agent verify: " + tsaCert + ": not an X.509 certificate in PEM or DER form (" + e.getMessage() + ")");
                return AgentMain.EXIT_USAGE;
            }
        }
        SnapshotVerifier.Result r = SnapshotVerifier.verify(snapshot, pinned, previous, tsa);
        out.println("snapshot:  " + snapshot);
        r.notes().forEach(n -> out.println("  " + n));
        if (r.ok()) {
            out.println(r.pinned() ? "VERIFIED: every file matches the manifest, signed by the pinned collector key"
                    : "VERIFIED (integrity only): every file matches the manifest and its signature; the signing key was not pinned");
            return AgentMain.EXIT_OK;
        }
        out.println("NOT VERIFIED: " + r.problems().size() + " problem(s)");
        r.problems().forEach(p -> out.println("  " + p));
        return EXIT_NOT_VERIFIED;
    }
}
