package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static jp.akashi.collector.snapshot.SnapshotTesting.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.testing.LocalTimeStampAuthority;
import jp.akashi.probes.util.Json;

/**
 * RFC 3161 time stamps of snapshots with a real local time-stamp authority over HTTP on loopback:
 * stamped at creation and verified offline against the authority's certificate; no authority
 * configured ("no external time stamp", not an error); an authority that stamps another hash
 * (refused, pending); an authority that is down (the snapshot is made, pending, then stamped by
 * the retry, joining the stored archive without changing what was signed).
 */
class SnapshotTimeStampApiTest {
    TestCollector c;
    LocalTimeStampAuthority tsa;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        if (tsa != null) {
            tsa.close();
        }
    }

    String start(Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new java.util.HashMap<>(Map.of("akashi.snapshots.schedule", "off"));
        p.putAll(extra);
        c = new TestCollector(Map.of(), p);
        return c.adminToken();
    }

    JsonNode create(String admin) {
        Response r = c.postJson("/api/v1/snapshots", admin, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Path download(String admin, String id, String name) throws Exception {
        SnapshotTesting.Bytes b = get(c, "/api/v1/snapshots/" + id + "/download", admin);
        assertThat(b.status()).isEqualTo(200);
        return Files.write(dir.resolve(name), b.body());
    }

    JsonNode snapshot(String admin, String id, boolean verify) {
        Response r = c.get("/api/v1/snapshots/" + id + (verify ? "?verify=true" : ""), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aConfiguredAuthorityStampsEachSnapshotAndTheVerifierChecksItOffline() throws Exception {
        tsa = new LocalTimeStampAuthority("Loopback TSA").start();
        String admin = start(Map.of("akashi.snapshots.tsa-url", tsa.url()));
        PublicKey key = SnapshotTesting.publicKey(c);
        JsonNode s = create(admin);
        assertThat(tsa.requests()).isEqualTo(1);
        assertThat(s.get("timeStamp").get("status").asText()).isEqualTo("stamped");
        Instant stampedAt = Instant.parse(s.get("timeStamp").get("time").asText());
        assertThat(stampedAt).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());

        Path zip = download(admin, s.get("id").asText(), "stamped.zip");
        assertThat(unzip(Files.readAllBytes(zip))).containsKey("manifest.tsr");
        SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, key, null, tsa.certificate());
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("external time stamp verified: the manifest existed at ")
                && n.contains("Loopback TSA"));
        JsonNode meta = Json.mapper().readTree(unzip(Files.readAllBytes(zip)).get("snapshot.json"));
        assertThat(meta.get("timeStamp").get("authority").asText()).isEqualTo(tsa.url());
        assertThat(snapshot(admin, s.get("id").asText(), true).get("verification").get("ok").asBoolean()).isTrue();

        // an authority the auditor does not trust
        try (LocalTimeStampAuthority other = new LocalTimeStampAuthority("Not trusted")) {
            SnapshotVerifier.Result untrusted = SnapshotVerifier.verify(zip, key, null, other.certificate());
            assertThat(untrusted.ok()).isFalse();
            assertThat(untrusted.problems()).singleElement().asString().startsWith("manifest.tsr: not a valid time stamp by");
        }
    }

    @Test
    void withoutAnAuthoritySnapshotsSayNoExternalTimeStamp() throws Exception {
        String admin = start(Map.of());
        PublicKey key = SnapshotTesting.publicKey(c);
        JsonNode s = create(admin);
        assertThat(s.get("timeStamp").get("status").asText()).isEqualTo("none");
        assertThat(s.get("timeStamp").get("message").asText()).isEqualTo("no external time stamp");
        Path zip = download(admin, s.get("id").asText(), "plain.zip");
        Map<String, byte[]> members = unzip(Files.readAllBytes(zip));
        assertThat(members).doesNotContainKey("manifest.tsr");
        assertThat(new String(members.get("report.html"), StandardCharsets.UTF_8)).contains("no external time stamp");
        SnapshotVerifier.Result r = SnapshotVerifier.verify(zip, key, null);
        assertThat(r.ok()).as(r.problems().toString()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("no external time stamp"));
    }

    @Test
    void aStampOverAnotherHashIsRefusedAndTheSnapshotStaysPending() throws Exception {
        tsa = new LocalTimeStampAuthority("Confused TSA").start();
        tsa.stampOtherHash(true);
        String admin = start(Map.of("akashi.snapshots.tsa-url", tsa.url(), "akashi.snapshots.tsa-retry", "PT1H"));
        JsonNode s = create(admin);
        assertThat(s.get("timeStamp").get("status").asText()).isEqualTo("pending");
        assertThat(s.get("timeStamp").get("error").asText()).contains("not a valid time stamp of this snapshot");
        Path zip = download(admin, s.get("id").asText(), "pending.zip");
        assertThat(unzip(Files.readAllBytes(zip))).doesNotContainKey("manifest.tsr");
    }

    @Test
    void anAuthorityThatIsDownLeavesTheSnapshotPendingUntilTheRetryStampsIt() throws Exception {
        tsa = new LocalTimeStampAuthority("Flaky TSA").start();
        tsa.down(true);
        String admin = start(Map.of("akashi.snapshots.tsa-url", tsa.url(), "akashi.snapshots.tsa-retry", "PT1S"));
        PublicKey key = SnapshotTesting.publicKey(c);
        JsonNode s = create(admin);
        String id = s.get("id").asText();
        assertThat(s.get("timeStamp").get("status").asText()).isEqualTo("pending");
        assertThat(s.get("timeStamp").get("error").asText()).contains("HTTP 503");
        Path before = download(admin, id, "before.zip");
        assertThat(unzip(Files.readAllBytes(before))).doesNotContainKey("manifest.tsr");
        assertThat(SnapshotVerifier.verify(before, key, null).ok()).isTrue();
        // the next snapshot links to this one while it is still pending
        JsonNode next = create(admin);
        Thread.sleep(2500);
        assertThat(snapshot(admin, id, false).get("timeStamp").get("status").asText()).as("still down").isEqualTo("pending");
        assertThat(snapshot(admin, id, false).get("timeStamp").get("attempts").asInt()).isGreaterThan(1);

        tsa.down(false);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"stamped".equals(snapshot(admin, id, false).get("timeStamp").get("status").asText())
                || !"stamped".equals(snapshot(admin, next.get("id").asText(), false).get("timeStamp").get("status").asText())) {
            assertThat(System.currentTimeMillis()).as("stamped by the retry within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        JsonNode stamped = snapshot(admin, id, true);
        assertThat(stamped.get("verification").get("ok").asBoolean()).as(stamped.toString()).isTrue();
        assertThat(stamped.get("manifestSha256").asText()).isEqualTo(s.get("manifestSha256").asText());
        Path after = download(admin, id, "after.zip");
        Map<String, byte[]> was = unzip(Files.readAllBytes(before));
        Map<String, byte[]> now = unzip(Files.readAllBytes(after));
        assertThat(now).containsKey("manifest.tsr");
        assertThat(now.keySet()).hasSize(was.size() + 1);
        was.forEach((name, bytes) -> assertThat(now.get(name)).as(name).isEqualTo(bytes));
        SnapshotVerifier.Result r = SnapshotVerifier.verify(after, key, null, tsa.certificate());
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("external time stamp verified"));
        // the chain still holds: the later snapshot records the same manifest hash
        Path later = download(admin, next.get("id").asText(), "later.zip");
        SnapshotVerifier.Result chain = SnapshotVerifier.verify(later, key, after, tsa.certificate());
        assertThat(chain.problems()).isEmpty();
        assertThat(chain.notes()).anyMatch(n -> n.startsWith("chain link verified"));
        // still read-only, and the late stamp is in the audit log
        Path stored = c.dataDir().resolve("snapshots").resolve(id + ".zip");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("r--------");
        long logged = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'snapshot.timestamp' AND target = :t").bind("t", id).mapTo(Long.class).one());
        assertThat(logged).isEqualTo(1);
    }
}
