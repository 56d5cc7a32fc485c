package jp.akashi.agent.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.host.ImageHostAccess;
import jp.akashi.probes.host.OfflineFacts;
import jp.akashi.probes.host.SharedHostAccess;
import jp.akashi.probes.host.StampedCommand;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/** Runs every host probe once and wraps the facts in a report for this host. */
public final class ReportBuilder {
    private final HostAccess host;
    private final Clock clock;
    private final String version;
    private final CommandMemo memo;

    public ReportBuilder(HostAccess host, Clock clock, String version) {
        this(host, clock, version, CommandMemo.NONE);
    }

    /** @param memo where slow commands' outputs are kept between collections ({@link StampedCommand}) */
    public ReportBuilder(HostAccess host, Clock clock, String version, CommandMemo memo) {
        this.host = host;
        this.clock = clock;
        this.version = version;
        this.memo = memo;
    }

    public Report collect(String agentId, int intervalSeconds, Map<String, String> options, ProbeRunner.Progress progress) {
        return collect(HostProbes.localOsFamily(), agentId, intervalSeconds, options, progress);
    }

    /** @param os the OS family of the host (a replayed capture's, not necessarily this machine's) */
    public Report collect(String os, String agentId, int intervalSeconds, Map<String, String> options, ProbeRunner.Progress progress) {
        Instant started = clock.instant();
        // a live host is asked once for what several probes need (an image is read file by file anyway)
        ProbeContext ctx = new ProbeContext(host instanceof ImageHostAccess ? host : new SharedHostAccess(host), clock, os, options, memo);
        List<Fact> facts;
        if (host instanceof ImageHostAccess image) {
            // an offline root: what needed the running system is unsupported, not an error of the host
            List<Fact> read = new ProbeRunner(HostProbes.all()).run(ctx, (probe, i, total) -> {
                image.beginProbe(probe.id());
                progress.starting(probe, i, total);
            });
            facts = new ArrayList<>(OfflineFacts.mark(read, image.liveUses()));
        } else {
            // concurrent only where the host access allows it (the local host; not a replay or a recording)
            facts = new ArrayList<>(new ProbeRunner(HostProbes.all(), probeThreads()).run(ctx, progress));
        }
        FactSink agentFacts = new FactSink(clock).forProbe("agent");
        agentFacts.ok("agent.version", version, null);
        agentFacts.ok("agent.privileged", host.privileged(), null);
        if (intervalSeconds > 0) {
            agentFacts.ok("agent.interval_seconds", (long) intervalSeconds, null);
        }
        facts.addAll(agentFacts.facts());
        AssetIdentity id = new AssetIdentity(AssetIdentity.KIND_HOST,
                value(facts, "os.hostname").orElse(null),
                value(facts, "os.machine_id").orElse(null),
                value(facts, "os.hardware.uuid").orElse(null),
                null, null, os);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agentId, version, Report.SOURCE_AGENT, id,
                started, clock.instant(), facts);
    }

    /**
     * Probes running at once on the local host: {@link ProbeRunner#LOCAL_THREADS}, or the JVM option
     * {@code -Dakashi.probe.threads=N} (1 = one after another, for the smallest hosts and benchmarks).
     */
    static int probeThreads() {
        String v = System.getProperty("akashi.probe.threads");
        if (v == null || v.isBlank()) {
            return ProbeRunner.LOCAL_THREADS;
        }
        try {
            return Math.max(1, Math.min(16, Integer.parseInt(v.trim())));
        } catch (NumberFormatException e) {
            return ProbeRunner.LOCAL_THREADS;
        }
    }

    private static Optional<String> value(List<Fact> facts, String key) {
        return facts.stream().filter(f -> f.key().equals(key) && f.ok() && f.value() instanceof String)
                .map(f -> (String) f.value()).findFirst();
    }
}
