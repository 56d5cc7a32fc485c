package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.util.Hashes;

/** Share links for external auditors (expiry, revocation, throttling, audit) and scheduled snapshots. */
class ShareLinkAndScheduleTest {

    @Test
    void aShareLinkDownloadsOneSnapshotUntilItExpiresOrIsRevoked() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"))) {
            String admin = c.adminToken();
            String auditor = c.userToken("auditor-s", "auditor");
            String security = c.userToken("security-s", "security");
            SnapshotTesting.seed(c, admin);
            JsonNode s = c.postJson("/api/v1/snapshots", auditor, Map.of()).json();
            String id = s.get("id").asText();
            byte[] original = SnapshotTesting.get(c, "/api/v1/snapshots/" + id + "/download", auditor).body();

            // an auditor takes and downloads snapshots, but handing one outside is for admin and security
            assertThat(c.postJson("/api/v1/snapshots/" + id + "/share", auditor, Map.of("days", 7)).status()).isEqualTo(403);
            assertThat(c.postJson("/api/v1/snapshots/" + id + "/share", security, Map.of("days", 31)).status()).isEqualTo(400);
            assertThat(c.postJson("/api/v1/snapshots/" + id + "/share", security, Map.of("days", 0)).status()).isEqualTo(400);
            TestCollector.Response share = c.postJson("/api/v1/snapshots/" + id + "/share", security, Map.of("days", 7, "note", "外部監査法人 A"));
            assertThat(share.status()).as(share.body()).isEqualTo(201);
            String path = share.json().get("path").asText();
            assertThat(path).startsWith("/share/aks_");
            Instant expires = Instant.parse(share.json().get("expiresAt").asText());
            assertThat(expires).isBetween(Instant.now().plusSeconds(7 * 86400 - 120), Instant.now().plusSeconds(7 * 86400 + 120));

            // no account needed; the same bytes as the signed snapshot
            SnapshotTesting.Bytes shared = get(c, path, null);
            assertThat(shared.status()).isEqualTo(200);
            assertThat(Hashes.sha256Hex(shared.body())).isEqualTo(Hashes.sha256Hex(original));
            assertThat(shared.header("Cache-Control")).isEqualTo("no-store");
            // the token is not stored, only its hash
            String token = path.substring("/share/".length());
            long plain = c.bean(Database.class).read(h -> h.createQuery("SELECT COUNT(*) FROM snapshot_shares WHERE token_hash = :t")
                    .bind("t", token).mapTo(Long.class).one());
            assertThat(plain).isZero();

            // the link lists without its token, counts its use; then expiry ends it
            JsonNode list = c.get("/api/v1/snapshots/" + id + "/shares", auditor).json();
            assertThat(list.get(0).has("token")).isFalse();
            assertThat(list.get(0).get("downloads").asInt()).isEqualTo(1);
            assertThat(list.get(0).get("note").asText()).isEqualTo("外部監査法人 A");
            c.bean(Database.class).write(h -> h.createUpdate("UPDATE snapshot_shares SET expires_at = :t WHERE id = :id")
                    .bind("t", System.currentTimeMillis() - 1000).bind("id", share.json().get("id").asText()).execute());
            assertThat(get(c, path, null).status()).isEqualTo(404);

            // a second link works until revoked
            TestCollector.Response second = c.postJson("/api/v1/snapshots/" + id + "/share", admin, Map.of());
            String path2 = second.json().get("path").asText();
            assertThat(get(c, path2, null).status()).isEqualTo(200);
            String shareId = second.json().get("id").asText();
            assertThat(c.send("DELETE", "/api/v1/snapshots/" + id + "/shares/" + shareId, auditor, null, Map.of()).status()).isEqualTo(403);
            assertThat(get(c, path2, null).status()).isEqualTo(200);
            assertThat(c.send("DELETE", "/api/v1/snapshots/" + id + "/shares/" + shareId, security, null, Map.of()).status()).isEqualTo(204);
            assertThat(c.send("DELETE", "/api/v1/snapshots/" + id + "/shares/" + shareId, security, null, Map.of()).status()).isEqualTo(409);
            assertThat(get(c, path2, null).status()).isEqualTo(404);
            // a share link opens only the download, nothing of the API
            assertThat(c.get("/api/v1/snapshots", null).status()).isEqualTo(401);

            JsonNode log = c.get("/api/v1/audit-log?limit=500", admin).json();
            StringBuilder entries = new StringBuilder();
            log.get("entries").forEach(e -> entries.append(e.get("actor").asText()).append(' ').append(e.get("action").asText()).append('\n'));
            assertThat(entries.toString()).contains("user:security-s snapshot.share.create", "share:" + share.json().get("id").asText()
                    + " snapshot.download", "user:security-s snapshot.share.revoke")
                    .doesNotContain("user:auditor-s snapshot.share");

            // guessing is throttled: after 20 bad tokens this address gets 429 for bad ones, a valid link still works
            String path3 = c.postJson("/api/v1/snapshots/" + id + "/share", admin, Map.of()).json().get("path").asText();
            int notFound = 0;
            for (int i = 0; i < 20; i++) {
                notFound += get(c, "/share/aks_guess" + i, null).status() == 404 ? 1 : 0;
            }
            assertThat(notFound).isEqualTo(18); // two bad ones were counted above (expired, revoked)
            assertThat(get(c, "/share/aks_more", null).status()).isEqualTo(429);
            assertThat(get(c, path3, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aScheduleTakesSnapshotsByItself() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "*/2 * * * * *"))) {
            String admin = c.adminToken();
            JsonNode first = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (first == null && System.currentTimeMillis() < deadline) {
                JsonNode list = c.get("/api/v1/snapshots", admin).json();
                if (list.get("total").asLong() > 0) {
                    first = list.get("items").get(list.get("items").size() - 1);
                } else {
                    Thread.sleep(250);
                }
            }
            assertThat(first).as("a scheduled snapshot within 60 s").isNotNull();
            assertThat(first.get("trigger").asText()).isEqualTo("scheduled");
            assertThat(first.get("createdBy").asText()).isEqualTo("system:schedule");
            JsonNode list = c.get("/api/v1/snapshots", admin).json();
            assertThat(list.get("schedule").get("cron").asText()).isEqualTo("*/2 * * * * *");
            assertThat(list.get("schedule").get("nextRun").asText()).isNotEmpty();
        }
    }

    @Test
    void scheduleExpressionsAreCheckedAndMonthlyMeansTheFirstInJapan() {
        var monthly = SnapshotSchedule.parse("0 0 0 1 * *");
        ZoneId jst = ZoneId.of("Asia/Tokyo");
        assertThat(SnapshotSchedule.nextAfter(monthly, Instant.parse("2026-11-20T03:00:00Z"), jst)).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        assertThat(SnapshotSchedule.nextAfter(monthly, Instant.parse("2026-11-30T15:00:00Z"), jst)).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
        assertThatThrownBy(() -> SnapshotSchedule.parse("0 0 1 * *")).hasMessageContaining("six fields");
        assertThatThrownBy(() -> SnapshotSchedule.parse("0 0 0 32 * *")).hasMessageContaining("akashi.snapshots.schedule");
    }
}
