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
