package jp.akashi.probes.macos.firewall;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.macos.MacFacts;

/**
 * {@code firewall.*} on macOS: the application firewall (socketfilterfw). When on, it refuses
 * unsolicited inbound connections to every application not allowed, so the default is deny.
 */
public final class MacFirewallProbe extends PlatformProbe {
    static final String SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw";
    private static final Pattern STATE = Pattern.compile("\\(State = (\\d)\\)");

    public MacFirewallProbe() {
        super("macos.firewall", ProbeContext.MACOS, List.of("firewall.product", "firewall.enabled", "firewall.default_inbound", "firewall.macos.settings"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult g = MacFacts.run(ctx.host(), MacFacts.SHORT, SOCKETFILTERFW, "--getglobalstate");
        if (!g.succeeded()) {
            out.failed(g, keys().toArray(String[]::new));
            return;
        }
        Integer state = globalState(g.stdout());
        if (state == null) {
            for (String k : keys()) {
                out.error(k, code("firewall.socketfilterfw_no_state"), ev(g));
            }
            return;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("global_state", state.longValue());
        flag(ctx, s, "block_all", "--getblockall");
        flag(ctx, s, "stealth", "--getstealthmode");
        flag(ctx, s, "allow_signed", "--getallowsigned");
        boolean on = state >= 1;
        out.ok("firewall.product", on ? "macos-alf" : "none", ev(g));
        out.ok("firewall.enabled", on, ev(g));
        out.ok("firewall.default_inbound", on ? "deny" : "allow", ev(g));
        out.ok("firewall.macos.settings", s, ev(g));
    }

    /** Pure: 0 off, 1 on, 2 on and blocking all incoming; {@code null} when the output says neither. */
    public static Integer globalState(String text) {
        Matcher m = STATE.matcher(text);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return t.contains("firewall is enabled") ? Integer.valueOf(1) : t.contains("firewall is disabled") ? Integer.valueOf(0) : null;
    }

    /** Pure: an on/off line of socketfilterfw ("ENABLED", "is on", "set to block all" / "DISABLED", "is off"). */
    public static Boolean onOff(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.contains("disabled") || t.contains(" is off") || t.contains(" off")) {
            return false;
        }
        if (t.contains("enabled") || t.contains(" is on") || t.contains("set to block all")) {
            return true;
        }
        return null;
    }

    private static void flag(ProbeContext ctx, Map<String, Object> s, String name, String option) {
        CommandResult r = MacFacts.run(ctx.host(), MacFacts.SHORT, SOCKETFILTERFW, option);
        Boolean v = r.succeeded() ? onOff(r.stdout().lines().findFirst().orElse("")) : null;
        if (v != null) {
            s.put(name, v);
        }
    }
}
