package jp.akashi.probes.windows.firewall;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.av.SecurityCenterState;

/**
 * {@code firewall.*} on Windows: Windows Defender Firewall's effective profiles; when it is off
 * and Security Center (client editions) names an enabled third-party firewall, that one.
 */
public final class WindowsFirewallProbe extends PlatformProbe {

    public WindowsFirewallProbe() {
        super("windows.firewall", ProbeContext.WINDOWS, List.of("firewall.product", "firewall.enabled", "firewall.default_inbound", "firewall.windows.profiles"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection s = inv.section("firewall");
        if (!s.ok()) {
            s.fail(out, keys().toArray(String[]::new));
            return;
        }
        List<FirewallProfiles.Profile> profiles;
        try {
            profiles = FirewallProfiles.parse(s.data());
        } catch (IllegalArgumentException e) {
            for (String k : keys()) {
                s.malformed(out, k, e.getMessage());
            }
            return;
        }
        out.ok("firewall.windows.profiles", profiles.stream().map(FirewallProfiles.Profile::toMap).toList(), s.evidence());
        boolean allOn = profiles.stream().allMatch(FirewallProfiles.Profile::enabled);
        boolean anyOn = profiles.stream().anyMatch(FirewallProfiles.Profile::enabled);
        if (!anyOn) {
            String third = enabledThirdParty(inv.section("security_center"));
            if (third != null) {
                out.ok("firewall.product", third, s.evidence());
                out.ok("firewall.enabled", true, s.evidence());
                s.malformed(out, "firewall.default_inbound", third + " does not report its default inbound policy");
                return;
            }
        }
        out.ok("firewall.product", anyOn ? "windows-firewall" : "none", s.evidence());
        out.ok("firewall.enabled", allOn, s.evidence());
        // A disabled profile filters nothing: inbound is allowed on it.
        boolean weakest = profiles.stream().filter(FirewallProfiles.Profile::active)
                .anyMatch(p -> !p.enabled() || p.inboundAllowed());
        out.ok("firewall.default_inbound", weakest ? "allow" : "deny", s.evidence());
    }

    private static String enabledThirdParty(WinSection sc) {
        if (!sc.ok()) {
            return null;
        }
        for (JsonNode p : WinValues.items(sc.data(), "firewall")) {
            Long state = WinValues.integer(p, "state");
            String name = WinValues.text(p, "name");
            if (state != null && name != null && SecurityCenterState.decode(state).enabled()) {
                return name;
            }
        }
        return null;
    }
}
