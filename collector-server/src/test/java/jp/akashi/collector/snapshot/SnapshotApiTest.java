package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.flipOneByte;
import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static jp.akashi.collector.snapshot.SnapshotTesting.unzip;
import static jp.akashi.collector.snapshot.SnapshotTesting.withChanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.snapshot.SnapshotManifest;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;

/** Snapshots through the API of a real collector: create, download, verify offline, tamper, chain, immutability, roles, audit. */
class SnapshotApiTest {
    static TestCollector c;
    static String admin;
    static String auditor;
    static String security;
    static PublicKey key;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        admin = c.adminToken();
        auditor = c.userToken("auditor-1", "auditor");
        security = c.userToken("security-1", "security");
        SnapshotTesting.seed(c, admin);
        key = SnapshotTesting.publicKey(c);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static JsonNode create(String token, String note) {
        Response r = c.postJson("/api/v1/snapshots", token, note == null ? Map.of() : Map.of("note", note));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static byte[] download(String id, String token) {
        SnapshotTesting.Bytes b = get(c, "/api/v1/snapshots/" + id + "/download", token);
        assertThat(b.status()).as(b.text()).isEqualTo(200);
        assertThat(b.header("Content-Type")).startsWith("application/zip");
        assertThat(b.header("Content-Disposition")).startsWith("attachment; filename*=UTF-8''akashi-snapshot-");
        return b.body();
    }

    Path save(byte[] zip, String name) throws Exception {
        return Files.write(dir.resolve(name), zip);
    }

    @Test
    void createDownloadVerifyAndEveryTamperingIsNamed() throws Exception {
        JsonNode s = create(auditor, "2026年度 内部監査");
        assertThat(s.get("createdBy").asText()).isEqualTo("user:auditor-1");
        assertThat(s.get("counts").get("assets").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(s.get("counts").get("attachments").asInt()).isEqualTo(1);
        byte[] zip = download(s.get("id").asText(), auditor);
        Path file = save(zip, "snapshot.zip");

        SnapshotVerifier.Result ok = SnapshotVerifier.verify(file, key, null);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.manifestSha256()).isEqualTo(s.get("manifestSha256").asText());
        assertThat(ok.manifest().snapshotId()).isEqualTo(s.get("id").asText());

        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsKeys("manifest.txt", "manifest.sig", "collector-public-key.pem", "snapshot.json", "report.html",
                "README.txt", "data/criteria.json", "data/scores.json", "data/checks.json", "data/answers.json", "data/exceptions.json",
                "data/assets.jsonl", "data/check-results.jsonl", "data/audit-log.jsonl", "data/frameworks/kubota/2.0.json",
                "data/frameworks/meti-scs/2025.json", "data/frameworks/jaipa-isp/checksheet.json",
                "attachments/jaipa-isp/1-1-1_セキュリティ_ポリシー.pdf");
        String evidence = files.keySet().stream().filter(n -> n.startsWith("evidence/reports/")).findFirst().orElseThrow();
        try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(files.get(evidence)))) {
            JsonNode report = Json.mapper().readTree(gz);
            assertThat(report.get("facts").get(0).get("evidence").get("sha256").asText()).hasSize(64);
        }
        JsonNode assets = Json.mapper().readTree(new String(files.get("data/assets.jsonl"), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("snap-web-1")).findFirst().orElseThrow());
        assertThat(assets.get("facts").get("av.installed").get("v").asBoolean()).isTrue();
        assertThat(files).containsKey(assets.get("evidence").asText());
        assertThat(new String(files.get("data/check-results.jsonl"), StandardCharsets.UTF_8))
                .contains("\"checkId\":\"av.installed\"").contains("\"status\":\"FAIL\"").contains("snap-db-1");

        JsonNode meta = Json.mapper().readTree(files.get("snapshot.json"));
        assertThat(meta.get("note").asText()).isEqualTo("2026年度 内部監査");
        assertThat(meta.get("auditLog").get("chainVerified").asBoolean()).isTrue();
        assertThat(meta.get("catalog")).anySatisfy(x -> assertThat(x.get("framework").asText()).isEqualTo("kubota"));
        // the snapshot names each version and its source
        assertThat(meta.get("catalog")).anySatisfy(x -> {
            assertThat(x.get("version").asText()).isEqualTo("2026-03-27");
            assertThat(x.get("latest").asBoolean()).isTrue();
            assertThat(x.get("source").get("seed").asText()).isEqualTo("ipa-scs-star4-2026-03-27.tsv");
            assertThat(x.get("source").get("date").asText()).isEqualTo("2026-03-27");
        });
        assertThat(meta.get("catalog")).anySatisfy(x -> assertThat(x.get("version").asText()).isEqualTo("2025"));

