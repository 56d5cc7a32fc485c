package jp.akashi.probes.windows.net;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsServices;

/** {@code net.listening*} on Windows (Get-NetTCPConnection/Get-NetUDPEndpoint's CIM classes with owning processes). */
public final class WindowsListeningProbe extends PlatformProbe {

    public WindowsListeningProbe() {
        super("windows.net", ProbeContext.WINDOWS, List.of("net.listening", "net.listening_ports"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection s = inv.section("listening");
        if (!s.ok()) {
            s.fail(out, "net.listening", "net.listening_ports");
            return;
        }
        WinSection svc = inv.section("services");
        try {
            WindowsListeners.Result r = WindowsListeners.parse(s.data(), svc.ok() ? WindowsServices.parse(svc.data()) : null);
            out.ok("net.listening", r.sockets(), s.evidence());
            out.ok("net.listening_ports", r.externalTcpPorts(), s.evidence());
        } catch (IllegalArgumentException e) {
            s.malformed(out, "net.listening", e.getMessage());
            s.malformed(out, "net.listening_ports", e.getMessage());
        }
    }
}
