package jp.akashi.probes.windows.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsServices;

/** {@code service.windows.*}: SMBv1, Remote Desktop and other legacy or risky services. */
public final class WindowsLegacyServicesProbe extends PlatformProbe {

    public WindowsLegacyServicesProbe() {
        super("windows.service", ProbeContext.WINDOWS, List.of("service.windows.smb1_server_enabled", "service.windows.smb1_client_enabled",
                "service.windows.rdp_enabled", "service.windows.rdp_nla_required", "service.windows.risky_services"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection s = inv.section("legacy");
        if (s.ok()) {
            JsonNode l = s.data();
            s.put(out, "service.windows.smb1_server_enabled", LegacyServices.smb1Server(l),
                    "Get-SmbServerConfiguration failed and the SMB1 registry value is absent");
            out.ok("service.windows.smb1_client_enabled", LegacyServices.smb1Client(l), s.evidence());
            s.put(out, "service.windows.rdp_enabled", LegacyServices.rdpEnabled(l), "no fDenyTSConnections value");
            s.put(out, "service.windows.rdp_nla_required", LegacyServices.rdpNla(l), "no RDP-Tcp UserAuthentication value");
        } else {
            s.fail(out, "service.windows.smb1_server_enabled", "service.windows.smb1_client_enabled",
                    "service.windows.rdp_enabled", "service.windows.rdp_nla_required");
        }
        WinSection svc = inv.section("services");
        if (svc.ok()) {
            out.ok("service.windows.risky_services", LegacyServices.risky(WindowsServices.parse(svc.data())), svc.evidence());
        } else {
            svc.fail(out, "service.windows.risky_services");
        }
    }
}
