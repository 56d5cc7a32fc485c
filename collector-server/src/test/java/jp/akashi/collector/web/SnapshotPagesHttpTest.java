package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Download;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.snapshot.SnapshotVerifier;

/**
 * The snapshot pages against a real collector: an auditor takes and downloads a snapshot (issue 6)
 * and the ZIP verifies offline with the published key; the chain and the verification command;
 * exports from a snapshot and of the current state (and the page a missing PDF font gets); share
 * links shown once, used without an account, listed and revoked; CSRF and roles on every form.
 * The collector has no PDF font on purpose ({@code akashi.export.pdf-font} names a missing file).
 */
class SnapshotPagesHttpTest {
    static TestCollector c;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off", "akashi.export.pdf-font", "/nonexistent/akashi-font.ttf"));
        Seed.complianceHost(c, "snap-host", true);
        Seed.user(c, "kansa", "auditor", "auditor-password-1");
        Seed.user(c, "sec", "security", "security-password-1");
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient as(String user) {
        return switch (user) {
            case "admin" -> WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            case "kansa" -> WebClient.loggedIn(c, "kansa", "auditor-password-1");
            default -> WebClient.loggedIn(c, "sec", "security-password-1");
        };
    }

    static long snapshotCount() {
        return c.get("/api/v1/snapshots", c.adminToken()).json().get("total").asLong();
    }

    /** Takes a snapshot through the console form and returns its id. */
    static String take(WebClient w, String note) {
        w.get("/snapshots");
        Page p = w.submit("/snapshots", Map.of("note", note));
        assertThat(p.status()).as(p.body()).isEqualTo(303);
        Matcher m = Pattern.compile("^/snapshots/([0-9a-f-]{36})\\?done=created$").matcher(p.location());
        assertThat(m.find()).as(p.location()).isTrue();
        return m.group(1);
    }

