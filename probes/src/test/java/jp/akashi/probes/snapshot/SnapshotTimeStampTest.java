package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.testing.LocalTimeStampAuthority;

/**
 * RFC 3161 time stamps of snapshots checked offline: a genuine stamp by the trusted authority
 * (joined after the archive was written, every original byte kept), no stamp at all, a stamp
 * over another hash, one by an authority the auditor does not trust, and a damaged token.
 */
class SnapshotTimeStampTest {
    static final KeyPair KEY = SnapshotVerifierTest.keyPair();
    static LocalTimeStampAuthority tsa;
    static LocalTimeStampAuthority other;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        tsa = new LocalTimeStampAuthority("Trusted TSA");
        other = new LocalTimeStampAuthority("Other TSA");
    }

    @AfterAll
    static void stop() {
        tsa.close();
        other.close();
    }

    record Made(Path zip, byte[] manifest) {
    }

    Made snapshot(String name) throws Exception {
        Path zip = dir.resolve(name);
        Instant at = Instant.now().minusSeconds(5);
        SnapshotArchiveWriter.Finished f;
        try (OutputStream out = Files.newOutputStream(zip); SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, at)) {
            w.put("data/criteria.json", ("{\"" + name + "\":\"met\"}").getBytes(StandardCharsets.UTF_8));
            w.putStored("evidence/reports/abc.json.gz", new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            f = w.finish("snap-" + name.replace(".zip", ""), at, null, KEY.getPublic(), d -> SnapshotKeys.sign(KEY.getPrivate(), d));
        }
        return new Made(zip, f.manifestBytes());
    }

    Path joined(Made m, byte[] tsr) throws Exception {
        Path out = dir.resolve("stamped-" + m.zip().getFileName());
        try (OutputStream o = Files.newOutputStream(out)) {
            ZipMemberAppender.append(m.zip(), o, SnapshotManifest.TIME_STAMP_NAME, tsr, Instant.now());
        }
        return out;
    }

    @Test
    void aStampByTheTrustedAuthorityVerifiesAndPrintsItsTime() throws Exception {
        Made m = snapshot("a.zip");
        byte[] tsr = tsa.stamp(m.manifest());
        Path stamped = joined(m, tsr);

        // the original archive's entries are untouched: its bytes up to the central directory are a prefix
        byte[] before = Files.readAllBytes(m.zip());
        byte[] after = Files.readAllBytes(stamped);
        long cd;
        try (var ch = java.nio.channels.FileChannel.open(m.zip())) {
            var b = java.nio.ByteBuffer.allocate(22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, ch.size() - 22);
            cd = Integer.toUnsignedLong(b.getInt(16));
        }
        assertThat(Arrays.equals(before, 0, (int) cd, after, 0, (int) cd)).isTrue();
        try (ZipFile z = new ZipFile(stamped.toFile())) {
            assertThat(z.getInputStream(z.getEntry(SnapshotManifest.TIME_STAMP_NAME)).readAllBytes()).isEqualTo(tsr);
            assertThat(z.size()).isEqualTo(6);
        }

        SnapshotVerifier.Result r = SnapshotVerifier.verify(stamped, KEY.getPublic(), null, tsa.certificate());
        assertThat(r.problems()).isEmpty();
        String time = TimeStampCheck.token(tsr).getTimeStampInfo().getGenTime().toInstant().toString();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("external time stamp verified: the manifest existed at " + time)
                && n.contains("Trusted TSA"));

        // without the authority's certificate: read, imprint checked, but not relied on
        SnapshotVerifier.Result unpinned = SnapshotVerifier.verify(stamped, KEY.getPublic(), null, null);
        assertThat(unpinned.problems()).isEmpty();
        assertThat(unpinned.notes()).anyMatch(n -> n.contains("NOT checked against a trusted authority"));
    }

    @Test
    void noStampIsSaidPlainlyAndIsAnErrorOnlyWhenOneIsAskedFor() throws Exception {
        Made m = snapshot("b.zip");
        SnapshotVerifier.Result r = SnapshotVerifier.verify(m.zip(), KEY.getPublic(), null, null);
        assertThat(r.ok()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("no external time stamp"));
        SnapshotVerifier.Result asked = SnapshotVerifier.verify(m.zip(), KEY.getPublic(), null, tsa.certificate());
        assertThat(asked.ok()).isFalse();
        assertThat(asked.problems()).containsExactly("manifest.tsr: no external time stamp in this snapshot, but --tsa-cert asks for one");
    }

    @Test
    void aStampOverAnotherHashIsRefused() throws Exception {
        Made m = snapshot("c.zip");
        Made elsewhere = snapshot("d.zip");
        // a genuine stamp by the trusted authority, but of another snapshot's manifest
        Path stamped = joined(m, tsa.stamp(elsewhere.manifest()));
        SnapshotVerifier.Result r = SnapshotVerifier.verify(stamped, KEY.getPublic(), null, tsa.certificate());
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("manifest.tsr: stamps another hash (SHA-256 ")
                .contains("manifest.txt hashes to " + jp.akashi.probes.util.Hashes.sha256Hex(m.manifest()));
        // and without --tsa-cert too: the imprint is checked in any case
        assertThat(SnapshotVerifier.verify(stamped, KEY.getPublic(), null, null).ok()).isFalse();
    }

    @Test
    void aStampFromAnUntrustedAuthorityIsRefused() throws Exception {
        Made m = snapshot("e.zip");
        Path stamped = joined(m, other.stamp(m.manifest()));
        SnapshotVerifier.Result r = SnapshotVerifier.verify(stamped, KEY.getPublic(), null, tsa.certificate());
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("manifest.tsr: not a valid time stamp by ").contains("CN=Trusted TSA").contains("certificate hash does not match");
        assertThat(SnapshotVerifier.verify(stamped, KEY.getPublic(), null, other.certificate()).ok())
                .as("the same token verifies with its own authority").isTrue();
    }

    @Test
    void aDamagedTokenIsRefused() throws Exception {
        Made m = snapshot("f.zip");
        byte[] tsr = tsa.stamp(m.manifest());
        byte[] flipped = tsr.clone();
        flipped[flipped.length - 20] ^= 0x01;
        SnapshotVerifier.Result r = SnapshotVerifier.verify(joined(m, flipped), KEY.getPublic(), null, tsa.certificate());
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("manifest.tsr: ");
        SnapshotVerifier.Result junk = SnapshotVerifier.verify(joined(snapshot("g.zip"), "not a token".getBytes(StandardCharsets.US_ASCII)),
                KEY.getPublic(), null, null);
        assertThat(junk.problems()).singleElement().asString().startsWith("manifest.tsr: not an RFC 3161 time-stamp response or token");
    }

    @Test
    void theAppenderRefusesWhatItCannotExtendSafely() throws Exception {
        Made m = snapshot("h.zip");
        Path stamped = joined(m, tsa.stamp(m.manifest()));
        try (OutputStream o = Files.newOutputStream(dir.resolve("twice.zip"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ZipMemberAppender.append(stamped, o, SnapshotManifest.TIME_STAMP_NAME,
                    new byte[]{1}, Instant.now())).hasMessageContaining("already in the archive");
        }
        Path trailing = dir.resolve("trailing.zip");
        Files.write(trailing, Arrays.copyOf(Files.readAllBytes(m.zip()), (int) Files.size(m.zip()) + 3));
        try (OutputStream o = Files.newOutputStream(dir.resolve("x.zip"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ZipMemberAppender.append(trailing, o, "manifest.tsr",
                    new byte[]{1}, Instant.now())).hasMessageContaining("end record");
        }
    }
}
