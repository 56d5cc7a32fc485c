package jp.akashi.collector.web;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.evaluate.Verdict;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/** Puts assets into a test collector the way production does: enrolled agents posting reports. */
final class Seed {
    private Seed() {
    }

    /** Enrolls an agent, posts {@code report(agentId)} and returns the new asset's id. */
    static String asset(TestCollector c, Function<String, Report> report) {
        String[] agent = c.enrollAgent();
        try {
            TestCollector.Response r = c.send("POST", "/api/v1/reports", agent[1],
                    Json.mapper().writeValueAsBytes(report.apply(agent[0])), Map.of());
            if (r.status() != 201) {
                throw new IllegalStateException("report refused: " + r.status() + " " + r.body());
            }
            return r.json().get("assetId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String linuxHost(TestCollector c, String hostname) {
        return asset(c, id -> Reports.linuxHost(id, hostname));
    }

    /**
     * A Linux host with the facts the anti-malware and password checks read: anti-malware present
     * and on (or absent), 12-character passwords, an unreadable lockout setting.
     */
    static String complianceHost(TestCollector c, String hostname, boolean antiMalware) {
        return asset(c, id -> Reports.host(id, hostname, "mid-" + hostname, complianceFacts(hostname, antiMalware, List.of())));
    }

    static List<Fact> complianceFacts(String hostname, boolean antiMalware, List<Object> products) {
        List<Fact> f = new ArrayList<>();
        f.add(Reports.ok("os.family", "linux"));
        f.add(Reports.ok("os.hostname", hostname));
        f.add(Reports.ok("os.name", "Ubuntu"));
        f.add(Reports.ok("os.distribution", "ubuntu"));
        f.add(Reports.ok("os.version", "24.04"));
        f.add(Reports.ok("av.installed", antiMalware));
        f.add(Reports.ok("av.realtime_enabled", antiMalware));
        f.add(Reports.ok("av.products", products));
        f.add(Reports.ok("av.signature_age_hours", 3L));
        f.add(Reports.ok("auth.password.min_length", 12L));
        f.add(Reports.ok("auth.password.complexity_classes", 3L));
        f.add(Reports.error("auth.lockout.threshold", "permission denied reading /etc/security/faillock.conf"));
        return f;
    }

    /** A host whose reported values try to inject markup into the console. */
    static String hostileHost(TestCollector c) {
        return asset(c, id -> {
            List<Fact> facts = new ArrayList<>(Reports.linuxHost(id, "hostile").facts());
            facts.add(Reports.ok("custom.banner", "<script>alert('fact')</script>"));
            facts.add(new Fact("custom.motd", FactStatus.OK, "welcome", null, Instant.parse("2026-11-20T00:00:00Z"), "test",
                    Evidence.of("file:/etc/motd\"><svg onload=alert(1)>",
                            "</pre><script>alert('excerpt')</script>")));
            facts.add(Reports.error("custom.broken", "<b onmouseover=alert('msg')>failed</b>"));
            return Reports.host(id, "<img src=x onerror=alert('host')>", "mid-hostile", facts);
        });
    }

    /**
     * Writes the score a framework's latest version would have had on {@code day} if the first
     * {@code share} of its criteria had been met, as the evaluator stores one score per day
     * (history for the trend charts; a new collector has only today's).
     */
    static void scoreHistory(TestCollector c, String framework, LocalDate day, double share) {
        FrameworkVersion v = c.bean(Catalog.class).latest(framework).orElseThrow();
        Map<String, CriterionVerdict> verdicts = new HashMap<>();
        int met = (int) Math.round(share * v.criteria().size());
        for (int i = 0; i < v.criteria().size(); i++) {
            Criterion cr = v.criteria().get(i);
            Verdict vd = i < met ? Verdict.MET : Verdict.NOT_MET;
            verdicts.put(cr.globalId(), new CriterionVerdict(cr.globalId(), vd, List.of(), List.of(), null, null,
                    cr.points() == null ? null : vd == Verdict.MET ? cr.points() : 0));
        }
        long at = day.atTime(23, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant().toEpochMilli();
        CriterionVerdictStore store = c.bean(CriterionVerdictStore.class);
        c.bean(Database.class).write(h -> {
            for (String app : ScoreCalculator.applications(v)) {
                store.putScore(h, ScoreCalculator.score(v, app, verdicts), day.toString(), at);
            }
            return null;
        });
    }

    /** Creates a user through the API and clears the must-change flag, so the password works for the console. */
    static void user(TestCollector c, String username, String role, String password) {
        String initial = "initial-pw-of-" + username;
        TestCollector.Response r = c.postJson("/api/v1/users", c.adminToken(),
                Map.of("username", username, "role", role, "password", initial));
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create user: " + r.status() + " " + r.body());
        }
        String token = c.login(username, initial);
        TestCollector.Response ch = c.postJson("/api/v1/auth/password", token,
                Map.of("currentPassword", initial, "newPassword", password));
        if (ch.status() != 204) {
            throw new IllegalStateException("cannot set password: " + ch.status() + " " + ch.body());
        }
    }
}
