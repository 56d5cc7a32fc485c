package jp.akashi.probes.windows.software;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;

/** {@code software.installed} on Windows (see {@link UninstallEntries}). */
public final class WindowsSoftwareProbe extends PlatformProbe {

    public WindowsSoftwareProbe() {
        super("windows.software", ProbeContext.WINDOWS, List.of("software.installed"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        WinSection s = WindowsInventory.of(ctx).section("software");
        if (!s.ok()) {
            s.fail(out, "software.installed");
            return;
        }
        try {
            out.ok("software.installed", UninstallEntries.parse(s.data()), s.evidence());
        } catch (IllegalArgumentException e) {
            s.malformed(out, "software.installed", e.getMessage());
        }
    }
}
