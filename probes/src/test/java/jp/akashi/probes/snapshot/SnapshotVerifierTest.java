package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotVerifierTest {
    @TempDir
    Path dir;

    static final KeyPair KEY = keyPair();
    static final KeyPair OTHER_KEY = keyPair();

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small snapshot: a compressed JSON file, a stored gzip member and a Japanese-named attachment. */
    Path snapshot(String name, String id, Instant at, String previous, KeyPair key) throws Exception {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, at)) {
            w.put("data/criteria.json", "{\"meti-scs:4-4-5-1\":\"met\"}".getBytes(StandardCharsets.UTF_8));
            w.putStored("evidence/reports/abc.json.gz", new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            try (OutputStream a = w.begin("attachments/jaipa-isp/1-1-1_セキュリティポリシー.pdf")) {
                a.write("%PDF-1.4 policy".getBytes(StandardCharsets.UTF_8));
            }
            w.finish(id, at, previous, key.getPublic(), data -> SnapshotKeys.sign(key.getPrivate(), data));
        }
        return zip;
    }

    Path first() throws Exception {
        return snapshot("first.zip", "snap-1", Instant.parse("2026-11-01T00:00:00Z"), null, KEY);
    }

    /** Copies a ZIP, changing one member's bytes. */
    Path rewrite(Path zip, String member, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                all.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(all).containsKey(member);
        all.put(member, change.apply(all.get(member)));
        Path out = dir.resolve("changed-" + Math.abs(member.hashCode()) + "-" + zip.getFileName());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    static byte[] flipOneByte(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 0x01;
        return c;
    }

    @Test
    void anUntouchedSnapshotVerifiesWithThePinnedKeyAndWithItsOwn() throws Exception {
        Path zip = first();
        SnapshotVerifier.Result pinned = SnapshotVerifier.verify(zip, KEY.getPublic(), null);
        assertThat(pinned.problems()).isEmpty();
        assertThat(pinned.ok()).isTrue();
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.manifest().files()).extracting(SnapshotManifest.Entry::path).containsExactly(
                "attachments/jaipa-isp/1-1-1_セキュリティポリシー.pdf", "data/criteria.json", "evidence/reports/abc.json.gz");
        assertThat(pinned.notes()).anyMatch(n -> n.contains("pinned collector key " + SnapshotKeys.fingerprint(KEY.getPublic())));

        SnapshotVerifier.Result own = SnapshotVerifier.verify(zip, null, null);
        assertThat(own.problems()).isEmpty();
        assertThat(own.pinned()).isFalse();
        assertThat(own.notes()).anyMatch(n -> n.contains("not who signed them"));
    }

    @Test
    void oneChangedByteInAnyFileIsNamed() throws Exception {
        Path zip = first();
        for (String member : new String[]{"data/criteria.json", "evidence/reports/abc.json.gz",
                "attachments/jaipa-isp/1-1-1_セキュリティポリシー.pdf"}) {
            SnapshotVerifier.Result r = SnapshotVerifier.verify(rewrite(zip, member, SnapshotVerifierTest::flipOneByte), KEY.getPublic(), null);
            assertThat(r.ok()).as(member).isFalse();
            assertThat(r.problems()).as(member).hasSize(1);
            assertThat(r.problems().get(0)).startsWith(member + ": sha256 mismatch");
        }
    }

    @Test
    void aChangedManifestOrSignatureFailsTheSignature() throws Exception {
        Path zip = first();
        // a byte of a listed hash changed: still canonical, so only the signature catches it
        Path manifest = rewrite(zip, "manifest.txt", b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            int at = s.indexOf("file ") + 5;
            char c = s.charAt(at);
            return (s.substring(0, at) + (c == 'a' ? 'b' : 'a') + s.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        });
        SnapshotVerifier.Result r = SnapshotVerifier.verify(manifest, KEY.getPublic(), null);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("manifest.sig: signature does not verify"));
        assertThat(r.problems()).anyMatch(p -> p.contains(": sha256 mismatch"));

        Path signature = rewrite(zip, "manifest.sig", SnapshotVerifierTest::flipOneByte);
        r = SnapshotVerifier.verify(signature, KEY.getPublic(), null);
        assertThat(r.problems()).containsExactly("manifest.sig: signature does not verify with key " + SnapshotKeys.fingerprint(KEY.getPublic()));

        Path truncated = rewrite(zip, "manifest.sig", b -> java.util.Arrays.copyOf(b, 10));
        assertThat(SnapshotVerifier.verify(truncated, null, null).problems())
                .containsExactly("manifest.sig: signature does not verify (10 bytes, an Ed25519 signature has 64)");

        Path garbage = rewrite(zip, "manifest.txt", b -> "hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(SnapshotVerifier.verify(garbage, KEY.getPublic(), null).problems().get(0)).startsWith("manifest.txt: ");
    }

    @Test
    void aForeignKeyOrASwappedEmbeddedKeyIsRefused() throws Exception {
        Path zip = first();
        SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, OTHER_KEY.getPublic(), null);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.startsWith("the pinned key " + SnapshotKeys.fingerprint(OTHER_KEY.getPublic())));
        assertThat(r.problems()).anyMatch(p -> p.startsWith("manifest.sig: signature does not verify"));

        // an attacker re-signing with their own key and shipping it: the manifest names the original key
        Path swapped = rewrite(zip, "collector-public-key.pem",
                b -> SnapshotKeys.publicKeyPem(OTHER_KEY.getPublic()).getBytes(StandardCharsets.US_ASCII));
        assertThat(SnapshotVerifier.verify(swapped, null, null).problems())
                .anyMatch(p -> p.startsWith("collector-public-key.pem " + SnapshotKeys.fingerprint(OTHER_KEY.getPublic())));
    }

    @Test
    void missingAndAddedFilesAreNamed() throws Exception {
        Path zip = first();
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                all.put(e.getName(), in.readAllBytes());
            }
        }
        all.remove("data/criteria.json");
        all.put("data/extra.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path changed = dir.resolve("changed.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(changed), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        assertThat(SnapshotVerifier.verify(changed, KEY.getPublic(), null).problems()).containsExactlyInAnyOrder(
                "data/criteria.json: missing from the archive", "data/extra.json: in the archive but not listed in the manifest");
    }

    @Test
    void theChainLinkIsChecked() throws Exception {
        Path a = first();
        SnapshotVerifier.Result ra = SnapshotVerifier.verify(a, KEY.getPublic(), null);
        Path b = snapshot("second.zip", "snap-2", Instant.parse("2026-12-01T00:00:00Z"), ra.manifestSha256(), KEY);
        SnapshotVerifier.Result ok = SnapshotVerifier.verify(b, KEY.getPublic(), a);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.notes()).anyMatch(n -> n.startsWith("chain link verified: previous snapshot snap-1"));
        assertThat(SnapshotVerifier.verify(b, KEY.getPublic(), null).notes()).anyMatch(n -> n.startsWith("chain link not checked"));

        Path unrelated = snapshot("unrelated.zip", "snap-x", Instant.parse("2026-11-15T00:00:00Z"), null, KEY);
        SnapshotVerifier.Result wrong = SnapshotVerifier.verify(b, KEY.getPublic(), unrelated);
        assertThat(wrong.problems()).singleElement().asString().startsWith("previous snapshot hash differs: this snapshot records "
                + ra.manifestSha256());

        SnapshotVerifier.Result firstOfChain = SnapshotVerifier.verify(a, KEY.getPublic(), unrelated);
        assertThat(firstOfChain.problems()).anyMatch(p -> p.startsWith("previous snapshot hash differs: this snapshot records none"));

        Path tamperedPrevious = rewrite(a, "data/criteria.json", SnapshotVerifierTest::flipOneByte);
        assertThat(SnapshotVerifier.verify(b, KEY.getPublic(), tamperedPrevious).problems())
                .anyMatch(p -> p.startsWith("previous snapshot " + tamperedPrevious.getFileName() + ": data/criteria.json: sha256 mismatch"));
    }

    @Test
    void notAZipIsAProblemNotAnException() throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, "this is not a zip archive, only some text".getBytes(StandardCharsets.UTF_8));
        SnapshotVerifier.Result r = SnapshotVerifier.verify(junk, null, null);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString()
                .startsWith("junk.zip: not a well-formed snapshot archive: no end-of-central-directory record");
    }

    @Test
    void manifestIsCanonicalAndRoundTrips() throws Exception {
        SnapshotManifest m = SnapshotManifest.of("id-1", Instant.parse("2026-11-01T00:00:00.120Z"), SnapshotKeys.fingerprint(KEY.getPublic()),
                null, java.util.List.of(new SnapshotManifest.Entry("b.json", 2, "a".repeat(64)),
                        new SnapshotManifest.Entry("a/日本語.pdf", 10, "b".repeat(64))));
        byte[] bytes = m.render();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("""
                akashi-snapshot-manifest 1
                snapshot-id id-1
                created-at 2026-11-01T00:00:00.120Z
                collector-key %s
                previous none
                files 2
                file %s 10 a/日本語.pdf
                file %s 2 b.json
                end
                """.formatted(SnapshotKeys.fingerprint(KEY.getPublic()), "b".repeat(64), "a".repeat(64)));
        assertThat(SnapshotManifest.parse(bytes)).isEqualTo(m);

        String swapped = new String(bytes, StandardCharsets.UTF_8).replace("file " + "b".repeat(64) + " 10 a/日本語.pdf\n", "")
                .replace("end\n", "file " + "b".repeat(64) + " 10 a/日本語.pdf\nend\n");
        assertThat(parseError(swapped)).contains("canonical");
        assertThat(parseError(new String(bytes, StandardCharsets.UTF_8).replace("files 2", "files 3"))).contains("says 3 files");
        assertThat(parseError(new String(bytes, StandardCharsets.UTF_8).replace("b.json", "../b.json"))).contains("'..'");
        assertThat(parseError(new String(bytes, StandardCharsets.UTF_8).replace("b.json", "b .json"))).contains("b");
        assertThat(parseError(new String(bytes, StandardCharsets.UTF_8).replace("\nend\n", "\nend"))).contains("line feed");
    }

    @Test
    void theDisplayZoneIsAnOptionalSignedManifestFieldThatOldManifestsDoNotHave() throws Exception {
        java.util.List<SnapshotManifest.Entry> files = java.util.List.of(new SnapshotManifest.Entry("b.json", 2, "a".repeat(64)));
        String fp = SnapshotKeys.fingerprint(KEY.getPublic());
        SnapshotManifest old = SnapshotManifest.of("id-1", Instant.parse("2026-11-01T00:00:00Z"), fp, null, files);
        assertThat(old.displayZone()).isNull();
        assertThat(new String(old.render(), StandardCharsets.UTF_8)).as("a manifest without a zone is written as before")
                .doesNotContain("display-zone");
        SnapshotManifest zoned = SnapshotManifest.of("id-1", Instant.parse("2026-11-01T00:00:00Z"), fp, null,
                java.time.ZoneId.of("Asia/Tokyo"), files);
        String text = new String(zoned.render(), StandardCharsets.UTF_8);
        assertThat(text).contains("previous none\ndisplay-zone Asia/Tokyo\nfiles 1\n");
        assertThat(SnapshotManifest.parse(zoned.render())).isEqualTo(zoned);
        assertThat(SnapshotManifest.parse(old.render()).displayZone()).isNull();
        assertThat(parseError(text.replace("display-zone Asia/Tokyo", "display-zone Asia/Atlantis"))).contains("display-zone");
        assertThat(parseError(text.replace("display-zone Asia/Tokyo", "display-zone  Asia/Tokyo"))).isNotEqualTo("parsed");

        // written by the archive writer, the zone is covered by the signature like every other field
        Path zip = dir.resolve("zoned.zip");
        try (OutputStream out = Files.newOutputStream(zip);
             SnapshotArchiveWriter w = new SnapshotArchiveWriter(out, Instant.parse("2026-11-01T00:00:00Z"))) {
            w.put("data/criteria.json", "{}".getBytes(StandardCharsets.UTF_8));
            w.finish("snap-z", Instant.parse("2026-11-01T00:00:00Z"), null, java.time.ZoneId.of("Asia/Tokyo"), KEY.getPublic(),
                    data -> SnapshotKeys.sign(KEY.getPrivate(), data));
        }
        SnapshotVerifier.Result ok = SnapshotVerifier.verify(zip, KEY.getPublic(), null);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.manifest().displayZone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        Path moved = rewrite(zip, "manifest.txt", b -> new String(b, StandardCharsets.UTF_8)
                .replace("display-zone Asia/Tokyo", "display-zone Europe/Berlin").getBytes(StandardCharsets.UTF_8));
        assertThat(SnapshotVerifier.verify(moved, KEY.getPublic(), null).problems())
                .anyMatch(p -> p.startsWith("manifest.sig: signature does not verify"));
        // an archive written before the field existed verifies as it did
        assertThat(SnapshotVerifier.verify(first(), KEY.getPublic(), null).problems()).isEmpty();
    }

    @Test
    void randomBytesNeverThrowAnythingButManifestException() {
        java.util.Random rnd = new java.util.Random(11);
        byte[] good = SnapshotManifest.of("id", Instant.parse("2026-11-01T00:00:00Z"), SnapshotKeys.fingerprint(KEY.getPublic()), null,
                java.util.List.of(new SnapshotManifest.Entry("x", 1, "c".repeat(64)))).render();
        for (int i = 0; i < 5000; i++) {
            byte[] b = i % 2 == 0 ? good.clone() : new byte[rnd.nextInt(200)];
            if (i % 2 == 0) {
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            } else {
                rnd.nextBytes(b);
            }
            try {
                SnapshotManifest.parse(b);
            } catch (SnapshotManifest.ManifestException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static String parseError(String text) {
        try {
            SnapshotManifest.parse(text.getBytes(StandardCharsets.UTF_8));
            return "parsed";
        } catch (SnapshotManifest.ManifestException e) {
            return e.getMessage();
        }
    }

    @Test
    void pemRoundTripsAndOpensslVerifiesTheSignatureIndependently() throws Exception {
        String pem = SnapshotKeys.publicKeyPem(KEY.getPublic());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(SnapshotKeys.readPublicKeyPem(pem)).isEqualTo(KEY.getPublic());

        // what docs/SNAPSHOTS.md tells an auditor to run, without any Akashi code
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("openssl"), "openssl not installed");
        Path zip = first();
        Path out = Files.createDirectories(dir.resolve("unzipped"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (SnapshotManifest.UNLISTED.contains(e.getName())) {
                    Files.write(out.resolve(e.getName()), in.readAllBytes());
                }
            }
        }
        assertThat(openssl(out, "pkeyutl", "-verify", "-pubin", "-inkey", "collector-public-key.pem", "-rawin",
                "-in", "manifest.txt", "-sigfile", "manifest.sig")).contains("Signature Verified Successfully");
        Files.write(out.resolve("manifest.txt"), flipOneByte(Files.readAllBytes(out.resolve("manifest.txt"))));
        assertThat(openssl(out, "pkeyutl", "-verify", "-pubin", "-inkey", "collector-public-key.pem", "-rawin",
                "-in", "manifest.txt", "-sigfile", "manifest.sig")).contains("Signature Verification Failure");
    }

    static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    static String openssl(Path cwd, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
