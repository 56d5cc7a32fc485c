package jp.akashi.probes.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a snapshot ZIP without the collector: that it is one unambiguous archive (read by
 * {@link SnapshotArchive}, so no other ZIP reader can see other content), every listed file's size and SHA-256, that no
 * file is missing or added, the Ed25519 signature over {@code manifest.txt} (with a pinned key,
 * or the key shipped in the archive, which proves integrity but not origin), the RFC 3161 time
 * stamp when there is one ({@link TimeStampCheck}), the audit log's chain ({@link AuditLogCheck}),
 * and optionally the chain link to the previous snapshot and that its audit log extends. Every problem is reported by name; nothing stops at the
 * first one.
 */
public final class SnapshotVerifier {
    /** The manifest, signature and key are small; a larger member under those names is refused. */
    static final int MAX_SMALL_MEMBER = 64 * 1024 * 1024;

    private SnapshotVerifier() {
    }

    /**
     * The outcome.
     *
     * @param problems          what does not match, one line each ("data/criteria.json: sha256 mismatch"); empty when verified
     * @param notes             what was checked and what the result does not prove
     * @param manifest          the parsed manifest, or null when it could not be read
     * @param manifestSha256    SHA-256 of manifest.txt: the snapshot's hash, which the next snapshot records
     * @param signerFingerprint the key the signature was checked with, or null
     * @param pinned            whether that key was given by the caller rather than read from the archive
     * @param problemMessages   the problems as messages, one for each line of {@code problems}, to show in another language
     * @param noteMessages      the notes as messages, one for each line of {@code notes}
     */
    public record Result(List<String> problems, List<String> notes, SnapshotManifest manifest, String manifestSha256,
                         String signerFingerprint, boolean pinned, AuditLogCheck.Summary audit,
                         List<VerifyMessage> problemMessages, List<VerifyMessage> noteMessages) {
        public Result(List<String> problems, List<String> notes, SnapshotManifest manifest, String manifestSha256,
                      String signerFingerprint, boolean pinned) {
            this(problems, notes, manifest, manifestSha256, signerFingerprint, pinned, null, new ArrayList<>(), new ArrayList<>());
        }

        private Result(Findings f, SnapshotManifest manifest, String manifestSha256, String signerFingerprint, boolean pinned,
                       AuditLogCheck.Summary audit) {
            this(f.problems, f.notes, manifest, manifestSha256, signerFingerprint, pinned, audit, f.problemMessages, f.noteMessages);
        }

        private Findings findings() {
            return new Findings(problems, notes, problemMessages, noteMessages);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * @param zip      the snapshot
     * @param pinned   the collector's public key as published (trusted), or null
     * @param previous the previous snapshot of the chain, or null
     */
    public static Result verify(Path zip, PublicKey pinned, Path previous) {
        return verify(zip, pinned, previous, null);
    }

    /** @param tsa the time-stamp authority's certificate (trusted): manifest.tsr must be its stamp over the manifest; or null */
    public static Result verify(Path zip, PublicKey pinned, Path previous, X509Certificate tsa) {
        Result r = verifyOne(zip, pinned, tsa);
        Findings f = r.findings();
        if (previous == null) {
            if (r.manifest() != null && r.manifest().previousSha256() != null) {
                f.note("chain.notChecked", r.manifest().previousSha256());
            }
            return r;
        }
        Result p = verifyOne(previous, pinned, tsa);
        String name = previous.getFileName().toString();
        p.problemMessages().forEach(x -> f.problem("previous.problem", name, x));
        if (r.manifest() != null && p.manifestSha256() != null) {
            String recorded = r.manifest().previousSha256();
            if (recorded == null) {
                f.problem("chain.noneRecorded", name, p.manifestSha256());
            } else if (!recorded.equals(p.manifestSha256())) {
                f.problem("chain.differs", recorded, name, p.manifestSha256());
            } else {
                f.note("chain.verified", p.manifest() == null ? name : p.manifest().snapshotId(), recorded);
            }
            if (p.manifest() != null && !p.manifest().createdAt().isBefore(r.manifest().createdAt())) {
                f.problem("chain.notBefore", name, p.manifest().createdAt(), r.manifest().createdAt());
            }
            if (p.signerFingerprint() != null && r.signerFingerprint() != null && !p.signerFingerprint().equals(r.signerFingerprint())) {
                f.note("chain.otherKey", p.signerFingerprint());
            }
            AuditLogCheck.checkExtends(r.audit(), p.audit(), name, f);
        }
        return r;
    }

    private record Member(long size, String sha256, byte[] bytes) {
    }

    private static Result verifyOne(Path zip, PublicKey pinned, X509Certificate tsa) {
        Findings f = new Findings();
        boolean isPinned = pinned != null;
        Map<String, Member> members = new LinkedHashMap<>();
        // one reading only: the strict reader refuses any archive that another ZIP reader could read differently
        try (SnapshotArchive archive = SnapshotArchive.open(zip)) {
            for (SnapshotArchive.Entry e : archive.entries()) {
                try (InputStream in = archive.open(e)) {
                    members.put(e.name(), read(in, SnapshotManifest.UNLISTED.contains(e.name()) || AuditLogCheck.MEMBERS.contains(e.name())));
                }
            }
        } catch (SnapshotArchive.ArchiveException e) {
            f.problem("archive.malformed", zip.getFileName(), e.getMessage());
            return new Result(f, null, null, null, isPinned, null);
        } catch (IOException e) {
            f.problem("archive.unreadable", zip.getFileName(), e.getMessage());
            return new Result(f, null, null, null, isPinned, null);
        }
        Member manifestFile = members.get(SnapshotManifest.FILE_NAME);
        if (manifestFile == null) {
            f.problem("member.missing", SnapshotManifest.FILE_NAME);
            return new Result(f, null, null, null, isPinned, null);
        }
        if (manifestFile.bytes() == null) {
            f.problem("member.tooLarge", SnapshotManifest.FILE_NAME, MAX_SMALL_MEMBER);
            return new Result(f, null, null, null, isPinned, null);
        }
        SnapshotManifest m;
        try {
            m = SnapshotManifest.parse(manifestFile.bytes());
        } catch (SnapshotManifest.ManifestException ex) {
            f.problem("manifest.invalid", SnapshotManifest.FILE_NAME, ex.getMessage());
            return new Result(f, null, manifestFile.sha256(), null, isPinned, null);
        }
        for (SnapshotManifest.Entry e : m.files()) {
            Member got = members.get(e.path());
            if (got == null) {
                f.problem("member.missing", e.path());
            } else if (!got.sha256().equals(e.sha256())) {
                if (got.size() != e.size()) {
                    f.problem("file.shaAndSizeMismatch", e.path(), e.sha256(), got.sha256(), got.size(), e.size());
                } else {
                    f.problem("file.shaMismatch", e.path(), e.sha256(), got.sha256());
                }
            } else if (got.size() != e.size()) {
                f.problem("file.sizeMismatch", e.path(), e.size(), got.size());
            }
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        m.files().forEach(e -> listed.add(e.path()));
        for (String name : members.keySet()) {
            if (!listed.contains(name) && !SnapshotManifest.UNLISTED.contains(name)) {
                f.problem("file.unlisted", name);
            }
        }
        String signer = checkSignature(m, manifestFile.bytes(), members, pinned, f);
        TimeStampCheck.check(manifestFile.bytes(), bytes(members.get(SnapshotManifest.TIME_STAMP_NAME)), tsa, m.createdAt(), f);
        AuditLogCheck.Summary audit = AuditLogCheck.check(bytes(members.get(AuditLogCheck.LOG)), bytes(members.get(AuditLogCheck.META)), f);
        f.noteFirst("summary", m.snapshotId(), m.createdAt(), m.files().size(), manifestFile.sha256());
        return new Result(f, m, manifestFile.sha256(), signer, isPinned, audit);
    }

    private static String checkSignature(SnapshotManifest m, byte[] manifestBytes, Map<String, Member> members, PublicKey pinned,
                                         Findings f) {
        Member sig = members.get(SnapshotManifest.SIGNATURE_NAME);
        if (sig == null) {
            f.problem("sig.missing", SnapshotManifest.SIGNATURE_NAME);
            return null;
        }
        byte[] signature = sig.bytes() == null ? new byte[0] : sig.bytes();
        PublicKey key = pinned;
        if (key != null) {
            // the shipped key is what the standard-tools check uses: it must be the pinned one, not any bytes
            Member pem = members.get(SnapshotManifest.PUBLIC_KEY_NAME);
            if (pem == null || pem.bytes() == null || !java.util.Arrays.equals(pem.bytes(),
                    SnapshotKeys.publicKeyPem(pinned).getBytes(StandardCharsets.US_ASCII))) {
                f.problem(pem == null ? "member.missing" : "key.notPinned", SnapshotManifest.PUBLIC_KEY_NAME);
            }
        } else {
            Member pem = members.get(SnapshotManifest.PUBLIC_KEY_NAME);
            if (pem == null || pem.bytes() == null) {
                f.problem("key.missingUnpinned", SnapshotManifest.PUBLIC_KEY_NAME);
                return null;
            }
            try {
                key = SnapshotKeys.readPublicKeyPem(new String(pem.bytes(), StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                f.problem("key.notEd25519", SnapshotManifest.PUBLIC_KEY_NAME, e.getMessage());
                return null;
            }
        }
        String fp = SnapshotKeys.fingerprint(key);
        if (!fp.equals(m.keyFingerprint())) {
            if (pinned != null) {
                f.problem("key.pinnedNotNamed", fp, m.keyFingerprint());
            } else {
                f.problem("key.shippedNotNamed", SnapshotManifest.PUBLIC_KEY_NAME, fp, m.keyFingerprint());
            }
        }
        if (signature.length != SnapshotKeys.SIGNATURE_BYTES) {
            f.problem("sig.wrongLength", SnapshotManifest.SIGNATURE_NAME, signature.length, SnapshotKeys.SIGNATURE_BYTES);
        } else if (!SnapshotKeys.verify(key, manifestBytes, signature)) {
            f.problem("sig.bad", SnapshotManifest.SIGNATURE_NAME, fp);
        } else if (pinned != null) {
            f.note("sig.pinned", fp);
        } else {
            f.note("sig.shipped", fp);
        }
        return fp;
    }

    private static byte[] bytes(Member m) {
        return m == null ? null : m.bytes();
    }

    private static Member read(InputStream in, boolean keep) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.io.ByteArrayOutputStream kept = keep ? new java.io.ByteArrayOutputStream() : null;
        byte[] buf = new byte[1 << 16];
        long size = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
            size += n;
            if (kept != null) {
                if (size > MAX_SMALL_MEMBER) {
                    kept = null;
                    keep = false;
                } else {
                    kept.write(buf, 0, n);
                }
            }
        }
        return new Member(size, HexFormat.of().formatHex(md.digest()), kept == null ? null : kept.toByteArray());
    }
}
