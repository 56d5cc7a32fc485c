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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.snapshot.VerifyMessage;

/**
 * Verifies a snapshot ZIP offline, without the collector: the archive's structure (strictly, so
 * that no other ZIP reader can see other content), every file's SHA-256 against the manifest,
 * the manifest's Ed25519 signature, the RFC 3161 time stamp (with {@code --tsa-cert}, against
 * the authority's certificate), the audit log's chain and, with {@code --previous}, the chain
 * link and that the audit log extends the earlier one.
 *
 * <p>Every line it prints is in English or, with {@code --lang ja} (the default when the JVM's
 * locale is Japanese), in Japanese: the texts are the resource bundles {@value #TEXTS} and
 * {@link VerifyMessage#BUNDLE}. The language changes the words only: the checks, the problems
 * found and the exit code are the same. Times are shown in {@code --zone}, else in the collector's
 * display zone that the manifest records, else in this computer's zone, each with its UTC instant.
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
    /** The verifier's own lines (the findings are in {@link VerifyMessage#BUNDLE}). */
    static final String TEXTS = "jp.akashi.agent.cli.VerifyCommandMessages";

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

    @Option(names = "--lang", paramLabel = "ja|en",
            description = "The language of the output: ja (Japanese) or en (English). Default: ja when the JVM's locale is Japanese, "
                    + "else en. Only the words change: the checks, the problems found and the exit code are the same.")
    String lang;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "The time zone times are shown in (such as Asia/Tokyo, UTC or +09:00), each with its UTC instant. "
                    + "Default: the collector's display zone when the manifest records it, else this computer's zone.")
    String zone;

    @Spec
    CommandSpec spec;

    private Locale locale;
    private ResourceBundle texts;

    private String text(String key, Object... args) {
        return VerifyMessage.format(texts.getString(key), List.of(args), locale, null);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean japanese = lang == null ? "ja".equals(Locale.getDefault().getLanguage()) : "ja".equalsIgnoreCase(lang.strip());
        locale = japanese ? Locale.JAPANESE : Locale.ROOT;
        texts = VerifyMessage.bundle(TEXTS, locale);
        if (lang != null && !japanese && !"en".equalsIgnoreCase(lang.strip())) {
            err.println(text("badLang", lang));
            return AgentMain.EXIT_USAGE;
        }
        ZoneId given = null;
        if (zone != null) {
            try {
                given = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                err.println(text("badZone", zone));
                return AgentMain.EXIT_USAGE;
            }
        }
        for (Path p : new Path[]{snapshot, previous, publicKey, tsaCert}) {
            if (p != null && !Files.isRegularFile(p)) {
                err.println(text("noSuchFile", p));
                return AgentMain.EXIT_USAGE;
            }
        }
        PublicKey pinned = null;
        if (publicKey != null) {
            try {
                pinned = SnapshotKeys.readPublicKeyPem(Files.readString(publicKey, StandardCharsets.US_ASCII));
            } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
                err.println(text("badKey", publicKey, e.getMessage()));
                return AgentMain.EXIT_USAGE;
            }
        }
        X509Certificate tsa = null;
        if (tsaCert != null) {
            try (var in = Files.newInputStream(tsaCert)) {
                tsa = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
                err.println(text("badCert", tsaCert, e.getMessage()));
                return AgentMain.EXIT_USAGE;
            }
        }
        SnapshotVerifier.Result r = SnapshotVerifier.verify(snapshot, pinned, previous, tsa);
        ZoneId recorded = r.manifest() == null ? null : r.manifest().displayZone();
        ZoneId shown = given != null ? given : recorded != null ? recorded : ZoneId.systemDefault();
        out.println(text("snapshot", snapshot));
        out.println("  " + text("zone", shown.getId(), text(given != null ? "zone.given" : recorded != null ? "zone.recorded" : "zone.local")));
        r.noteMessages().forEach(n -> out.println("  " + n.render(locale, shown)));
        // the outcome rests on the findings alone, never on their wording
        if (r.ok()) {
            out.println(text(r.pinned() ? "verifiedPinned" : "verifiedIntegrity"));
            return AgentMain.EXIT_OK;
        }
        out.println(text("notVerified", r.problems().size()));
        r.problemMessages().forEach(p -> out.println("  " + p.render(locale, shown)));
        return EXIT_NOT_VERIFIED;
    }
}
