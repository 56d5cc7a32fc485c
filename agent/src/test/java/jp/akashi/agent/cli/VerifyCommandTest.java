package jp.akashi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.snapshot.SnapshotArchiveWriter;
import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.snapshot.ZipMemberAppender;
import jp.akashi.probes.testing.LocalTimeStampAuthority;

class VerifyCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        CommandLine cl = AgentMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path snapshot(KeyPair key, String name, String previous, Instant at) throws Exception {
        return snapshot(key, name, previous, at, null);
    }

    /** A snapshot whose manifest records the collector's display zone (null: none, as before the field existed). */
    Path snapshot(KeyPair key, String name, String previous, Instant at, java.time.ZoneId zone) throws Exception {
        Path zip = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(zip); SnapshotArchiveWriter w = new SnapshotArchiveWriter(o, at)) {
            w.put("data/criteria.json", "[{\"id\":\"kubota:136\",\"verdict\":\"met\"}]".getBytes(StandardCharsets.UTF_8));
            w.put("report.html", "<html><body>証跡</body></html>".getBytes(StandardCharsets.UTF_8));
            w.finish(name.replace(".zip", ""), at, previous, zone, key.getPublic(), d -> SnapshotKeys.sign(key.getPrivate(), d));
        }
        return zip;
    }

    @Test
    void verifiesPinnedUnpinnedAndTheChainAndNamesWhatWasChanged() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = dir.resolve("collector.pem");
        Files.writeString(pem, SnapshotKeys.publicKeyPem(key.getPublic()));
        Path first = snapshot(key, "s1.zip", null, Instant.parse("2026-11-01T00:00:00Z"));

        Run pinned = run("verify", first.toString(), "--public-key", pem.toString());
        assertThat(pinned.exit()).as(pinned.out() + pinned.err()).isZero();
        assertThat(pinned.out()).contains("VERIFIED: every file matches the manifest, signed by the pinned collector key");

        Run unpinned = run("verify", first.toString());
        assertThat(unpinned.exit()).isZero();
        assertThat(unpinned.out()).contains("VERIFIED (integrity only)").contains(SnapshotKeys.fingerprint(key.getPublic()));

        String firstHash = jp.akashi.probes.snapshot.SnapshotVerifier.verify(first, null, null).manifestSha256();
        Path second = snapshot(key, "s2.zip", firstHash, Instant.parse("2026-12-01T00:00:00Z"));
        Run chain = run("verify", second.toString(), "--public-key", pem.toString(), "--previous", first.toString());
        assertThat(chain.exit()).as(chain.out()).isZero();
        assertThat(chain.out()).contains("chain link verified");
        Run wrongChain = run("verify", first.toString(), "--previous", second.toString());
        assertThat(wrongChain.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
        assertThat(wrongChain.out()).contains("previous snapshot hash differs");

        Path tampered = dir.resolve("tampered.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(first), StandardCharsets.UTF_8);
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("data/criteria.json")) {
                    b = new String(b, StandardCharsets.UTF_8).replace("\"met\"", "\"not\"").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        Run bad = run("verify", tampered.toString(), "--public-key", pem.toString());
        assertThat(bad.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
        assertThat(bad.out()).contains("NOT VERIFIED: 1 problem(s)").contains("data/criteria.json: sha256 mismatch");
    }

    @Test
    void everyForgedArchiveOfTheTamperSuiteExitsSevenWithANamedProblem() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("collector.pem"), SnapshotKeys.publicKeyPem(key.getPublic()));
        Path older = snapshot(key, "s0.zip", null, Instant.parse("2026-10-01T00:00:00Z"));
        Path previous = snapshot(key, "s1.zip", jp.akashi.probes.snapshot.SnapshotVerifier.verify(older, null, null).manifestSha256(),
                Instant.parse("2026-11-01T00:00:00Z"));
        Path genuine = snapshot(key, "s2.zip", jp.akashi.probes.snapshot.SnapshotVerifier.verify(previous, null, null).manifestSha256(),
                Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(run("verify", genuine.toString(), "--public-key", pem.toString(), "--previous", previous.toString()).exit()).isZero();
        java.util.List<jp.akashi.probes.snapshot.TamperSuite.Forgery> forgeries = jp.akashi.probes.snapshot.TamperSuite.forge(
                Files.readAllBytes(genuine), KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), Files.readAllBytes(older));
        assertThat(forgeries).hasSizeGreaterThanOrEqualTo(40);
        int i = 0;
        for (jp.akashi.probes.snapshot.TamperSuite.Forgery f : forgeries) {
            Path zip = Files.write(dir.resolve("forged-" + i++ + ".zip"), f.archive());
            Path prev = f.previous() == null ? previous : Files.write(dir.resolve("substituted.zip"), f.previous());
            Run r = run("verify", zip.toString(), "--public-key", pem.toString(), "--previous", prev.toString());
            assertThat(r.exit()).as(f.name() + "\n" + r.out()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
            assertThat(r.out()).as(f.name()).contains("NOT VERIFIED: ").doesNotContain("VERIFIED: every file");
        }
        // the attack of issue 13 is named as such
        Run attack = run("verify", Files.write(dir.resolve("attack.zip"), forgeries.get(0).archive()).toString(), "--public-key", pem.toString());
        assertThat(attack.out()).contains("attack.zip: not a well-formed snapshot archive: ");
    }

    /** A copy of {@code zip} with one changed byte in data/criteria.json (its hash no longer matches the manifest). */
    Path tamper(Path zip, String name) throws Exception {
        Path tampered = dir.resolve(name);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8);
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("data/criteria.json")) {
                    b = new String(b, StandardCharsets.UTF_8).replace("\"met\"", "\"not\"").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        return tampered;
    }

    static final java.util.regex.Pattern JAPANESE = java.util.regex.Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

    static void everyLineIsJapanese(String out) {
        assertThat(out.lines().filter(l -> !l.isBlank()))
                .as(out).isNotEmpty().allMatch(l -> JAPANESE.matcher(l).find(), "has Japanese wording");
    }

    @Test
    void withLangJaEveryLineIsInJapanese() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("collector.pem"), SnapshotKeys.publicKeyPem(key.getPublic()));
        Path first = snapshot(key, "s1.zip", null, Instant.parse("2026-11-01T00:00:00Z"), java.time.ZoneId.of("Asia/Tokyo"));
        String firstHash = jp.akashi.probes.snapshot.SnapshotVerifier.verify(first, null, null).manifestSha256();
        Path second = snapshot(key, "s2.zip", firstHash, Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneId.of("Asia/Tokyo"));

        Run pinned = run("verify", second.toString(), "--public-key", pem.toString(), "--previous", first.toString(), "--lang", "ja");
        assertThat(pinned.exit()).as(pinned.out() + pinned.err()).isZero();
        everyLineIsJapanese(pinned.out());
        assertThat(pinned.out()).contains("検証に成功しました").contains("前のスナップショットとのつながりを検証しました")
                .doesNotContain("VERIFIED").doesNotContain("chain link");

        Run unpinned = run("verify", first.toString(), "--lang", "ja");
        assertThat(unpinned.exit()).isZero();
        everyLineIsJapanese(unpinned.out());
        assertThat(unpinned.out()).contains(SnapshotKeys.fingerprint(key.getPublic())).contains("外部タイムスタンプはありません");

        Run english = run("verify", first.toString(), "--lang", "en");
        assertThat(english.out()).contains("VERIFIED (integrity only)").doesNotContain("検証");

        // usage errors too
        Run missing = run("verify", dir.resolve("missing.zip").toString(), "--lang", "ja");
        assertThat(missing.exit()).isEqualTo(AgentMain.EXIT_USAGE);
        everyLineIsJapanese(missing.err());
    }

    @Test
    void aTamperedArchiveFailsInBothLanguagesWithTheSameExitCodeAndTheSameProblems() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("collector.pem"), SnapshotKeys.publicKeyPem(key.getPublic()));
        Path genuine = snapshot(key, "s1.zip", null, Instant.parse("2026-11-01T00:00:00Z"), java.time.ZoneId.of("Asia/Tokyo"));
        Path tampered = tamper(genuine, "tampered.zip");

        Run en = run("verify", tampered.toString(), "--public-key", pem.toString(), "--lang", "en");
        Run ja = run("verify", tampered.toString(), "--public-key", pem.toString(), "--lang", "ja");
        assertThat(en.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
        assertThat(ja.exit()).isEqualTo(en.exit());
        assertThat(en.out()).contains("NOT VERIFIED: 1 problem(s)").contains("data/criteria.json: sha256 mismatch");
        assertThat(ja.out()).contains("検証に失敗しました: 問題 1 件").contains("data/criteria.json: SHA-256 が一致しません")
                .doesNotContain("NOT VERIFIED").doesNotContain("sha256 mismatch");
        everyLineIsJapanese(ja.out());
        assertThat(ja.out().lines().count()).as("one line for each line in English").isEqualTo(en.out().lines().count());

        // and every forgery of the tamper suite: the same exit code and as many problems whatever the language
        Path older = snapshot(key, "s0.zip", null, Instant.parse("2026-10-01T00:00:00Z"));
        Path previous = snapshot(key, "p1.zip", jp.akashi.probes.snapshot.SnapshotVerifier.verify(older, null, null).manifestSha256(),
                Instant.parse("2026-11-01T00:00:00Z"));
        Path current = snapshot(key, "p2.zip", jp.akashi.probes.snapshot.SnapshotVerifier.verify(previous, null, null).manifestSha256(),
                Instant.parse("2026-12-01T00:00:00Z"));
        int i = 0;
        for (jp.akashi.probes.snapshot.TamperSuite.Forgery f : jp.akashi.probes.snapshot.TamperSuite.forge(
                Files.readAllBytes(current), KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), Files.readAllBytes(older))) {
            Path zip = Files.write(dir.resolve("forged-" + i++ + ".zip"), f.archive());
            Path prev = f.previous() == null ? previous : Files.write(dir.resolve("substituted.zip"), f.previous());
            Run fe = run("verify", zip.toString(), "--public-key", pem.toString(), "--previous", prev.toString(), "--lang", "en");
            Run fj = run("verify", zip.toString(), "--public-key", pem.toString(), "--previous", prev.toString(), "--lang", "ja");
            assertThat(fj.exit()).as(f.name()).isEqualTo(fe.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
            assertThat(fj.out().lines().count()).as(f.name() + "\n" + fe.out() + "\n" + fj.out()).isEqualTo(fe.out().lines().count());
            assertThat(fj.out()).as(f.name()).contains("検証に失敗しました").doesNotContain("NOT VERIFIED");
        }
    }

    @Test
    void timesAreShownInTheRecordedDisplayZoneOrTheOneGivenWithTheUtcInstantBeside() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path zoned = snapshot(key, "zoned.zip", null, Instant.parse("2026-11-01T00:00:00Z"), java.time.ZoneId.of("Asia/Tokyo"));
        Run recorded = run("verify", zoned.toString());
        assertThat(recorded.exit()).isZero();
        assertThat(recorded.out()).contains("created 2026-11-01 09:00:00 +09:00 Asia/Tokyo (UTC 2026-11-01T00:00:00Z)");

        Run given = run("verify", zoned.toString(), "--zone", "Europe/Berlin");
        assertThat(given.out()).contains("2026-11-01 01:00:00 +01:00 Europe/Berlin (UTC 2026-11-01T00:00:00Z)");
        Run utc = run("verify", zoned.toString(), "--zone", "UTC", "--lang", "ja");
        assertThat(utc.out()).contains("2026-11-01 00:00:00 +00:00 UTC (UTC 2026-11-01T00:00:00Z)").contains("作成");

        // a snapshot from before the zone was recorded: the verifier's own zone, unless one is given
        Path old = snapshot(key, "old.zip", null, Instant.parse("2026-11-01T00:00:00Z"));
        Run oldRun = run("verify", old.toString(), "--zone", "Asia/Tokyo");
        assertThat(oldRun.exit()).isZero();
        assertThat(oldRun.out()).contains("2026-11-01 09:00:00 +09:00 Asia/Tokyo (UTC 2026-11-01T00:00:00Z)");

        Run bad = run("verify", zoned.toString(), "--zone", "Asia/Atlantis");
        assertThat(bad.exit()).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(bad.err()).contains("Asia/Atlantis");
    }

    @Test
    void theLanguageDefaultsToJapaneseWhenTheJvmLocaleIsJapanese() throws Exception {
        Path zip = snapshot(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "s.zip", null, Instant.parse("2026-11-01T00:00:00Z"));
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.JAPAN);
            Run ja = run("verify", zip.toString());
            assertThat(ja.exit()).isZero();
            everyLineIsJapanese(ja.out());
            assertThat(run("verify", zip.toString(), "--lang", "en").out()).contains("VERIFIED (integrity only)");
            java.util.Locale.setDefault(java.util.Locale.US);
            assertThat(run("verify", zip.toString()).out()).contains("VERIFIED (integrity only)");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void unreadableInputIsAUsageError() throws Exception {
        assertThat(run("verify", dir.resolve("missing.zip").toString()).exit()).isEqualTo(AgentMain.EXIT_USAGE);
        Path notAKey = Files.writeString(dir.resolve("k.pem"), "hello");
        Path zip = snapshot(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "s.zip", null, Instant.parse("2026-11-01T00:00:00Z"));
        Run r = run("verify", zip.toString(), "--public-key", notAKey.toString());
        assertThat(r.exit()).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(r.err()).contains("not an Ed25519 public key");
    }

    @Test
    void checksTheTimeStampAgainstTheAuthorityGivenAndPrintsTheStampedTime() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = dir.resolve("collector.pem");
        Files.writeString(pem, SnapshotKeys.publicKeyPem(key.getPublic()));
        Path plain = snapshot(key, "plain.zip", null, Instant.now().minusSeconds(10));
        Run none = run("verify", plain.toString(), "--public-key", pem.toString());
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("no external time stamp");

        try (LocalTimeStampAuthority tsa = new LocalTimeStampAuthority("Verify TSA");
             LocalTimeStampAuthority other = new LocalTimeStampAuthority("Other TSA")) {
            Path tsaPem = Files.writeString(dir.resolve("tsa.pem"), tsa.certificatePem());
            Path otherPem = Files.writeString(dir.resolve("other.pem"), other.certificatePem());
            byte[] manifest;
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(plain.toFile())) {
                manifest = z.getInputStream(z.getEntry("manifest.txt")).readAllBytes();
            }
            byte[] tsr = tsa.stamp(manifest);
            Path stamped = dir.resolve("stamped.zip");
            try (OutputStream o = Files.newOutputStream(stamped)) {
                ZipMemberAppender.append(plain, o, "manifest.tsr", tsr, Instant.now());
            }
            String time = jp.akashi.probes.snapshot.TimeStampCheck.token(tsr).getTimeStampInfo().getGenTime().toInstant().toString();
            Run ok = run("verify", stamped.toString(), "--public-key", pem.toString(), "--tsa-cert", tsaPem.toString());
            assertThat(ok.exit()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("external time stamp verified: the manifest existed at ").contains("UTC " + time)
                    .contains("VERIFIED");
            Run okJa = run("verify", stamped.toString(), "--public-key", pem.toString(), "--tsa-cert", tsaPem.toString(),
                    "--lang", "ja", "--zone", "Asia/Tokyo");
            assertThat(okJa.exit()).as(okJa.out()).isZero();
            String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
                    .format(Instant.parse(time).atZone(java.time.ZoneId.of("Asia/Tokyo")));
            assertThat(okJa.out()).contains("外部タイムスタンプを検証しました").contains(local).contains("UTC " + time);

            Run untrusted = run("verify", stamped.toString(), "--public-key", pem.toString(), "--tsa-cert", otherPem.toString());
            assertThat(untrusted.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
            assertThat(untrusted.out()).contains("manifest.tsr: not a valid time stamp by").contains("Other TSA");

            Run missing = run("verify", plain.toString(), "--public-key", pem.toString(), "--tsa-cert", tsaPem.toString());
            assertThat(missing.exit()).isEqualTo(VerifyCommand.EXIT_NOT_VERIFIED);
            assertThat(missing.out()).contains("no external time stamp in this snapshot, but --tsa-cert asks for one");

            Run badCert = run("verify", stamped.toString(), "--tsa-cert", pem.toString());
            assertThat(badCert.exit()).isEqualTo(AgentMain.EXIT_USAGE);
            assertThat(badCert.err()).contains("not an X.509 certificate");
        }
    }
}
