package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static jp.akashi.collector.snapshot.SnapshotTesting.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.snapshot.SnapshotVerifier;
import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;

/**
 * The audit log attacked as someone with write access to the database but not the signing key:
 * an entry edited and every later hash recomputed with the documented formula, the newest entries
 * deleted, and an earlier snapshot's audit head no longer matching a later snapshot's log. Each
 * must be reported by the API, the console, the export header, the next snapshot and the offline
 * verifier.
 */
class AuditChainTamperTest {
    TestCollector c;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    String start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        String admin = c.adminToken();
        // a few entries to rewrite
        c.userToken("auditor-1", "auditor");
        c.userToken("security-1", "security");
        return admin;
    }

    Database db() {
        return c.bean(Database.class);
    }

    record Row(long seq, long at, String actor, String action, String target, String details, String prevHash, String hash) {
    }

    List<Row> rows() {
        return db().read(h -> h.createQuery("SELECT * FROM audit_log ORDER BY seq").map((rs, ctx) -> new Row(rs.getLong("seq"),
                rs.getLong("at"), rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("details"),
                rs.getString("prev_hash"), rs.getString("hash"))).list());
    }

    /** The documented formula (docs/SNAPSHOTS.md), as anyone with the export can compute it. */
    static String formula(String prev, Row r) {
        String s = prev + "\n" + r.seq() + "\n" + r.at() + "\n" + r.actor() + "\n" + r.action() + "\n"
                + (r.target() == null ? "" : r.target()) + "\n" + (r.details() == null ? "" : r.details());
        return Hashes.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Changes entry {@code seq}'s actor and recomputes its hash and every later prev_hash/hash, as an attacker would. */
    void rewriteAndRecompute(long seq, String actor) {
        List<Row> all = rows();
        db().write(h -> {
            String prev = "0".repeat(64);
            for (Row r : all) {
                Row x = r.seq() == seq ? new Row(r.seq(), r.at(), actor, r.action(), r.target(), r.details(), null, null) : r;
                String hash = formula(prev, x);
                h.createUpdate("UPDATE audit_log SET actor = :a, prev_hash = :p, hash = :h WHERE seq = :s").bind("a", x.actor())
                        .bind("p", prev).bind("h", hash).bind("s", r.seq()).execute();
                prev = hash;
            }
            return null;
        });
        // the rewritten chain is internally consistent: the documented formula alone cannot see it
        String prev = "0".repeat(64);
        for (Row r : rows()) {
            assertThat(r.prevHash()).isEqualTo(prev);
            assertThat(r.hash()).isEqualTo(formula(prev, r));
            prev = r.hash();
        }
    }

    JsonNode chain(String admin) {
        Response r = c.get("/api/v1/audit-log?limit=5", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("chain");
    }

    JsonNode snapshot(String admin) {
        Response r = c.postJson("/api/v1/snapshots", admin, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    byte[] download(String admin, String id) {
        SnapshotTesting.Bytes b = get(c, "/api/v1/snapshots/" + id + "/download", admin);
        assertThat(b.status()).isEqualTo(200);
        return b.body();
    }

    static JsonNode auditOf(byte[] zip) throws Exception {
        return Json.mapper().readTree(unzip(zip).get("snapshot.json")).get("auditLog");
    }

    @Test
    void anEntryRewrittenWithEveryLaterHashRecomputedIsReportedEverywhere() throws Exception {
        String admin = start();
        JsonNode first = snapshot(admin);
        assertThat(chain(admin).get("verified").asBoolean()).isTrue();
        rewriteAndRecompute(2, "user:someone-else");

        JsonNode status = chain(admin);
        assertThat(status.get("verified").asBoolean()).as(status.toString()).isFalse();
        assertThat(status.get("reason").asText()).isEqualTo("rewritten_since_snapshot");
        assertThat(status.get("message").asText()).contains("rewritten since snapshot " + first.get("seq").asLong());
        assertThat(status.get("messageJa").asText()).contains("スナップショット " + first.get("seq").asLong());

        SnapshotTesting.Bytes export = get(c, "/api/v1/audit-log/export?format=jsonl", admin);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("X-Audit-Chain")).startsWith("broken").contains("rewritten since snapshot");

        JsonNode second = snapshot(admin);
        JsonNode a = auditOf(download(admin, second.get("id").asText()));
        assertThat(a.get("chainVerified").asBoolean()).as(a.toString()).isFalse();
        assertThat(a.get("reason").asText()).isEqualTo("rewritten_since_snapshot");
        // the collector's own check of the stored file (with its previous one): the file is the one it signed, and the
        // break it recorded, with the log that no longer extends the first snapshot's, are warnings there: the snapshot is
        // the evidence of the rewrite and stays downloadable and exportable; the offline verifier refuses it (below)
        JsonNode stored = c.get("/api/v1/snapshots/" + second.get("id").asText() + "?verify=true", admin).json().get("verification");
        assertThat(stored.get("ok").asBoolean()).as(stored.toString()).isTrue();
        assertThat(stored.get("notes").toString()).contains("WARNING: data/audit-log.jsonl does not extend the audit log");
        assertThat(stored.get("notes").toString()).contains("WARNING: audit log: the collector found its audit chain broken");
        SnapshotTesting.Bytes exported = get(c, "/api/v1/snapshots/" + second.get("id").asText() + "/exports/verdicts.csv", admin);
        assertThat(exported.status()).isEqualTo(200);

        // the detection itself is in the log, once
        long logged = db().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.chain_broken'")
                .mapTo(Long.class).one());
        assertThat(logged).isEqualTo(1);

        // an admin acknowledges it: a sealed repair entry, nothing rewritten; auditors cannot, a reason is required
        String auditor = c.userToken("auditor-2", "auditor");
        assertThat(c.postJson("/api/v1/audit-log/repair", auditor, Map.of("note", "x")).status()).isEqualTo(403);
        Response noNote = c.postJson("/api/v1/audit-log/repair", admin, Map.of());
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().get("errorJa").asText()).contains("メモ");
        Response repaired = c.postJson("/api/v1/audit-log/repair", admin, Map.of("note", "seq 2 rewritten by a test; cause found"));
        assertThat(repaired.status()).as(repaired.body()).isEqualTo(201);
        long repairSeq = repaired.json().get("repair").get("seq").asLong();
        assertThat(repaired.json().get("repair").get("details").asText()).contains("rewritten_since_snapshot").contains("cause found");
        JsonNode after = chain(admin);
        assertThat(after.get("verified").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.get("repairedAtSeq").asLong()).isEqualTo(repairSeq);
        assertThat(c.postJson("/api/v1/audit-log/repair", admin, Map.of("note", "again")).status()).isEqualTo(409);
        assertThat(rows().get(1).actor()).as("the rewritten entry stays as it is").isEqualTo("user:someone-else");

        PublicKey key = SnapshotTesting.publicKey(c);
        JsonNode third = snapshot(admin);
        Path secondZip = Files.write(dir.resolve("second.zip"), download(admin, second.get("id").asText()));
        Path thirdZip = Files.write(dir.resolve("third.zip"), download(admin, third.get("id").asText()));
        Path firstZip = Files.write(dir.resolve("first.zip"), download(admin, first.get("id").asText()));
        SnapshotVerifier.Result r3 = SnapshotVerifier.verify(thirdZip, key, secondZip);
        assertThat(r3.problems()).as("the second snapshot still records the break").anyMatch(p -> p.startsWith("previous snapshot second.zip: audit log:"));
        assertThat(r3.problems()).noneMatch(p -> p.contains("does not extend"));
        assertThat(SnapshotVerifier.verify(thirdZip, key, null).ok()).isTrue();
        assertThat(SnapshotVerifier.verify(thirdZip, key, null).notes()).anyMatch(n -> n.startsWith("audit log: repaired at seq " + repairSeq));
        JsonNode storedThird = c.get("/api/v1/snapshots/" + third.get("id").asText() + "?verify=true", admin).json().get("verification");
        assertThat(storedThird.get("ok").asBoolean()).as("after the repair, the next snapshot extends the rewritten log: " + storedThird)
                .isTrue();
        assertThat(get(c, "/api/v1/snapshots/" + third.get("id").asText() + "/exports/verdicts.csv", admin).status()).isEqualTo(200);
        assertThat(SnapshotVerifier.verify(secondZip, key, firstZip).problems()).as("continuity with the first is not restored")
                .anyMatch(p -> p.contains("does not extend"));

        // after the repair, a new rewrite is found again
        rewriteAndRecompute(3, "user:another");
        assertThat(chain(admin).get("verified").asBoolean()).isFalse();
    }

    @Test
    void aRewriteBetweenSnapshotsIsCaughtByTheSignedHead() throws Exception {
        String admin = start();
        assertThat(chain(admin).get("verified").asBoolean()).isTrue();
        rewriteAndRecompute(3, "user:nobody");
        JsonNode status = chain(admin);
        assertThat(status.get("verified").asBoolean()).as(status.toString()).isFalse();
        assertThat(status.get("message").asText()).contains("signed");
        // appending more entries does not launder the rewrite: the head is not re-signed over a chain that does not extend it
        c.userToken("later-user", "auditor");
        assertThat(chain(admin).get("verified").asBoolean()).isFalse();
    }

    @Test
    void deletingTheNewestEntriesIsReported() throws Exception {
        String admin = start();
        assertThat(chain(admin).get("verified").asBoolean()).isTrue();
        long max = db().read(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
        db().write(h -> h.createUpdate("DELETE FROM audit_log WHERE seq > :s").bind("s", max - 3).execute());

        JsonNode status = chain(admin);
        assertThat(status.get("verified").asBoolean()).as(status.toString()).isFalse();
        assertThat(status.get("reason").asText()).isEqualTo("entries_removed");
        assertThat(status.get("message").asText()).contains("entries removed after seq " + (max - 3));
        SnapshotTesting.Bytes export = get(c, "/api/v1/audit-log/export?format=csv", admin);
        assertThat(export.header("X-Audit-Chain")).startsWith("broken").contains("entries removed after seq");
    }

    @Test
    void deletingEntriesRecordedByASnapshotIsReportedAgainstThatSnapshot() throws Exception {
        String admin = start();
        JsonNode s = snapshot(admin);
        long recorded = auditOf(download(admin, s.get("id").asText())).get("headSeq").asLong();
        // the attacker removes the tail and also drops the signed head, hoping for a fresh start
        db().write(h -> {
            h.createUpdate("DELETE FROM audit_log WHERE seq >= :s").bind("s", recorded - 1).execute();
            h.execute("DELETE FROM audit_head");
            return null;
        });
        JsonNode status = chain(admin);
        assertThat(status.get("verified").asBoolean()).as(status.toString()).isFalse();
        assertThat(status.get("message").asText()).contains("entries removed after seq " + (recorded - 2));
    }

    @Test
    void verifyWithPreviousRefusesALaterLogThatDoesNotExtendTheEarlierOne() throws Exception {
        String admin = start();
        PublicKey key = SnapshotTesting.publicKey(c);
        JsonNode first = snapshot(admin);
        Path earlier = Files.write(dir.resolve("earlier.zip"), download(admin, first.get("id").asText()));
        rewriteAndRecompute(2, "user:someone-else");
        JsonNode second = snapshot(admin);
        Path later = Files.write(dir.resolve("later.zip"), download(admin, second.get("id").asText()));

        SnapshotVerifier.Result r = SnapshotVerifier.verify(later, key, earlier);
        assertThat(r.ok()).as(r.notes().toString()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("data/audit-log.jsonl") && p.contains("seq 2")
                && p.contains("does not extend"));
    }

    @Test
    void aLogWrittenBeforeSealsExistedIsSealedOnceAndVisiblyAtStart() throws Exception {
        String admin = start();
        // as an older collector left it: entries, no signed head, no checkpoints, no snapshot anchors
        db().write(h -> {
            h.execute("DELETE FROM audit_head");
            h.execute("DELETE FROM audit_checkpoints");
            return null;
        });
        long before = db().read(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
        c.restartWith(Map.of("akashi.snapshots.schedule", "off"));
        String again = c.login("admin", TestCollector.ADMIN_PASSWORD);
        List<Row> all = rows();
        assertThat(all.stream().filter(r -> r.action().equals("audit.chain_sealed"))).singleElement()
                .satisfies(r -> assertThat(r.details()).contains("\"headSeq\":" + before));
        JsonNode status = chain(again);
        assertThat(status.get("verified").asBoolean()).as(status.toString()).isTrue();
        // once sealed, dropping the seals again is not re-sealed silently at the next start when a snapshot anchors the log
        snapshot(again);
        db().write(h -> {
            h.execute("DELETE FROM audit_head");
            h.execute("DELETE FROM audit_checkpoints");
            return null;
        });
        c.restartWith(Map.of("akashi.snapshots.schedule", "off"));
        String third = c.login("admin", TestCollector.ADMIN_PASSWORD);
        assertThat(rows().stream().filter(r -> r.action().equals("audit.chain_sealed")).count()).isEqualTo(1);
        JsonNode dropped = chain(third);
        assertThat(dropped.get("verified").asBoolean()).isFalse();
        assertThat(dropped.get("reason").asText()).isEqualTo("head_missing");
    }
}
