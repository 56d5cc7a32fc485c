package jp.akashi.probes.linux.firewall;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code firewall.*} on Linux: which of ufw, firewalld, nftables or plain iptables filters inbound
 * traffic, and what happens to traffic no rule accepts. The front ends are asked first (they
 * program nftables/iptables themselves). Reading the kernel's rules needs root; without it only
 * firewalld's state can be asked, and everything else is an error rather than a guess.
 */
public final class LinuxFirewallProbe extends PlatformProbe {
    private static final String[] KEYS = {"firewall.product", "firewall.enabled", "firewall.default_inbound"};

    public LinuxFirewallProbe() {
        super("linux.firewall", ProbeContext.LINUX, List.of(KEYS));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        EvidenceTrail t = new EvidenceTrail();
        List<String> problems = new ArrayList<>();
        boolean anyTool = false;

        if (h.hasCommand("firewall-cmd")) {
            anyTool = true;
            CommandResult state = Sources.run(h, Sources.SLOW, "firewall-cmd", "--state");
            t.add("cmd:" + state.command(), state.stdout(), state.stdout().strip() + " (exit " + state.exitCode() + ")");
            if (state.succeeded() && state.stdout().strip().equals("running")) {
                CommandResult zone = Sources.run(h, Sources.SLOW, "firewall-cmd", "--list-all");
                FirewallState s = zone.succeeded() ? FirewalldZone.parse(zone.stdout()) : null;
                if (s != null) {
                    record(out, "firewalld", s, t.add("cmd:" + zone.command(), zone.stdout(), s.how()).build("cmd:" + zone.command()));
                } else {
                    fail(out, zone.succeeded() ? code("firewall.firewalld_zone_no_target")
                            : code("firewall.firewalld_zone_unread", zone.describeFailure()), t);
                }
                return;
            }
        }
        if (!h.privileged()) {
            fail(out, code("firewall.needs_root"), t);
            return;
        }
        if (h.hasCommand("ufw")) {
            anyTool = true;
            CommandResult r = Sources.run(h, Sources.QUICK, "ufw", "status", "verbose");
            FirewallState s = r.succeeded() ? UfwStatus.parse(r.stdout()) : null;
            if (s == null) {
                problems.add("ufw status: " + (r.succeeded() ? "output not understood" : r.describeFailure()));
            } else {
                t.add("cmd:" + r.command(), r.stdout(), s.how());
                if (s.inCharge()) {
                    record(out, "ufw", s, t.build("cmd:" + r.command()));
                    return;
                }
            }
        }
        if (h.hasCommand("nft")) {
            anyTool = true;
            CommandResult r = Sources.run(h, Sources.QUICK, "nft", "list", "ruleset");
            if (r.succeeded()) {
                FirewallState s = NftRuleset.state(r.stdout());
                t.add("cmd:" + r.command(), r.stdout(), s == null ? "no input base chain outside iptables-nft tables" : s.how());
                if (s != null) {
                    record(out, "nftables", s, t.build("cmd:" + r.command()));
                    return;
                }
            } else {
                problems.add("nft list ruleset: " + r.describeFailure());
            }
        }
        if (h.hasCommand("iptables")) {
            anyTool = true;
            FirewallState s = iptables(h, t, problems);
            if (s != null && s.inCharge()) {
                record(out, "iptables", s, t.build("cmd:iptables -S INPUT"));
                return;
            }
        }
        if (!problems.isEmpty()) {
            fail(out, code("firewall.tools_failed", String.join("; ", problems)), t);
            return;
        }
        if (!anyTool) {
            t.note("none of firewall-cmd, ufw, nft, iptables is installed");
            Evidence ev = t.build("probe:linux.firewall");
            out.ok("firewall.product", "none", ev);
            out.ok("firewall.enabled", false, ev);
            out.unsupported("firewall.default_inbound", code("firewall.no_tool"));
            return;
        }
        t.note("no front end active and no inbound filtering rules loaded");
        Evidence ev = t.build("probe:linux.firewall");
        out.ok("firewall.product", "none", ev);
        out.ok("firewall.enabled", false, ev);
        out.ok("firewall.default_inbound", "allow", ev);
    }

    /** IPv4 from iptables, IPv6 from ip6tables where it answers; both must deny for a default deny. */
    private static FirewallState iptables(HostAccess h, EvidenceTrail t, List<String> problems) {
        CommandResult v4 = Sources.run(h, Sources.QUICK, "iptables", "-S", "INPUT");
        IptablesRules.Chain c4 = v4.succeeded() ? IptablesRules.parse(v4.stdout()) : null;
        if (c4 == null) {
            problems.add("iptables -S INPUT: " + (v4.succeeded() ? "no policy line" : v4.describeFailure()));
            return null;
        }
        t.add("cmd:" + v4.command(), v4.stdout(), v4.stdout());
        CommandResult v6 = h.hasCommand("ip6tables") ? Sources.run(h, Sources.QUICK, "ip6tables", "-S", "INPUT") : null;
        IptablesRules.Chain c6 = v6 != null && v6.succeeded() ? IptablesRules.parse(v6.stdout()) : null;
        if (c6 != null) {
            t.add("cmd:" + v6.command(), v6.stdout(), v6.stdout());
        } else {
            t.note("ip6tables not readable: IPv6 judged by the IPv4 rules alone");
        }
        boolean inCharge = c4.inCharge() || (c6 != null && c6.inCharge());
        boolean deny = c4.denies() && (c6 == null || c6.denies());
        return new FirewallState(inCharge, deny ? "deny" : "allow", "");
    }

    private static void record(FactSink out, String product, FirewallState s, Evidence ev) {
        out.ok("firewall.product", product, ev);
        out.ok("firewall.enabled", true, ev);
        if (s.defaultInbound() != null) {
            out.ok("firewall.default_inbound", s.defaultInbound(), ev);
        } else {
            out.error("firewall.default_inbound", code("firewall.policy_unknown", product), ev);
        }
    }

    private static void fail(FactSink out, MessageCode why, EvidenceTrail t) {
        Evidence ev = t.isEmpty() ? null : t.build("probe:linux.firewall");
        for (String k : KEYS) {
            out.error(k, why, ev);
        }
    }
}
