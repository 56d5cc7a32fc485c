package jp.akashi.probes.macos.software;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.time.Duration;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.macos.MacFacts;

/** {@code software.installed} on macOS from system_profiler (slow: bounded to two minutes). */
public final class MacSoftwareProbe extends PlatformProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    public MacSoftwareProbe() {
        super("macos.software", ProbeContext.MACOS, List.of("software.installed"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult r = MacFacts.run(ctx.host(), TIMEOUT, "system_profiler", "SPApplicationsDataType", "-json");
        if (!r.succeeded()) {
            out.failed(r, "software.installed");
            return;
        }
        try {
            out.ok("software.installed", MacApplications.parse(r.stdout()), ev(r));
        } catch (IllegalArgumentException e) {
            out.error("software.installed", code("fact.output_problem", e.getMessage()), ev(r));
        }
    }
}
