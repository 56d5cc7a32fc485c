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
 * {@code time.sync.*} on Windows from the inventory: the Windows Time service (W32Time) running
 * and whether it starts by itself (its services), and whether the clock is synchronised
 * ({@code w32tm /query /status}, read by its numbers: {@link W32tmStatus}).
 */
public final class WindowsTimeServiceProbe extends PlatformProbe {

    public WindowsTimeServiceProbe() {
        super("windows.time", ProbeContext.WINDOWS, List.of("time.sync.service", "time.sync.enabled_at_boot", "time.sync.synchronized"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection svc = inv.section("services");
        if (!svc.ok()) {
            svc.fail(out, "time.sync.service", "time.sync.enabled_at_boot", "time.sync.synchronized");
            return;
        }
        Optional<WindowsServices.Service> w = WindowsServices.parse(svc.data()).get("W32Time");
        boolean running = w.map(WindowsServices.Service::running).orElse(false);
        out.ok("time.sync.service", running ? "w32time" : "none", svc.evidence());
        boolean auto = w.map(s -> s.startMode() != null && s.startMode().toLowerCase(java.util.Locale.ROOT).startsWith("auto")).orElse(false);
        out.ok("time.sync.enabled_at_boot", auto ? "w32time" : "none", svc.evidence());
        if (!running) {
            // nothing synchronises the clock, and w32tm has nothing to say (the check fails on the service)
            out.unsupported("time.sync.synchronized", jp.akashi.probes.model.ProbeMessages.code("win.w32time_not_running"));
            return;
        }
        WinSection st = inv.section("time_status");
        if (!st.ok()) {
            st.fail(out, "time.sync.synchronized");
            return;
        }
        List<String> lines = new java.util.ArrayList<>();
        st.data().path("lines").forEach(l -> lines.add(l.asText()));
        Optional<W32tmStatus> state = W32tmStatus.parse(lines);
        if (state.isEmpty()) {
            st.malformed(out, "time.sync.synchronized", "w32tm /query /status (exit " + st.data().path("exit").asText("?") + "): "
                    + (lines.isEmpty() ? "no output" : lines.get(0)));
            return;
        }
        out.ok("time.sync.synchronized", state.get().synchronizedClock(), st.evidence());
    }
}
