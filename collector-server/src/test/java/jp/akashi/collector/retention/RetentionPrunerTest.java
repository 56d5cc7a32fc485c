package jp.akashi.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/**
 * Retention removes exactly the raw reports that are old and that nothing refers to, keeps what
 * current facts, results and snapshots refer to (a snapshot still verifies and exports after its
 * reports turned old), keeps the state at every kept time of the transitions, and runs at most
 * once per period, also across restarts.
 */
class RetentionPrunerTest {
    static final long DAY = Duration.ofDays(1).toMillis();

    static Report report(String agent, String host, long pending) {
        List<Fact> facts = new ArrayList<>(Reports.linuxPolicyFacts(host, true));
        facts.add(Reports.ok("patch.pending_count", pending));
        return Reports.host(agent, host, host, facts);
    }

    static String post(TestCollector c, String[] agent, Report r) {
        TestCollector.Response res = c.postJson("/api/v1/reports", agent[1], r);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return r.reportId().toString();
    }

    static List<String> strings(Database db, String sql) {
        List<String> out = db.read(h -> h.createQuery(sql).mapTo(String.class).list());
        return out;
    }

    static Set<String> reports(Database db) {
        return new TreeSet<>(strings(db, "SELECT id FROM reports"));
    }

    static Set<String> bodies(Database db) {
        return new TreeSet<>(strings(db, "SELECT sha256 FROM report_bodies"));
    }

    static String bodyOf(Database db, String reportId) {
        return db.read(h -> h.createQuery("SELECT body_sha256 FROM reports WHERE id = :r").bind("r", reportId).mapTo(String.class).one());
    }

