package jp.akashi.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/**
 * Realistic reports for load tests: the shapes the Linux probes produce (strings, numbers,
 * lists of sockets and packages, error facts) with evidence excerpts, about 200 facts each,
 * varied per host and per run so that bodies are not all identical.
 */
public final class SyntheticReports {
    private SyntheticReports() {
    }

    public static Report report(String agentId, int host, int run, Random rnd) {
        return report(agentId, host, run, rnd, Instant.parse("2026-11-20T00:00:00Z").plusSeconds(run * 3600L));
    }

    /** As {@link #report(String, int, int, Random)}, collected at {@code t}. */
    public static Report report(String agentId, int host, int run, Random rnd, Instant t) {
        List<Fact> facts = new ArrayList<>(210);
        String hostname = String.format("host-%05d", host);
        facts.add(ok("os.family", "linux", t));
        facts.add(ok("os.name", host % 3 == 0 ? "Red Hat Enterprise Linux" : "Ubuntu", t));
        facts.add(ok("os.version", host % 3 == 0 ? "9.4" : "22.04", t));
        facts.add(ok("os.hostname", hostname, t));
        facts.add(ok("os.kernel", "5.15.0-" + (100 + run % 20) + "-generic", t));
        facts.add(ok("os.uptime_seconds", (long) (run * 3600 + rnd.nextInt(3600)), t));
        facts.add(ok("patch.pending_count", (long) rnd.nextInt(30), t));
        facts.add(ok("patch.pending_security_count", (long) rnd.nextInt(5), t));
        facts.add(ok("patch.auto_update_enabled", host % 4 != 0, t));
        facts.add(ok("auth.password.min_length", (long) (host % 5 == 0 ? 6 : 12), t));
        facts.add(ok("auth.lockout.threshold", (long) (host % 7 == 0 ? 0 : 5), t));
        facts.add(ok("av.installed", host % 10 != 0, t));
        facts.add(ok("firewall.enabled", host % 6 != 0, t));
        facts.add(ok("log.auth.oldest_age_days", (long) (30 + host % 400), t));
        List<Object> listening = new ArrayList<>();
        for (int p : new int[]{22, 80, 443, 5432, 8080}) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("proto", "tcp");
            s.put("address", "0.0.0.0");
            s.put("port", (long) p);
            s.put("process", p == 22 ? "sshd" : "java");
            listening.add(s);
        }
        facts.add(ok("net.listening", listening, t));
        List<Object> packages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            packages.add(Map.of("name", "pkg-" + i, "version", "1." + i + "." + (run % 3)));
        }
        facts.add(ok("software.installed", packages, t));
        facts.add(new Fact("account.empty_password", FactStatus.ERROR, null,
                "permission denied reading /etc/shadow (run the agent as root/Administrator)", t, "linux.account", null));
        while (facts.size() < 200) {
            int i = facts.size();
            facts.add(ok("custom.setting_" + i + ".value", i % 3 == 0 ? (Object) (long) (i * 7 + run % 2) : "value-" + i, t));
        }
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agentId, "bench", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, hostname, UUID.nameUUIDFromBytes(hostname.getBytes()).toString(),
                        null, null, null, "linux"), t, t.plusMillis(900), facts);
    }

    static Fact ok(String key, Object value, Instant t) {
        String excerpt = key.replace('.', '_').toUpperCase() + "=" + value + "\n# configured by the base image\n";
        return new Fact(key, FactStatus.OK, value, null, t, "linux." + key.substring(0, key.indexOf('.')),
                Evidence.of("file:/etc/" + key.substring(0, key.indexOf('.')) + ".conf", excerpt));
    }
}
