package jp.akashi.probes.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.model.Fact;

/** Runs one probe against a fixture host at a fixed time and indexes its facts by key. */
public final class ProbeTesting {
    public static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private ProbeTesting() {
    }

    public static Map<String, Fact> run(Probe probe, FixtureHost host, String osFamily) {
        return run(probe, host, osFamily, Map.of());
    }

    public static Map<String, Fact> run(Probe probe, FixtureHost host, String osFamily, Map<String, String> options) {
        List<Fact> facts = new ProbeRunner(List.of(probe)).run(new ProbeContext(host, CLOCK, osFamily, options));
        return facts.stream().collect(Collectors.toMap(Fact::key, f -> f, (a, b) -> b, java.util.LinkedHashMap::new));
    }
}
