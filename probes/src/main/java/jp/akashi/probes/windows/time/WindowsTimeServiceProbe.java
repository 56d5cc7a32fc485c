package jp.akashi.probes.windows.time;

import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsServices;

/**
 * {@code time.sync.*} on Windows from the inventory's services: the Windows Time service
 * (W32Time) running, and whether it starts by itself. Its synchronisation state is not collected
 * ({@code w32tm /query /status} prints it in the display language only), so
 * {@code time.sync.synchronized} is a Linux fact.
 */
public final class WindowsTimeServiceProbe extends PlatformProbe {

    public WindowsTimeServiceProbe() {
        super("windows.time", ProbeContext.WINDOWS, List.of("time.sync.service", "time.sync.enabled_at_boot"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection svc = inv.section("services");
        if (!svc.ok()) {
            svc.fail(out, "time.sync.service", "time.sync.enabled_at_boot");
            return;
        }
        Optional<WindowsServices.Service> w = WindowsServices.parse(svc.data()).get("W32Time");
        out.ok("time.sync.service", w.map(WindowsServices.Service::running).orElse(false) ? "w32time" : "none", svc.evidence());
        boolean auto = w.map(s -> s.startMode() != null && s.startMode().toLowerCase(java.util.Locale.ROOT).startsWith("auto")).orElse(false);
        out.ok("time.sync.enabled_at_boot", auto ? "w32time" : "none", svc.evidence());
    }
}