    static PublicKey publicKey(WebClient w) throws Exception {
        Download pem = w.download("/snapshots/public-key");
        assertThat(pem.status()).isEqualTo(200);
        assertThat(pem.header("Content-Disposition")).contains("akashi-snapshot-public-key.pem");
        String text = new String(pem.body(), StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo(c.get("/api/v1/snapshots/public-key", null).body());
        return SnapshotKeys.readPublicKeyPem(text);
    }

    @Test
    void anAuditorTakesADownloadableSnapshotThatVerifiesOffline() throws Exception {
        WebClient w = as("kansa");
        String list = w.get("/snapshots").body();
        assertThat(list).contains("action=\"/snapshots\"").contains("いまのスナップショットを作成")
                .contains("定期作成はオフです").contains(c.get("/api/v1/snapshots", c.adminToken()).json().get("keyFingerprint").asText());

        long before = snapshotCount();
        assertThat(w.post("/snapshots", Map.of("note", "no token")).status()).as("CSRF").isEqualTo(403);
        assertThat(snapshotCount()).isEqualTo(before);

        String id = take(w, "2026年度 内部監査");
        String page = w.get("/snapshots/" + id + "?done=created").body();
        JsonNode api = c.get("/api/v1/snapshots/" + id, c.adminToken()).json();
        String fileName = "akashi-snapshot-";
        assertThat(page).contains("作成しました").contains("2026年度 内部監査").contains(api.get("manifestSha256").asText())
                .contains(api.get("keyFingerprint").asText())
                .contains("外部タイムスタンプなし（時刻認証局が設定されていません）").contains(api.get("auditLog").get("headHash").asText())
                .contains("java -jar akashi-agent.jar verify " + fileName).contains("--public-key akashi-snapshot-public-key.pem")
                .contains("href=\"/snapshots/public-key\"")
                .contains("href=\"/snapshots/" + id + "/exports/kubota.xlsx\"").contains("Excel（自己評価シート）")
                .contains("href=\"/snapshots/" + id + "/exports/verdicts.csv\"")
                .as("auditors see the share links but cannot create or revoke them")
                .doesNotContain("action=\"/snapshots/" + id + "/shares\"");

        Download zip = w.download("/snapshots/" + id + "/download");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).startsWith("application/zip");
        assertThat(zip.header("Content-Disposition")).startsWith("attachment; filename*=UTF-8''akashi-snapshot-");
        assertThat(zip.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Path file = Files.write(dir.resolve("s.zip"), zip.body());
        SnapshotVerifier.Result r = SnapshotVerifier.verify(file, publicKey(w), null);
        assertThat(r.problems()).isEmpty();
        assertThat(r.manifestSha256()).isEqualTo(api.get("manifestSha256").asText());
        assertThat(c.get("/api/v1/audit-log?limit=20", c.adminToken()).body()).contains("snapshot.download").contains("user:kansa");

        String verified = w.get("/snapshots/" + id + "?verify=true").body();
        assertThat(verified).contains("検証しました");
    }

    @Test
    void theListShowsTheChainAndTheCommandNamesThePreviousSnapshot() {
        WebClient w = as("admin");
        String first = take(w, "first");
        String second = take(w, "second");
        JsonNode a = c.get("/api/v1/snapshots/" + first, c.adminToken()).json();
        String list = w.get("/snapshots").body();
        int row = list.indexOf("href=\"/snapshots/" + second + "\"");
        String secondRow = list.substring(row, list.indexOf("</tr>", row));
        assertThat(secondRow).contains("直前とつながっている").contains("href=\"/snapshots/" + first + "\"")
                .contains(a.get("manifestSha256").asText().substring(0, 16));
        String page = w.get("/snapshots/" + second).body();
        assertThat(page).contains("--previous akashi-snapshot-").contains("href=\"/snapshots/" + first + "\"");
        assertThat(w.get("/snapshots/" + first).body()).contains("href=\"/snapshots/" + second + "\"");
        assertThat(w.get("/snapshots/not-a-snapshot").status()).isEqualTo(404);
    }

    @Test
    void exportsFromASnapshotAndFromNowAndAClearPageWithoutAPdfFont() {
        WebClient w = as("kansa");
        String id = take(as("admin"), "exports");
        Download xlsx = w.download("/snapshots/" + id + "/exports/kubota.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.header("Content-Disposition")).contains("akashi-kubota-").contains("-snapshot-" + id.substring(0, 8));
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        Download csv = w.download("/snapshots/" + id + "/exports/verdicts.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF資産ID").contains("snap-host");

        Download now = w.download("/exports/meti-scs.xlsx");
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.header("Content-Disposition")).contains("akashi-meti-scs-").doesNotContain("snapshot");
        assertThat(w.download("/exports/verdicts.csv").status()).isEqualTo(200);

        Page pdf = w.get("/exports/meti-scs.pdf");
        assertThat(pdf.status()).isEqualTo(503);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(pdf.body()).contains("日本語フォントがこのコレクターにない").contains("fonts-ipafont-gothic")
                .contains("/nonexistent/akashi-font.ttf");
        assertThat(w.get("/snapshots/" + id + "/exports/kubota.pdf").status()).isEqualTo(503);
        assertThat(w.get("/exports/nothing.doc").status()).isEqualTo(404);

        String dashboard = w.get("/").body();
        assertThat(dashboard).contains("href=\"/exports/kubota.xlsx\"").contains("Excel（自己評価シート）")
                .contains("href=\"/exports/jaipa-isp.pdf\"").contains("href=\"/exports/verdicts.csv\"")
                .contains("PDF 用の日本語フォントがありません");
        assertThat(w.get("/frameworks/kubota").body()).contains("href=\"/exports/kubota.xlsx\"");
        assertThat(c.get("/api/v1/audit-log?limit=50", c.adminToken()).body()).contains("export.download")
                .contains("kubota.xlsx").contains("verdicts.csv");
    }

    @Test
    void shareLinksAreShownOnceWorkWithoutAnAccountAndCanBeRevoked() {
        String id = take(as("admin"), "to share");
        WebClient sec = as("sec");
        String page = sec.get("/snapshots/" + id).body();
        assertThat(page).contains("action=\"/snapshots/" + id + "/shares\"");
        assertThat(sec.post("/snapshots/" + id + "/shares", Map.of("days", "3")).status()).as("CSRF").isEqualTo(403);
        Page tooLong = sec.submit("/snapshots/" + id + "/shares", Map.of("days", "31", "note", "監査法人 A 向け"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).as("the form comes back as typed").contains("value=\"31\"").contains("value=\"監査法人 A 向け\"");
        assertThat(tooLong.body()).contains("共有リンクを作成できませんでした").contains("共有リンクの有効期間は 1〜30 日で指定してください");
        assertThat(c.get("/api/v1/snapshots/" + id + "/shares", c.adminToken()).json()).isEmpty();

        sec.get("/snapshots/" + id);
        Page created = sec.submit("/snapshots/" + id + "/shares", Map.of("days", "3", "note", "<b>監査法人A</b>"));
        assertThat(created.status()).isEqualTo(201);
        Matcher link = Pattern.compile("id=\"share-link\">(http://[^<]+/share/(aks_[A-Za-z0-9_-]{43}))</pre>").matcher(created.body());
        assertThat(link.find()).as(created.body()).isTrue();
        assertThat(created.body()).contains("&lt;b&gt;監査法人A&lt;/b&gt;").doesNotContain("<b>監査法人A");
        String token = link.group(2);

        WebClient stranger = new WebClient(c);
        Download shared = stranger.download("/share/" + token);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.header("Content-Type")).startsWith("application/zip");

        String after = sec.get("/snapshots/" + id).body();
        assertThat(after).as("the token is never shown again").doesNotContain(token);
        int row = after.indexOf("&lt;b&gt;監査法人A&lt;/b&gt;");
        String shareRow = after.substring(after.lastIndexOf("<tr", row), after.indexOf("</tr>", row));
        assertThat(shareRow).contains("有効").contains(">1<").contains("取り消す");
        String shareId = c.get("/api/v1/snapshots/" + id + "/shares", c.adminToken()).json().get(0).get("id").asText();

        WebClient auditor = as("kansa");
        auditor.get("/snapshots/" + id);
        assertThat(auditor.submit("/snapshots/" + id + "/shares", Map.of("days", "3")).status()).isEqualTo(403);
        assertThat(auditor.submit("/snapshots/" + id + "/shares/" + shareId + "/revoke", Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/snapshots/" + id + "/shares", c.adminToken()).json()).hasSize(1);
        assertThat(stranger.download("/share/" + token).status()).as("still valid").isEqualTo(200);

        assertThat(sec.post("/snapshots/" + id + "/shares/" + shareId + "/revoke", Map.of()).status()).as("CSRF").isEqualTo(403);
        sec.get("/snapshots/" + id);
        Page revoked = sec.submit("/snapshots/" + id + "/shares/" + shareId + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.location()).isEqualTo("/snapshots/" + id + "?done=revoked");
        assertThat(sec.get(revoked.location()).body()).contains("取り消し済み").contains("sec が");
        Page gone = stranger.get("/share/" + token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).contains("<html").doesNotContain(token);
        assertThat(c.get("/api/v1/audit-log?limit=50", c.adminToken()).body()).contains("snapshot.share.create")
                .contains("snapshot.share.revoke").contains("share:" + shareId);
    }
}
