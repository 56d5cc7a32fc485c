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
     */
    public record Result(List<String> problems, List<String> notes, SnapshotManifest manifest, String manifestSha256,
                         String signerFingerprint, boolean pinned, AuditLogCheck.Summary audit) {
        public Result(List<String> problems, List<String> notes, SnapshotManifest manifest, String manifestSha256,
                      String signerFingerprint, boolean pinned) {
            this(problems, notes, manifest, manifestSha256, signerFingerprint, pinned, null);
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
        if (previous == null) {
            if (r.manifest() != null && r.manifest().previousSha256() != null) {
                r.notes().add("chain link not checked: this snapshot records previous manifest sha256 "
                        + r.manifest().previousSha256() + " (pass the previous snapshot to check it)");
            }
            return r;
        }
        Result p = verifyOne(previous, pinned, tsa);
        String name = previous.getFileName().toString();
        p.problems().forEach(x -> r.problems().add("previous snapshot " + name + ": " + x));
        if (r.manifest() != null && p.manifestSha256() != null) {
            String recorded = r.manifest().previousSha256();
            if (recorded == null) {
                r.problems().add("previous snapshot hash differs: this snapshot records none (first of its chain), "
                        + name + " has manifest sha256 " + p.manifestSha256());
            } else if (!recorded.equals(p.manifestSha256())) {
                r.problems().add("previous snapshot hash differs: this snapshot records " + recorded + ", "
                        + name + "'s manifest hashes to " + p.manifestSha256());
            } else {
                r.notes().add("chain link verified: previous snapshot " + (p.manifest() == null ? name : p.manifest().snapshotId())
                        + " (manifest sha256 " + recorded + ")");
            }
            if (p.manifest() != null && !p.manifest().createdAt().isBefore(r.manifest().createdAt())) {
                r.problems().add("previous snapshot " + name + " was not created before this one ("
                        + p.manifest().createdAt() + " ≥ " + r.manifest().createdAt() + ")");
            }
            if (p.signerFingerprint() != null && r.signerFingerprint() != null && !p.signerFingerprint().equals(r.signerFingerprint())) {
                r.notes().add("the previous snapshot was signed by another key (" + p.signerFingerprint() + ")");
            }
            AuditLogCheck.checkExtends(r.audit(), p.audit(), name, r.problems(), r.notes());
        }
        return r;
    }

    private record Member(long size, String sha256, byte[] bytes) {
    }

    private static Result verifyOne(Path zip, PublicKey pinned, X509Certificate tsa) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Member> members = new LinkedHashMap<>();
        // one reading only: the strict reader refuses any archive that another ZIP reader could read differently
        try (SnapshotArchive archive = SnapshotArchive.open(zip)) {
            for (SnapshotArchive.Entry e : archive.entries()) {
                try (InputStream in = archive.open(e)) {
                    members.put(e.name(), read(in, SnapshotManifest.UNLISTED.contains(e.name()) || AuditLogCheck.MEMBERS.contains(e.name())));
                }
            }
        } catch (SnapshotArchive.ArchiveException e) {
            problems.add(zip.getFileName() + ": not a well-formed snapshot archive: " + e.getMessage());
            return new Result(problems, notes, null, null, null, pinned != null);
        } catch (IOException e) {
            problems.add(zip.getFileName() + ": could not be read (" + e.getMessage() + ")");
            return new Result(problems, notes, null, null, null, pinned != null);
        }
        Member manifestFile = members.get(SnapshotManifest.FILE_NAME);
        if (manifestFile == null) {
            problems.add(SnapshotManifest.FILE_NAME + ": missing from the archive");
            return new Result(problems, notes, null, null, null, pinned != null);
        }
        if (manifestFile.bytes() == null) {
            problems.add(SnapshotManifest.FILE_NAME + ": larger than " + MAX_SMALL_MEMBER + " bytes");
            return new Result(problems, notes, null, null, null, pinned != null);
        }
        SnapshotManifest m;
        try {
            m = SnapshotManifest.parse(manifestFile.bytes());
        } catch (SnapshotManifest.ManifestException ex) {
            problems.add(SnapshotManifest.FILE_NAME + ": " + ex.getMessage());
            return new Result(problems, notes, null, manifestFile.sha256(), null, pinned != null);
        }
        for (SnapshotManifest.Entry f : m.files()) {
            Member got = members.get(f.path());
            if (got == null) {
                problems.add(f.path() + ": missing from the archive");
            } else if (!got.sha256().equals(f.sha256())) {
                problems.add(f.path() + ": sha256 mismatch (manifest " + f.sha256() + ", file " + got.sha256()
                        + (got.size() != f.size() ? "; size " + got.size() + " bytes, manifest says " + f.size() : "") + ")");
            } else if (got.size() != f.size()) {
                problems.add(f.path() + ": size mismatch (manifest " + f.size() + ", file " + got.size() + ")");
            }
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        m.files().forEach(f -> listed.add(f.path()));
        for (String name : members.keySet()) {
            if (!listed.contains(name) && !SnapshotManifest.UNLISTED.contains(name)) {
                problems.add(name + ": in the archive but not listed in the manifest");
            }
        }
        String signer = checkSignature(m, manifestFile.bytes(), members, pinned, problems, notes);
        TimeStampCheck.check(manifestFile.bytes(), bytes(members.get(SnapshotManifest.TIME_STAMP_NAME)), tsa, m.createdAt(), problems, notes);
        AuditLogCheck.Summary audit = AuditLogCheck.check(bytes(members.get(AuditLogCheck.LOG)), bytes(members.get(AuditLogCheck.META)),
                problems, notes);
        notes.add(0, "snapshot " + m.snapshotId() + " created " + m.createdAt() + ": " + m.files().size()
                + " files listed, manifest sha256 " + manifestFile.sha256());
        return new Result(problems, notes, m, manifestFile.sha256(), signer, pinned != null, audit);
    }

    private static String checkSignature(SnapshotManifest m, byte[] manifestBytes, Map<String, Member> members, PublicKey pinned,
                                         List<String> problems, List<String> notes) {
        Member sig = members.get(SnapshotManifest.SIGNATURE_NAME);
        if (sig == null) {
            problems.add(SnapshotManifest.SIGNATURE_NAME + ": missing from the archive: signature does not verify");
            return null;
        }
        byte[] signature = sig.bytes() == null ? new byte[0] : sig.bytes();
        PublicKey key = pinned;
        if (key != null) {
            // the shipped key is what the standard-tools check uses: it must be the pinned one, not any bytes
            Member pem = members.get(SnapshotManifest.PUBLIC_KEY_NAME);
            if (pem == null || pem.bytes() == null || !java.util.Arrays.equals(pem.bytes(),
                    SnapshotKeys.publicKeyPem(pinned).getBytes(StandardCharsets.US_ASCII))) {
                problems.add(SnapshotManifest.PUBLIC_KEY_NAME + ": " + (pem == null ? "missing from the archive" : "is not the pinned collector key"));
            }
        } else {
            Member pem = members.get(SnapshotManifest.PUBLIC_KEY_NAME);
            if (pem == null || pem.bytes() == null) {
                problems.add(SnapshotManifest.PUBLIC_KEY_NAME + ": missing from the archive; give the collector's public key to check the signature");
                return null;
            }
            try {
                key = SnapshotKeys.readPublicKeyPem(new String(pem.bytes(), StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                problems.add(SnapshotManifest.PUBLIC_KEY_NAME + ": not an Ed25519 public key (" + e.getMessage() + ")");
                return null;
            }
        }
        String fp = SnapshotKeys.fingerprint(key);
        if (!fp.equals(m.keyFingerprint())) {
            problems.add((pinned != null ? "the pinned key " : SnapshotManifest.PUBLIC_KEY_NAME + " ") + fp
                    + " is not the collector key the manifest names (" + m.keyFingerprint() + ")");
        }
        if (signature.length != SnapshotKeys.SIGNATURE_BYTES) {
            problems.add(SnapshotManifest.SIGNATURE_NAME + ": signature does not verify (" + signature.length
                    + " bytes, an Ed25519 signature has " + SnapshotKeys.SIGNATURE_BYTES + ")");
        } else if (!SnapshotKeys.verify(key, manifestBytes, signature)) {
            problems.add(SnapshotManifest.SIGNATURE_NAME + ": signature does not verify with key " + fp);
        } else if (pinned != null) {
            notes.add("signature verified with the pinned collector key " + fp);
        } else {
            notes.add("signature verified with the key shipped inside the snapshot (" + fp + "). That proves the files "
                    + "are unchanged since signing, not who signed them: compare this fingerprint with the collector's "
                    + "published key, or pin it with --public-key");
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