        // the manifest records the collector's display zone (signed with it), the verifier's default zone
        assertThat(ok.manifest().displayZone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(new String(files.get("manifest.txt"), StandardCharsets.UTF_8)).contains("\ndisplay-zone Asia/Tokyo\n");

        // the README says how to check the hashes on Windows too and how to verify in Japanese; Japanese first, then English
        String readme = new String(files.get("README.txt"), StandardCharsets.UTF_8);
        assertThat(readme).contains("sha256sum -c").contains("Get-FileHash -Algorithm SHA256 ").contains("certutil -hashfile ")
                .contains("verify <this.zip> --lang ja").contains("ハッシュ").contains("PowerShell");
        assertThat(readme.indexOf("検証する")).as("Japanese first").isPositive()
                .isLessThan(readme.indexOf("To verify"));
        assertThat(readme.indexOf("Get-FileHash")).isLessThan(readme.lastIndexOf("Get-FileHash"))
                .as("the Windows commands in both languages");

        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("自社の情報セキュリティ対応方針(ポリシー)を策定している")
                .contains("attachments/jaipa-isp/1-1-1_セキュリティ_ポリシー.pdf").contains(TestCollector.APPROVER)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");

        // one changed byte anywhere is found and named
        for (String member : List.of("data/criteria.json", "attachments/jaipa-isp/1-1-1_セキュリティ_ポリシー.pdf", "report.html", evidence,
                "data/check-results.jsonl")) {
            SnapshotVerifier.Result r = SnapshotVerifier.verify(withChanged(dir, zip, member, SnapshotTesting::flipOneByte), key, null);
            assertThat(r.problems()).as(member).singleElement().asString().startsWith(member + ": sha256 mismatch");
        }
        SnapshotVerifier.Result manifest = SnapshotVerifier.verify(withChanged(dir, zip, "manifest.txt", b -> {
            String t = new String(b, StandardCharsets.UTF_8);
            int at = t.indexOf("\nfile ") + 6;
            return (t.substring(0, at) + (t.charAt(at) == '0' ? '1' : '0') + t.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        }), key, null);
        assertThat(manifest.problems()).anyMatch(p -> p.startsWith("manifest.sig: signature does not verify"));
        SnapshotVerifier.Result signature = SnapshotVerifier.verify(withChanged(dir, zip, "manifest.sig", SnapshotTesting::flipOneByte), key, null);
        assertThat(signature.problems()).singleElement().asString().startsWith("manifest.sig: signature does not verify");

        // the collector re-verifies its stored copy on request
        JsonNode v = c.get("/api/v1/snapshots/" + s.get("id").asText() + "?verify=true", auditor).json();
        assertThat(v.get("verification").get("ok").asBoolean()).as(v.toString()).isTrue();
    }

    @Test
    void snapshotsChainAndAreUnaffectedByLaterChanges() throws Exception {
        JsonNode first = create(admin, null);
        String firstId = first.get("id").asText();
        byte[] before = download(firstId, admin);
        SnapshotTesting.Bytes xlsxBefore = get(c, "/api/v1/snapshots/" + firstId + "/exports/kubota.xlsx", auditor);
        assertThat(xlsxBefore.status()).as(xlsxBefore.text()).isEqualTo(200);

        // later: a new answer, a new report
        assertThat(c.postJson("/api/v1/criteria/kubota:3/answers", admin, Map.of("status", "not_applicable")).status()).isEqualTo(201);
        String[] agent = c.enrollAgent();
        c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "snap-late-1", "snap-late-1", Reports.linuxPolicyFacts("snap-late-1", true)));
        c.awaitEvaluation();

        JsonNode second = create(admin, null);
        assertThat(second.get("previousSha256").asText()).isEqualTo(first.get("manifestSha256").asText());
        assertThat(second.get("seq").asLong()).isEqualTo(first.get("seq").asLong() + 1);
        Path p1 = save(before, "first.zip");
        Path p2 = save(download(second.get("id").asText(), admin), "second.zip");
        SnapshotVerifier.Result chain = SnapshotVerifier.verify(p2, key, p1);
        assertThat(chain.problems()).isEmpty();
        assertThat(chain.notes()).anyMatch(n -> n.startsWith("chain link verified"));

        // the first snapshot is byte for byte what it was, and still says what was true then
        byte[] again = download(firstId, admin);
        assertThat(Hashes.sha256Hex(again)).isEqualTo(Hashes.sha256Hex(before));
        assertThat(new String(unzip(again).get("data/assets.jsonl"), StandardCharsets.UTF_8)).doesNotContain("snap-late-1");
        assertThat(new String(unzip(Files.readAllBytes(p2)).get("data/assets.jsonl"), StandardCharsets.UTF_8)).contains("snap-late-1");
        SnapshotTesting.Bytes xlsxAgain = get(c, "/api/v1/snapshots/" + firstId + "/exports/kubota.xlsx", auditor);
        assertThat(ExportApiTest.answerOf(xlsxAgain.body(), "2.0", "3")).isEqualTo(ExportApiTest.answerOf(xlsxBefore.body(), "2.0", "3"))
                .isNotEqualTo("対象外");
        SnapshotTesting.Bytes xlsxNow = get(c, "/api/v1/exports/kubota.xlsx", auditor);
        assertThat(ExportApiTest.answerOf(xlsxNow.body(), "2.0", "3")).isEqualTo("対象外");

