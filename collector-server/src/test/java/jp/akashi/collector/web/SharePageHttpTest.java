package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Download;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.probes.util.Hashes;

/**
 * A share link opened in a browser (issue 19 §4): the landing page says what the snapshot is,
 * who shared it and until when, how to verify it offline, and offers the ZIP and the PDF and Excel
 * reports rendered from it; every download is a use and audit-logged; a client that does not ask
 * for HTML (curl, scripts) still gets the ZIP at the link itself; expired and revoked links are
 * 404 on every route; the token never leaves the collector (no-referrer, no-store).
 */
class SharePageHttpTest {
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    static final String ZONE = "Europe/Berlin";
    static final String COMPANY = "株式会社あかし製作所";
    static TestCollector c;
    static String snapshotId;
    static JsonNode snapshot;
    static String securityToken;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off", "akashi.display-zone", ZONE,
                "akashi.export.company-name", COMPANY));
        Seed.complianceHost(c, "share-host", true);
        TestCollector.Response u = c.postJson("/api/v1/users", c.adminToken(), Map.of("username", "hanako", "displayName", "監査 花子",
                "role", "security", "password", "password-of-hanako"));
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        securityToken = c.login("hanako", "password-of-hanako");
        c.awaitEvaluation();
        snapshot = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of()).json();
        snapshotId = snapshot.get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** A new link to the snapshot: its share id and token. */
    static String[] share() {
        TestCollector.Response r = c.postJson("/api/v1/snapshots/" + snapshotId + "/share", securityToken, Map.of("days", 5));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), r.json().get("token").asText()};
    }

    static Page browse(WebClient w, String path) {
        return w.get(path, Map.of("Accept", BROWSER_ACCEPT));
    }

    static JsonNode shareRow(String shareId) {
        for (JsonNode s : c.get("/api/v1/snapshots/" + snapshotId + "/shares", c.adminToken()).json()) {
            if (s.get("id").asText().equals(shareId)) {
                return s;
            }
        }
        throw new AssertionError("no share " + shareId);
    }

    static String auditLines() {
        JsonNode log = c.get("/api/v1/audit-log?limit=500", c.adminToken()).json();
        StringBuilder out = new StringBuilder();
        log.get("entries").forEach(e -> out.append(e.get("actor").asText()).append(' ').append(e.get("action").asText()).append(' ')
                .append(e.path("target").asText()).append(' ').append(e.path("details").toString()).append('\n'));
        return out.toString();
    }

    static void assertPrivateHeaders(java.net.http.HttpHeaders h, String what) {
        assertThat(h.allValues("Referrer-Policy")).as(what + ": Referrer-Policy").containsExactly("no-referrer");
        assertThat(h.firstValue("Cache-Control")).as(what + ": Cache-Control").contains("no-store");
    }

    @Test
    void aBrowserGetsTheLandingPageWithTheFactsAndTheDownloads() {
        String[] s = share();
        String token = s[1];
        WebClient stranger = new WebClient(c);
        Page p = browse(stranger, "/share/" + token);
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertPrivateHeaders(p.headers(), "landing page");
        String body = p.body();
        long createdAt = Instant.parse(snapshot.get("createdAt").asText()).toEpochMilli();
        long expiresAt = Instant.parse(shareRow(s[0]).get("expiresAt").asText()).toEpochMilli();
        DisplayZone zone = new DisplayZone(ZONE);
        assertThat(body).contains("Akashi 証跡スナップショット").contains(COMPANY)
                .contains(zone.minute(createdAt)).contains(ZONE)
                .contains(snapshotId).contains(snapshot.get("manifestSha256").asText())
                .contains("監査 花子").contains(zone.minute(expiresAt))
                .contains("akashi-agent verify ").contains("sha256sum manifest.txt")
                .contains("Get-FileHash").contains("certutil -hashfile manifest.txt SHA256");
        assertThat(body).contains("href=\"/share/" + token + "/snapshot.zip\"")
                .contains("href=\"/share/" + token + "/exports/kubota.pdf\"")
                .contains("href=\"/share/" + token + "/exports/kubota.xlsx\"");
        // the token goes nowhere else: no absolute URL carries it, no console or API link is offered
        Matcher abs = Pattern.compile("(?:https?:)?//[^\"'\\s<>]*").matcher(body);
        while (abs.find()) {
            assertThat(abs.group()).as("external URL").doesNotContain(token);
        }
        assertThat(body).doesNotContain("/api/v1/snapshots/" + snapshotId).doesNotContain("href=\"/snapshots/");
        assertThat(shareRow(s[0]).get("downloads").asInt()).as("opening the page is not a download").isZero();

        // English: the language switch comes back to the same page
        Matcher next = Pattern.compile("name=\"next\" value=\"([^\"]*)\"").matcher(body);
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).isEqualTo("/share/" + token);
        Page switched = stranger.submit("/lang", Map.of("lang", "en", "next", next.group(1)));
        assertThat(switched.status()).as(switched.body()).isEqualTo(303);
        assertThat(switched.location()).isEqualTo("/share/" + token);
        String en = browse(stranger, "/share/" + token).body();
        assertThat(en).contains("Akashi evidence snapshot").contains("Shared by").contains("監査 花子")
                .contains("Get-FileHash").contains(snapshot.get("manifestSha256").asText());
    }

    @Test
    void thePageNamesTheCompanyAndFrameworksTheSnapshotRecordedAndSaysWhenItDoesNotVerify() throws Exception {
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        admin.get("/report-settings");
        assertThat(admin.submit("/report-settings", Map.of("company", "株式会社ふたつめ", "language", "ja", "framework", "kubota")).status())
                .isEqualTo(303);
        String second = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of()).json().get("id").asText();
        String third = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of()).json().get("id").asText();
        admin.get("/report-settings");
        assertThat(admin.submit("/report-settings", Map.of("company", "株式会社みっつめ", "language", "ja")).status()).isEqualTo(303);
        try {
            WebClient stranger = new WebClient(c);
            String first = browse(stranger, "/share/" + share()[1]).body();
            assertThat(first).as("the first snapshot recorded the configured company").contains(COMPANY)
                    .doesNotContain("株式会社みっつめ").doesNotContain("id=\"share-verify-failed\"");
            String token = c.postJson("/api/v1/snapshots/" + second + "/share", securityToken, Map.of("days", 5)).json().get("token").asText();
            String page = browse(stranger, "/share/" + token).body();
            assertThat(page).contains("株式会社ふたつめ").doesNotContain("株式会社みっつめ")
                    .contains("href=\"/share/" + token + "/exports/kubota.pdf\"")
                    .as("only the frameworks the snapshot's settings show").doesNotContain("/exports/meti-scs.pdf");

            // a stored snapshot that no longer verifies: the page says so instead of naming anyone
            String bad = c.postJson("/api/v1/snapshots/" + third + "/share", securityToken, Map.of("days", 5)).json().get("token").asText();
            java.nio.file.Path file = c.bean(jp.akashi.collector.snapshot.SnapshotFiles.class).path(third);
            file.toFile().setWritable(true);
            java.nio.file.Files.write(file, "forged".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String refused = browse(stranger, "/share/" + bad).body();
            assertThat(refused).contains("id=\"share-verify-failed\"").contains("検証に失敗しています").doesNotContain("株式会社ふたつめ");
        } finally {
            admin.get("/report-settings");
            admin.submit("/report-settings", Map.of("company", "", "language", "ja"));
        }
    }

    @Test
    void aClientThatDoesNotAskForHtmlStillGetsTheZip() {
        String[] s = share();
        byte[] original = new WebClient(c).download("/api/v1/snapshots/" + snapshotId + "/download",
                Map.of("Authorization", "Bearer " + c.adminToken())).body();
        int n = 0;
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Accept", "*/*"), Map.of("Accept", "application/zip"),
                Map.of("Accept", "application/json, */*;q=0.5"), Map.of("Accept", "application/json"))) {
            Download d = new WebClient(c).download("/share/" + s[1], headers);
            assertThat(d.status()).as(headers.toString()).isEqualTo(200);
            assertThat(d.header("Content-Type")).startsWith("application/zip");
            assertThat(d.header("Content-Disposition")).contains(".zip");
            assertThat(d.header("X-Snapshot-Manifest-Sha256")).isEqualTo(snapshot.get("manifestSha256").asText());
            assertThat(Hashes.sha256Hex(d.body())).isEqualTo(Hashes.sha256Hex(original));
            assertPrivateHeaders(d.headers(), "ZIP " + headers);
            n++;
        }
        assertThat(shareRow(s[0]).get("downloads").asInt()).isEqualTo(n);
    }

    @Test
    void everyDownloadFromThePageWorksCountsAndIsAudited() {
        String[] s = share();
        String token = s[1];
        WebClient stranger = new WebClient(c);
        String body = browse(stranger, "/share/" + token).body();
        Matcher links = Pattern.compile("href=\"(/share/" + Pattern.quote(token) + "/[^\"]+)\"").matcher(body);
        List<String> hrefs = new ArrayList<>();
        while (links.find()) {
            hrefs.add(links.group(1));
        }
        assertThat(hrefs).contains("/share/" + token + "/snapshot.zip", "/share/" + token + "/exports/kubota.pdf",
                "/share/" + token + "/exports/kubota.xlsx");
        for (String href : hrefs) {
            // a browser following a link sends its usual Accept: the file comes, not the page
            Download d = stranger.download(href, Map.of("Accept", BROWSER_ACCEPT));
            assertThat(d.status()).as(href + " " + new String(d.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(d.header("Content-Disposition")).as(href).contains("attachment");
            assertPrivateHeaders(d.headers(), href);
            String start = new String(d.body(), 0, 4, StandardCharsets.ISO_8859_1);
            if (href.endsWith(".pdf")) {
                assertThat(start).startsWith("%PDF");
                assertThat(d.header("Content-Type")).startsWith("application/pdf");
            } else {
                assertThat(start).as(href).startsWith("PK");
            }
        }
        assertThat(shareRow(s[0]).get("downloads").asInt()).isEqualTo(hrefs.size());
        String audit = auditLines();
        assertThat(audit).contains("share:" + s[0] + " snapshot.download " + snapshotId)
                .contains("share:" + s[0] + " export.download kubota.pdf")
                .contains("share:" + s[0] + " export.download kubota.xlsx");
        assertThat(audit.lines().filter(l -> l.startsWith("share:" + s[0] + " export.download kubota.pdf"))
                .allMatch(l -> l.contains(snapshotId) && l.contains("remote"))).isTrue();

        // nothing beyond this one snapshot's files
        for (String other : List.of("/share/" + token + "/exports/verdicts.csv", "/share/" + token + "/exports/nosuch.pdf",
                "/share/" + token + "/exports/kubota.docx")) {
            assertThat(stranger.download(other).status()).as(other).isEqualTo(404);
        }
        assertThat(stranger.get("/snapshots/" + snapshotId).status()).isIn(302, 303, 401);
        assertThat(stranger.get("/api/v1/snapshots/" + snapshotId + "/download").status()).isEqualTo(401);
    }

    @Test
    void expiredAndRevokedLinksAre404OnEveryRoute() {
        String[] expired = share();
        c.bean(Database.class).write(h -> h.createUpdate("UPDATE snapshot_shares SET expires_at = :t WHERE id = :id")
                .bind("t", System.currentTimeMillis() - 1000).bind("id", expired[0]).execute());
        String[] revoked = share();
        assertThat(c.send("DELETE", "/api/v1/snapshots/" + snapshotId + "/shares/" + revoked[0], securityToken, null, Map.of()).status())
                .isEqualTo(204);
        WebClient stranger = new WebClient(c);
        for (String token : List.of(expired[1], revoked[1])) {
            Page page = browse(stranger, "/share/" + token);
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.body()).contains("<html").doesNotContain(token).doesNotContain(snapshotId);
            assertPrivateHeaders(page.headers(), "404 page");
            for (String sub : List.of("", "/snapshot.zip", "/exports/kubota.pdf", "/exports/kubota.xlsx")) {
                assertThat(stranger.download("/share/" + token + sub).status()).as(sub).isEqualTo(404);
            }
        }
        assertThat(shareRow(expired[0]).get("downloads").asInt()).isZero();
        assertThat(shareRow(revoked[0]).get("downloads").asInt()).isZero();
    }

    @Test
    void badLinksOnTheNewRoutesAreThrottledLikeTheLinkItself() throws Exception {
        try (TestCollector other = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"))) {
            String admin = other.adminToken();
            String id = other.postJson("/api/v1/snapshots", admin, Map.of()).json().get("id").asText();
            String token = other.postJson("/api/v1/snapshots/" + id + "/share", admin, Map.of()).json().get("token").asText();
            WebClient stranger = new WebClient(other);
            List<String> subs = List.of("", "/snapshot.zip", "/exports/kubota.pdf", "/exports/kubota.xlsx");
            for (int i = 0; i < 20; i++) {
                String path = "/share/aks_guess" + i + subs.get(i % subs.size());
                assertThat(stranger.get(path, Map.of("Accept", BROWSER_ACCEPT)).status()).as(path).isEqualTo(404);
            }
            for (String sub : subs) {
                assertThat(stranger.download("/share/aks_more" + sub).status()).as(sub).isEqualTo(429);
            }
            // a valid link still works from the throttled address, page and downloads
            assertThat(browse(stranger, "/share/" + token).status()).isEqualTo(200);
            assertThat(stranger.download("/share/" + token + "/snapshot.zip").status()).isEqualTo(200);
            assertThat(stranger.download("/share/" + token).status()).isEqualTo(200);
        }
    }
}
