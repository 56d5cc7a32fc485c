package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every forged or malformed archive the tamper suite makes from a genuine snapshot is refused offline, with a named problem. */
class SnapshotTamperTest {
    static final KeyPair KEY = SnapshotVerifierTest.keyPair();
    static final KeyPair OTHER = SnapshotVerifierTest.keyPair();
    static final String REPORT = "<html><body><h1>評価報告書</h1><p>kubota:2 未達 FAIL</p></body></html>\n";
    static final String RESULTS = "{\"assetId\":\"a1\",\"checkId\":\"av.installed\",\"status\":\"FAIL\"}\n"
            + "{\"assetId\":\"a2\",\"checkId\":\"fw.enabled\",\"status\":\"PASS\"}\n";

    @TempDir
    Path dir;

    /** A snapshot shaped like the collector's: report, results, a stored gzip, a Japanese evidence name with a decomposable kana. */
    static byte[] snapshot(String id, Instant at, String previous) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, at)) {
            w.put("README.txt", "Akashi snapshot\n".getBytes(StandardCharsets.UTF_8));
            w.put("report.html", REPORT.getBytes(StandardCharsets.UTF_8));
            w.put("data/check-results.jsonl", RESULTS.getBytes(StandardCharsets.UTF_8));
            w.put("data/criteria.json", ("{\"kubota:2\":\"not_met\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
            w.putStored("evidence/reports/0a1b.json.gz", new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6});
            w.put("attachments/jaipa-isp/1-1-1_セキュリティ_ポリシー.pdf", "%PDF-1.7 policy".getBytes(StandardCharsets.UTF_8));
            w.finish(id, at, previous, KEY.getPublic(), data -> SnapshotKeys.sign(KEY.getPrivate(), data));
        }
        return out.toByteArray();
    }

    record Chain(byte[] older, byte[] previous, byte[] genuine) {
    }

    Chain chain() throws Exception {
        byte[] older = snapshot("snap-0", Instant.parse("2026-10-01T00:00:00Z"), null);
        byte[] previous = snapshot("snap-1", Instant.parse("2026-11-01T00:00:00Z"), sha(older));
        byte[] genuine = snapshot("snap-2", Instant.parse("2026-12-01T00:00:00Z"), sha(previous));
        return new Chain(older, previous, genuine);
    }

    static String sha(byte[] zip) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(SnapshotManifest.FILE_NAME)) {
                    return jp.akashi.probes.util.Hashes.sha256Hex(in.readAllBytes());
                }
            }
        }
        throw new IllegalStateException("no manifest");
    }

    Path save(String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void theGenuineChainVerifies() throws Exception {
        Chain c = chain();
        Path prev = save("previous.zip", c.previous());
        SnapshotVerifier.Result r = SnapshotVerifier.verify(save("genuine.zip", c.genuine()), KEY.getPublic(), prev);
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("chain link verified"));
    }

    @Test
    void everyForgeryIsRefusedWithANamedProblem() throws Exception {
        Chain c = chain();
        List<TamperSuite.Forgery> forgeries = TamperSuite.forge(c.genuine(), OTHER, c.older());
        assertThat(forgeries).hasSizeGreaterThanOrEqualTo(40);
        assertThat(new HashSet<>(forgeries.stream().map(TamperSuite.Forgery::name).toList())).hasSameSizeAs(forgeries);
        Path previous = save("previous.zip", c.previous());
        List<String> accepted = new ArrayList<>();
        int i = 0;
        for (TamperSuite.Forgery f : forgeries) {
            Path zip = save("forged-" + i++ + ".zip", f.archive());
            Path prev = f.previous() == null ? previous : save("substituted-" + i + ".zip", f.previous());
            if (f.previous() == null) {
                assertThat(f.archive()).as(f.name()).isNotEqualTo(c.genuine());
            }
            SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, KEY.getPublic(), prev);
            if (r.ok()) {
                accepted.add(f.name());
            }
            assertThat(r.problems()).as(f.name()).allSatisfy(p -> assertThat(p).isNotBlank());
            System.out.println("refused  " + f.name() + "\n      -> " + (r.problems().isEmpty() ? "(accepted)" : r.problems().get(0)));
        }
        assertThat(accepted).as("forgeries that verified").isEmpty();
        System.out.println(forgeries.size() + " forged archives, all refused");
    }

    @Test
    void theAttackOfIssue13ShowsForgedContentToCentralDirectoryReadersAndIsRefused() throws Exception {
        Chain c = chain();
        TamperSuite.Forgery attack = TamperSuite.forge(c.genuine(), OTHER, null).get(0);
        assertThat(attack.name()).startsWith("hidden second local report.html");
        Path zip = save("attack.zip", attack.archive());
        // what unzip, Python, Excel and the collector's exports read: the forgery
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            assertThat(new String(z.getInputStream(z.getEntry("report.html")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("all criteria met").doesNotContain("FAIL");
        }
        // what a local-header reader sees: the genuine report, so the old verifier said VERIFIED
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("report.html")) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
                }
            }
        }
        SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, KEY.getPublic(), null);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("attack.zip: not a well-formed snapshot archive: ")
                .contains("report.html");
    }

    @Test
    void theDocumentedStandardToolsCheckStillPassesAndFailsOnWhatUnzipExtractsFromTheAttack() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SnapshotVerifierTest.onPath("unzip") && SnapshotVerifierTest.onPath("sha256sum"),
                "unzip or sha256sum not installed");
        Chain c = chain();
        assertThat(standardToolsCheck(save("genuine.zip", c.genuine()))).as("docs/SNAPSHOTS.md step 3 on a genuine snapshot").contains("exit 0");
        byte[] attack = TamperSuite.forge(c.genuine(), OTHER, null).get(0).archive();
        // Debian's unzip refuses it ("overlapped components"); an unzip without that check extracts the forgery, which sha256sum names
        assertThat(standardToolsCheck(save("attack.zip", attack))).containsAnyOf("report.html: FAILED", "overlapped components")
                .doesNotContain("exit 0");
    }

    /** docs/SNAPSHOTS.md, step 3, without any Akashi code: unzip, then sha256sum -c on the manifest's lines. */
    String standardToolsCheck(Path zip) throws Exception {
        Path out = Files.createDirectories(dir.resolve("unzipped-" + zip.getFileName()));
        Process p = new ProcessBuilder("sh", "-c", "unzip -q ../" + zip.getFileName() + " && sed -n 's/^file \\([0-9a-f]*\\) [0-9]* /\\1  /p' "
                + "manifest.txt | sha256sum -c --quiet; echo exit $?").directory(out.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return text;
    }

    @Test
    void aSnapshotWrittenWithAWindowsLayoutVerifies() throws Exception {
        // a collector on Windows: local time zone for the DOS times, evidence names cleaned from "C:\Users\…" upload names
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            Instant at = Instant.parse("2026-12-31T15:30:00Z");
            Path zip = dir.resolve("windows.zip");
            try (OutputStream out = Files.newOutputStream(zip); SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, at)) {
                w.put("data/assets.jsonl", "{\"hostname\":\"WIN-SRV01\",\"facts\":{\"os.install_dir\":\"C:\\\\Windows\"}}\n"
                        .getBytes(StandardCharsets.UTF_8));
                w.put("attachments/kubota/12_C__Users_田中_Documents_セキュリティ_ポリシー.docx", "PK\3\4docx".getBytes(StandardCharsets.UTF_8));
                w.put("attachments/kubota/13_ﾎﾟﾘｼｰ.pdf", "half-width kana".getBytes(StandardCharsets.UTF_8));
                w.putStored("evidence/reports/ffee.json.gz", new byte[]{0x1f, (byte) 0x8b, 8, 0});
                w.finish("win-1", at, null, KEY.getPublic(), data -> SnapshotKeys.sign(KEY.getPrivate(), data));
            }
            SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, KEY.getPublic(), null);
            assertThat(r.problems()).isEmpty();
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void zip64EndRecordsOfLargeSnapshotsAreReadAndMustMatch() throws Exception {
        // more than 65,535 members: the writer adds a ZIP64 end record; the reader reads it and refuses one that disagrees
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        Path zip = dir.resolve("large.zip");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16);
             SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, at)) {
            byte[] one = {'1'};
            for (int i = 0; i < 65_600; i++) {
                w.putStored("evidence/reports/" + i + ".json.gz", one);
            }
            w.finish("large", at, null, KEY.getPublic(), data -> SnapshotKeys.sign(KEY.getPrivate(), data));
        }
        assertThat(SnapshotVerifier.verify(zip, KEY.getPublic(), null).problems()).isEmpty();
        byte[] b = Files.readAllBytes(zip);
        int z64 = b.length - 22 - 20 - 56;
        assertThat(TamperSuite.rd(b, z64, 4)).isEqualTo(0x06064b50L);
        TamperSuite.le(b, z64 + 32, 8, TamperSuite.rd(b, z64 + 32, 8) - 1);
        assertThat(SnapshotVerifier.verify(save("large-forged.zip", b), KEY.getPublic(), null).problems()).singleElement().asString()
                .contains("ZIP64");
    }

    @Test
    void readingAVerifiedMemberChecksItsHashAgain() throws Exception {
        Path zip = save("genuine.zip", chain().genuine());
        try (SnapshotArchive a = SnapshotArchive.open(zip)) {
            SnapshotArchive.Entry e = a.entry("report.html").orElseThrow();
            try (InputStream in = a.openExpecting(e, jp.akashi.probes.util.Hashes.sha256Hex(REPORT.getBytes(StandardCharsets.UTF_8)))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
            }
            try (InputStream in = a.openExpecting(e, "0".repeat(64))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(in::readAllBytes).isInstanceOf(SnapshotArchive.ArchiveException.class)
                        .hasMessageContaining("report.html: content changed since it was verified");
            }
        }
    }
}
