package jp.akashi.probes.macos;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;

/** Small helpers the macOS probes share. */
public final class MacFacts {
    public static final Duration SHORT = Duration.ofSeconds(10);

    private MacFacts() {
    }

    public static CommandResult run(HostAccess h, Duration timeout, String... argv) {
        return h.exec(List.of(argv), timeout);
    }

    public static Evidence ev(CommandResult r) {
        return Evidence.of("cmd:" + r.command(), r.stdout() + r.stderr());
    }

    /** Records {@code v}, or an error saying {@code missing} when it is null or blank. */
    public static void put(FactSink out, String key, Object v, Evidence ev, String missing) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            out.error(key, code("fact.value_missing", missing), ev);
        } else {
            out.ok(key, v, ev);
        }
    }
}