    @Test
    void removesExactlyTheOldUnreferencedReportsAndKeepsWhatSnapshotsAndCurrentFactsReferTo() throws Exception {
        try (TestCollector c = new TestCollector()) {
            String admin = c.adminToken();
            Database db = c.bean(Database.class);
            RetentionPruner pruner = c.bean(RetentionPruner.class);
            String[] a = c.enrollAgent();
            String[] b = c.enrollAgent();
            String r1 = post(c, a, report(a[0], "keep-a", 1));
            String r2 = post(c, a, report(a[0], "keep-a", 2));
            String b1 = post(c, b, report(b[0], "keep-b", 7));
            c.awaitEvaluation();
            JsonNode snap = c.postJson("/api/v1/snapshots", admin, Map.of()).json();
            String snapId = snap.get("id").asText();
            String r3 = post(c, a, report(a[0], "keep-a", 3));
            // the same content as r1: r4 refers to r1's body again
            String r4 = post(c, a, report(a[0], "keep-a", 1));
            c.awaitEvaluation();
            String body1 = bodyOf(db, r1);
            String body2 = bodyOf(db, r2);
            String body3 = bodyOf(db, r3);
            assertThat(bodyOf(db, r4)).isEqualTo(body1);
            assertThat(reports(db)).containsExactlyInAnyOrder(r1, r2, r3, r4, b1);

            long now = System.currentTimeMillis();
            PruneResult early = pruner.prune(now + 80 * DAY);
            assertThat(early.reports()).as("nothing is older than 90 days yet").isZero();
            assertThat(reports(db)).hasSize(5);

            PruneResult r = pruner.prune(now + 100 * DAY);
            assertThat(r.skippedReason()).isNull();
            // r2 stays for the snapshot, r4 and b1 are current; r1 and r3 are old and unreferenced
            assertThat(reports(db)).containsExactlyInAnyOrder(r2, r4, b1);
            assertThat(r.reports()).isEqualTo(2);
            // r1's body is r4's too; only r3's body had no other report
            assertThat(bodies(db)).contains(body1, body2).doesNotContain(body3);
            assertThat(r.bodies()).isEqualTo(1);
            assertThat(pruner.prune(now + 100 * DAY).total()).as("a second pass finds nothing more").isZero();

            // the snapshot still verifies and exports; the asset page still has its evidence
            TestCollector.Response verified = c.get("/api/v1/snapshots/" + snapId + "?verify=true", admin);
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().get("verification").get("ok").asBoolean()).isTrue();
            assertThat(c.get("/api/v1/snapshots/" + snapId + "/exports/verdicts.csv", admin).status()).isEqualTo(200);
            assertThat(c.get("/api/v1/snapshots/" + snapId + "/download", admin).status()).isEqualTo(200);
            String assetA = c.postJson("/api/v1/reports", a[1], report(a[0], "keep-a", 1)).json().get("assetId").asText();
            assertThat(c.get("/api/v1/assets/" + assetA, admin).status()).isEqualTo(200);
            c.awaitEvaluation();
            assertThat(c.postJson("/api/v1/snapshots", admin, Map.of()).status()).as("a new snapshot after pruning").isEqualTo(201);
            assertThat(Integrity.problems(db)).isEmpty();
        }
    }

    @Test
    void transitionsKeepTheStateAtTheCutoffAndOldScoresGo() throws Exception {
        try (TestCollector c = new TestCollector()) {
            Database db = c.bean(Database.class);
            long now = System.currentTimeMillis();
            long y = 365 * DAY;
            db.write(h -> {
                // one check on one asset: failed 7 years ago, passed 6 years ago, failed 1 year ago
                for (Object[] t : new Object[][]{{"t1", now - 7 * y, null, "fail"}, {"t2", now - 6 * y, "fail", "pass"},
                        {"t3", now - y, "pass", "fail"}, {"lone", now - 8 * y, null, "pass"}}) {
                    h.createUpdate("INSERT INTO check_transitions (id, asset_id, check_id, at, from_status, to_status) "
                                    + "VALUES (:id, :a, :c, :at, :f, :t)")
                            .bind("id", (String) t[0]).bind("a", t[0].equals("lone") ? "asset-2" : "asset-1").bind("c", "chk")
                            .bind("at", (Long) t[1]).bind("f", (String) t[2]).bind("t", (String) t[3]).execute();
                }
                for (Object[] t : new Object[][]{{"c1", now - 9 * y}, {"c2", now - 6 * y}, {"c3", now - 2 * y}}) {
                    h.createUpdate("INSERT INTO criterion_transitions (id, criterion_id, at, to_verdict) VALUES (:id, 'meti-scs/x', :at, 'met')")
                            .bind("id", (String) t[0]).bind("at", (Long) t[1]).execute();
                }
                for (Object[] s : new Object[][]{{"2019-01-01", now - 6 * y}, {"2025-01-01", now - y}}) {
                    h.createUpdate("INSERT INTO score_history (framework, version, application, day, at, summary) "
                                    + "VALUES ('f', 'v', 'a', :d, :at, '{}')").bind("d", (String) s[0]).bind("at", (Long) s[1]).execute();
                }
                return null;
            });
            PruneResult r = c.bean(RetentionPruner.class).pruneOnce();
            // t1 is replaced by t2, which stays as the state at the 5-year cutoff; the lone transition stays too
            assertThat(strings(db, "SELECT id FROM check_transitions WHERE check_id = 'chk' ORDER BY id"))
                    .containsExactly("lone", "t2", "t3");
            assertThat(strings(db, "SELECT id FROM criterion_transitions WHERE criterion_id = 'meti-scs/x' ORDER BY id"))
                    .containsExactly("c2", "c3");
            assertThat(strings(db, "SELECT day FROM score_history WHERE framework = 'f'")).containsExactly("2025-01-01");
            assertThat(r.checkTransitions()).isEqualTo(1);
            assertThat(r.criterionTransitions()).isEqualTo(1);
            assertThat(r.scores()).isEqualTo(1);
        }
    }

    @Test
    void aPassRunsAtMostOncePerPeriodAlsoAcrossRestarts() throws Exception {
        try (TestCollector c = new TestCollector()) {
            assertThat(c.bean(RetentionPruner.class).lastPassAt()).isNull();
            assertThat(c.bean(RetentionPruner.class).runIfDue()).as("first pass").isNotNull();
            assertThat(c.bean(RetentionPruner.class).runIfDue()).as("within the period").isNull();
            c.restartWith(Map.of());
            assertThat(c.bean(RetentionPruner.class).runIfDue()).as("after a restart within the period").isNull();
            c.restartWith(Map.of("akashi.retention.period", "PT1S"));
            Thread.sleep(1100);
            assertThat(c.bean(RetentionPruner.class).runIfDue()).as("a shorter period has passed").isNotNull();
        }
    }

    @Test
    void badSettingsStopTheCollectorWithTheKey() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("akashi.retention.reports", "PT1M",
                "akashi.retention.transitions", "-P1D", "akashi.retention.batch-size", 0).entrySet()) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new TestCollector(Map.of(), Map.of(bad.getKey(), bad.getValue())).close());
            assertThat(t).as(bad.getKey()).isNotNull();
            Throwable root = t;
            StringBuilder all = new StringBuilder();
            while (root != null) {
                all.append(root.getMessage()).append('\n');
                root = root.getCause();
            }
            assertThat(all.toString()).as(bad.getKey()).contains(bad.getKey());
        }
    }
}
