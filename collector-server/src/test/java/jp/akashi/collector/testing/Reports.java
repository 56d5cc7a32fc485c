package jp.akashi.collector.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/** Builds reports for tests. */
public final class Reports {
    private Reports() {
    }

    public static Fact ok(String key, Object value) {
        return new Fact(key, FactStatus.OK, value, null, Instant.parse("2026-11-20T00:00:00Z"), "test",
                Evidence.of("file:/etc/test", key + "=" + value));
    }

    public static Fact error(String key, String message) {
        return new Fact(key, FactStatus.ERROR, null, message, Instant.parse("2026-11-20T00:00:00Z"), "test", null);
    }

    public static Report host(String agentId, String hostname, String machineId, List<Fact> facts) {
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agentId, "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, hostname, machineId, null, null, null, "linux"),
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T00:00:01Z"), facts);
    }

    /**
     * An Ubuntu 24.04 host with a good password policy, anti-malware as given, and a lockout
     * setting that could not be read (so lockout checks stay UNKNOWN).
     */
    public static List<Fact> linuxPolicyFacts(String hostname, boolean antiMalware) {
        List<Fact> f = new ArrayList<>();
        f.add(ok("os.family", "linux"));
        f.add(ok("os.hostname", hostname));
        f.add(ok("os.distribution", "ubuntu"));
        f.add(ok("os.version", "24.04"));
        f.add(ok("av.installed", antiMalware));
        f.add(ok("av.realtime_enabled", antiMalware));
        f.add(ok("av.signature_age_hours", 3L));
        f.add(ok("auth.password.min_length", 12L));
        f.add(ok("auth.password.complexity_classes", 3L));
        f.add(error("auth.lockout.threshold", "permission denied reading /etc/security/faillock.conf"));
        return f;
    }

    public static Report linuxHost(String agentId, String hostname) {
        List<Fact> facts = new ArrayList<>();
        facts.add(ok("os.family", "linux"));
        facts.add(ok("os.hostname", hostname));
        facts.add(ok("os.name", "Ubuntu"));
        facts.add(ok("os.version", "22.04"));
        facts.add(ok("auth.password.min_length", 8L));
        facts.add(error("auth.lockout.threshold", "permission denied reading /etc/security/faillock.conf"));
        return host(agentId, hostname, "mid-" + hostname, facts);
    }
}
