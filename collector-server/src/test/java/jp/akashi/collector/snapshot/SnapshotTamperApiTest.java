package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.snapshot.TamperSuite;
import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;
import jp.akashi.probes.windows.WindowsFixtureHosts;

/**
 * Every forged archive of the tamper suite, put in place of a stored snapshot file, is refused by
 * the real collector over HTTP: verify (409), an export from the snapshot (409), the download and
 * the share-link download (409, nothing served). Genuine snapshots, one with Windows hosts and a
 * Windows-path evidence file among them, verify and are served byte for byte.
 */
class SnapshotTamperApiTest {
    static TestCollector c;
    static String admin;
    static String auditor;
    static PublicKey key;
    static String olderId;
    static String previousId;
    static String genuineId;
    static byte[] older;
    static byte[] previous;
    static byte[] genuine;
    static String shareToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        admin = c.adminToken();
        auditor = c.userToken("auditor-t", "auditor");
        SnapshotTesting.seed(c, admin);
        // a Windows host and an evidence file uploaded with its Windows path as the name
        String[] agent = c.enrollAgent();
        Report win = WindowsFixtureHosts.report(WindowsFixtureHosts.japaneseWin11()).withAgent(agent[0], "test");
        assertThat(c.postJson("/api/v1/reports", agent[1], win).status()).isEqualTo(201);
        String winName = "C:\\Users\\田中\\Documents\\情報セキュリティ 基本方針.docx";
        TestCollector.Response up = SnapshotTesting.upload(c, admin, winName, "PK\3\4 基本方針".getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(c.postJson("/api/v1/criteria/kubota:5/answers", admin, Map.of("status", "met", "attachments",
                List.of(Map.of("sha256", up.json().get("sha256").asText(), "filename", up.json().get("filename").asText())))).status())
                .isEqualTo(201);
        c.awaitEvaluation();
        key = SnapshotTesting.publicKey(c);
        olderId = create();
        previousId = create();
        genuineId = create();
        older = Files.readAllBytes(stored(olderId));
        previous = Files.readAllBytes(stored(previousId));
        genuine = Files.readAllBytes(stored(genuineId));
        TestCollector.Response share = c.postJson("/api/v1/snapshots/" + genuineId + "/share", admin, Map.of("days", 1));
        assertThat(share.status()).as(share.body()).isEqualTo(201);
        shareToken = share.json().get("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static String create() {
        TestCollector.Response r = c.postJson("/api/v1/snapshots", admin, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static Path stored(String id) {
        return c.dataDir().resolve("snapshots").resolve(id + ".zip");
    }

    static void place(String id, byte[] content) throws Exception {
        Files.deleteIfExists(stored(id));
        Files.write(stored(id), content);
    }

    @Test
    void genuineSnapshotsWithAWindowsHostAndAWindowsPathEvidenceFileVerifyAndAreServedAsStored() throws Exception {
        JsonNode v = c.get("/api/v1/snapshots/" + genuineId + "?verify=true", auditor).json();
        assertThat(v.get("verification").get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("verification").get("notes").toString()).contains("chain link verified");
        SnapshotTesting.Bytes zip = get(c, "/api/v1/snapshots/" + genuineId + "/download", auditor);
        assertThat(zip.status()).isEqualTo(200);
        assertThat(Hashes.sha256Hex(zip.body())).isEqualTo(Hashes.sha256Hex(genuine));
        // the multipart parser reads the backslashes of the quoted Windows path as escapes; the file keeps the name it was accepted with
        assertThat(SnapshotTesting.unzip(zip.body()).keySet())
                .anyMatch(n -> n.startsWith("attachments/kubota/5_") && n.endsWith("情報セキュリティ_基本方針.docx"));
        Path file = Files.write(dir.resolve("genuine.zip"), zip.body());
        assertThat(SnapshotVerifier.verify(file, key, Files.write(dir.resolve("previous.zip"), previous)).problems()).isEmpty();
        SnapshotTesting.Bytes shared = get(c, "/share/" + shareToken, null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.body()).isEqualTo(genuine);
        SnapshotTesting.Bytes csv = get(c, "/api/v1/snapshots/" + genuineId + "/exports/verdicts.csv", auditor);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.text()).contains("不適合");
        // no private copy is left behind once the responses are done
        try (var files = Files.list(c.dataDir().resolve("snapshots"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void theAttackOfIssue13IsRefusedAndNoExportShowsTheForgedVerdicts() throws Exception {
        TamperSuite.Forgery attack = TamperSuite.forge(genuine, otherKey(), null).get(1);
        assertThat(attack.name()).contains("data/check-results.jsonl");
        Path forged = Files.write(dir.resolve("attack.zip"), attack.archive());
        try (ZipFile z = new ZipFile(forged.toFile(), StandardCharsets.UTF_8)) {
            // what the collector's exports used to read: every FAIL turned into PASS
            String results = new String(z.getInputStream(z.getEntry("data/check-results.jsonl")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(results).contains("\"status\":\"PASS\"").doesNotContain("\"status\":\"FAIL\"");
        }
        try {
            place(genuineId, attack.archive());
            TestCollector.Response v = c.get("/api/v1/snapshots/" + genuineId + "?verify=true", auditor);
            assertThat(v.status()).as(v.body()).isEqualTo(409);
            assertThat(v.json().get("verification").get("ok").asBoolean()).isFalse();
            assertThat(v.json().get("verification").get("problems").get(0).asText()).contains("not a well-formed snapshot archive");
            assertThat(v.json().get("error").asText()).startsWith("the stored snapshot does not verify: ");
            assertThat(v.json().get("errorJa").asText()).startsWith("保存されているスナップショットの検証に失敗しました");
            SnapshotTesting.Bytes csv = get(c, "/api/v1/snapshots/" + genuineId + "/exports/verdicts.csv", auditor);
            assertThat(csv.status()).as(csv.text()).isEqualTo(409);
            assertThat(csv.text()).doesNotContain(",PASS,");
            // each refusal is a security event in the audit log, with the problem named
            TestCollector.Response log = c.get("/api/v1/audit-log?limit=50", c.adminToken());
            assertThat(log.status()).as(log.body()).isEqualTo(200);
            List<JsonNode> failed = new ArrayList<>();
            log.json().get("entries").forEach(e -> {
                if (e.get("action").asText().equals("snapshot.verify_failed") && e.get("target").asText().equals(genuineId)) {
                    failed.add(e);
                }
            });
            assertThat(failed).hasSizeGreaterThanOrEqualTo(2);
            assertThat(failed.get(0).toString()).contains("not a well-formed snapshot archive");
        } finally {
            place(genuineId, genuine);
        }
    }

    @Test
    void everyForgeryIsRefusedByVerifyExportDownloadAndShareLink() throws Exception {
        List<TamperSuite.Forgery> forgeries = TamperSuite.forge(genuine, otherKey(), older);
        assertThat(forgeries).hasSizeGreaterThanOrEqualTo(40);
        List<String> served = new ArrayList<>();
        try {
            for (TamperSuite.Forgery f : forgeries) {
                if (f.previous() == null) {
                    place(genuineId, f.archive());
                } else {
                    place(previousId, f.previous());
                }
                TestCollector.Response v = c.get("/api/v1/snapshots/" + genuineId + "?verify=true", auditor);
                if (v.status() != 409 || v.json().get("verification").get("ok").asBoolean()) {
                    served.add(f.name() + ": verify " + v.status());
                }
                for (String path : List.of("/api/v1/snapshots/" + genuineId + "/exports/verdicts.csv",
                        "/api/v1/snapshots/" + genuineId + "/exports/kubota.xlsx",
                        "/api/v1/snapshots/" + genuineId + "/download", "/share/" + shareToken)) {
                    SnapshotTesting.Bytes b = get(c, path, path.startsWith("/share/") ? null : auditor);
                    if (b.status() != 409) {
                        served.add(f.name() + ": " + path + " " + b.status());
                    } else {
                        // the share page is a console page: the reason in its language (Japanese by default)
                        assertThat(b.text()).as(f.name() + " " + path).contains(path.startsWith("/share/") ? "検証に失敗" : "does not verify");
                    }
                }
                place(genuineId, genuine);
                place(previousId, previous);
            }
        } finally {
            place(genuineId, genuine);
            place(previousId, previous);
        }
        assertThat(served).as("forgeries the server verified or served").isEmpty();
        assertThat(c.get("/api/v1/snapshots/" + genuineId + "?verify=true", auditor).status()).isEqualTo(200);
    }

    @Test
    void whatIsServedIsTheCopyThatWasVerifiedEvenIfTheStoredFileIsSwappedMeanwhile() throws Exception {
        SnapshotService service = c.bean(SnapshotService.class);
        byte[] attack = TamperSuite.forge(genuine, otherKey(), null).get(0).archive();
        try (VerifiedSnapshot v = service.openVerified(genuineId)) {
            assertThat(v.ok()).isTrue();
            place(genuineId, attack);
            try (InputStream report = v.member("report.html")) {
                assertThat(new String(report.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("all criteria met");
            }
            try (InputStream in = v.takeContent()) {
                assertThat(in.readAllBytes()).isEqualTo(genuine);
            }
        } finally {
            place(genuineId, genuine);
        }
    }

    static KeyPair otherKey() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