        // the file on disk is read-only and a verification of the stored copy passes with its chain link
        Path stored = c.dataDir().resolve("snapshots").resolve(firstId + ".zip");
        assertThat(Files.getPosixFilePermissions(stored)).containsExactly(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
        JsonNode v = c.get("/api/v1/snapshots/" + second.get("id").asText() + "?verify=true", admin).json();
        assertThat(v.get("verification").get("notes").toString()).contains("chain link verified");
    }

    @Test
    void rolesAuditorSnapshotsButDoesNotAnswerAndEveryDownloadIsLogged() throws Exception {
        JsonNode s = create(security, null);
        String id = s.get("id").asText();
        download(id, auditor);
        assertThat(c.postJson("/api/v1/criteria/kubota:4/answers", auditor, Map.of("status", "met")).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/snapshots", null).status()).isEqualTo(401);
        assertThat(get(c, "/api/v1/snapshots/" + id + "/download", null).status()).isEqualTo(401);
        assertThat(c.get("/api/v1/audit-log", security).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/snapshots/" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12), auditor).status()).isEqualTo(404);
        assertThat(c.get("/api/v1/snapshots/../../etc", auditor).status()).isIn(400, 404);
        assertThat(c.postJson("/api/v1/snapshots", admin, Map.of("note", "x".repeat(300))).status()).isEqualTo(400);

        JsonNode list = c.get("/api/v1/snapshots", auditor).json();
        assertThat(list.get("items")).anySatisfy(i -> assertThat(i.get("id").asText()).isEqualTo(id));
        assertThat(list.get("keyFingerprint").asText()).startsWith("sha256:");

        get(c, "/api/v1/exports/kubota.xlsx", auditor);
        JsonNode log = c.get("/api/v1/audit-log?limit=500", auditor).json();
        assertThat(log.get("chain").get("verified").asBoolean()).isTrue();
        List<String> actions = new ArrayList<>();
        log.get("entries").forEach(e -> actions.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("target").asText()));
        assertThat(actions).contains("user:security-1 snapshot.create " + id, "user:auditor-1 snapshot.download " + id,
                "user:auditor-1 export.download kubota.xlsx");
    }

    @Test
    void theExportedAuditLogVerifiesWithTheDocumentedFormula() throws Exception {
        create(admin, null);
        SnapshotTesting.Bytes jsonl = get(c, "/api/v1/audit-log/export?format=jsonl", auditor);
        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(jsonl.header("X-Audit-Chain")).isEqualTo("verified");
        String prev = "0".repeat(64);
        long seq = 0;
        Map<String, Integer> actions = new HashMap<>();
        for (String line : jsonl.text().split("\n")) {
            JsonNode e = Json.mapper().readTree(line);
            assertThat(e.get("seq").asLong()).isEqualTo(++seq);
            assertThat(e.get("prevHash").asText()).isEqualTo(prev);
            String s = prev + "\n" + e.get("seq").asLong() + "\n" + e.get("atEpochMs").asLong() + "\n" + e.get("actor").asText() + "\n"
                    + e.get("action").asText() + "\n" + (e.get("target").isNull() ? "" : e.get("target").asText()) + "\n"
                    + (e.get("details").isNull() ? "" : e.get("details").asText());
            assertThat(e.get("hash").asText()).as("entry " + seq).isEqualTo(Hashes.sha256Hex(s.getBytes(StandardCharsets.UTF_8)));
            prev = e.get("hash").asText();
            actions.merge(e.get("action").asText(), 1, Integer::sum);
        }
        assertThat(actions).containsKeys("snapshot.create", "answer.create", "exception.request", "exception.approve", "audit_log.export");
        SnapshotTesting.Bytes csv = get(c, "/api/v1/audit-log/export?format=csv", admin);
        assertThat(csv.text()).startsWith("\uFEFFseq,at,at_epoch_ms,actor,action,target,details,prev_hash,hash\r\n");
        assertThat(get(c, "/api/v1/audit-log/export?format=xml", admin).status()).isEqualTo(400);
    }

    @Test
    void thePublicKeyIsPublicAndTheSameOneSignsEverySnapshot() throws Exception {
        SnapshotTesting.Bytes pem = get(c, "/api/v1/snapshots/public-key", null);
        assertThat(pem.text()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(pem.header("X-Key-Fingerprint")).isEqualTo(jp.akashi.probes.snapshot.SnapshotKeys.fingerprint(key));
        JsonNode s = create(admin, null);
        assertThat(s.get("keyFingerprint").asText()).isEqualTo(pem.header("X-Key-Fingerprint"));
        Path keyDir = c.dataDir().resolve("signing");
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("snapshot-ed25519.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        // the manifest in the ZIP names that key
        Map<String, byte[]> files = unzip(download(s.get("id").asText(), admin));
        assertThat(SnapshotManifest.parse(files.get("manifest.txt")).keyFingerprint()).isEqualTo(pem.header("X-Key-Fingerprint"));
    }
}
