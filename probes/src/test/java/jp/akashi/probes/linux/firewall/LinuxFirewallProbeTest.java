package jp.akashi.probes.linux.firewall;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxFirewallProbeTest {

    private static String fx(String name) {
        return LinuxFixtures.text("firewall", name);
    }

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxFirewallProbe(), host, ProbeContext.LINUX);
    }

    private static void assertFirewall(Map<String, Fact> f, String product, boolean enabled, String inbound) {
        assertOk(f, "firewall.product", product);
        assertOk(f, "firewall.enabled", enabled);
        assertOk(f, "firewall.default_inbound", inbound);
    }

    @Test
    void ufwActiveDenies() {
        FixtureHost host = new FixtureHost().command("ufw status verbose", 0, fx("ubuntu-2204-ufw-status-verbose.txt"));
        assertFirewall(run(host), "ufw", true, "deny");
    }

    @Test
    void inactiveUfwLeavesTheDecisionToTheRules() {
        FixtureHost host = new FixtureHost()
                .command("ufw status verbose", 0, fx("ubuntu-2404-ufw-status-inactive.txt"))
                .command("nft list ruleset", 0, "")
                .command("iptables -S INPUT", 0, fx("docker-host-iptables-S-INPUT.txt"))
                .command("ip6tables -S INPUT", 0, fx("docker-host-iptables-S-INPUT.txt"));
        Map<String, Fact> f = run(host);
        assertFirewall(f, "none", false, "allow");
        assertThat(f.get("firewall.enabled").evidence().excerpt()).contains("Status: inactive").contains("-P INPUT ACCEPT");
    }

    @Test
    void firewalldDefaultZone() {
        FixtureHost host = new FixtureHost()
                .command("firewall-cmd --state", 0, "running\n")
                .command("firewall-cmd --list-all", 0, fx("rhel-9-firewall-cmd-list-all.txt"));
        Map<String, Fact> f = run(host);
        assertFirewall(f, "firewalld", true, "deny");
        assertThat(f.get("firewall.default_inbound").evidence().excerpt()).contains("zone public (active)").contains("target: default");
        // a trusted-style zone lets everything in
        FixtureHost trusted = new FixtureHost()
                .command("firewall-cmd --state", 0, "running\n")
                .command("firewall-cmd --list-all", 0, "trusted (active)\n  target: ACCEPT\n  interfaces: eth0\n");
        assertFirewall(run(trusted), "firewalld", true, "allow");
    }

    @Test
    void firewalldStoppedFallsThroughToTheRules() {
        FixtureHost host = new FixtureHost()
                .command("firewall-cmd --state", 252, "not running\n")
                .command("nft list ruleset", 0, fx("debian-12-nft-hardened.txt"));
        assertFirewall(run(host), "nftables", true, "deny");
    }

    @Test
    void nftablesRulesets() {
        assertThat(NftRuleset.state(fx("debian-12-nft-default.txt")).defaultInbound()).isEqualTo("allow");
        assertThat(NftRuleset.state(fx("debian-12-nft-hardened.txt")).defaultInbound()).isEqualTo("deny");
        // IPv4 ends in reject, IPv6 is not filtered at all
        FirewallState v4 = NftRuleset.state(fx("debian-12-nft-ipv4-only.txt"));
        assertThat(v4.defaultInbound()).isEqualTo("allow");
        assertThat(v4.how()).contains("IPv4 denied by default, IPv6 allowed");
        // tables iptables-nft manages are read through iptables
        assertThat(NftRuleset.state(fx("debian-12-nft-iptables-nft.txt"))).isNull();
        assertThat(NftRuleset.state("")).isNull();
        assertThat(NftRuleset.inputChains("table inet x {\n chain y {\n}\n}\n}\n}")).isEmpty();
    }

    @Test
    void iptablesDefaults() {
        FixtureHost rhel7 = new FixtureHost()
                .command("iptables -S INPUT", 0, fx("rhel-7-iptables-S-INPUT.txt"))
                .command("ip6tables -S INPUT", 0, fx("rhel-7-ip6tables-S-INPUT.txt"));
        assertFirewall(run(rhel7), "iptables", true, "deny");

        FixtureHost iptablesNft = new FixtureHost()
                .command("nft list ruleset", 0, fx("debian-12-nft-iptables-nft.txt"))
                .command("iptables -S INPUT", 0, fx("debian-12-iptables-S-INPUT.txt"))
                .command("ip6tables -S INPUT", 0, fx("docker-host-iptables-S-INPUT.txt"));
        // IPv4 drops by policy, IPv6 accepts everything
        assertFirewall(run(iptablesNft), "iptables", true, "allow");
    }

    @Test
    void withoutRootRulesAreUnknown() {
        FixtureHost host = new FixtureHost()
                .command("ufw status verbose", 1, "", "ERROR: You need to be root to run this script\n")
                .unprivileged();
        Map<String, Fact> f = run(host);
        assertNotOk(f, "firewall.product", FactStatus.ERROR, "needs root");
        assertNotOk(f, "firewall.default_inbound", FactStatus.ERROR, "needs root");
        assertThat(host.executed()).isEmpty();
    }

    @Test
    void failingToolsAreErrorsNotNone() {
        FixtureHost host = new FixtureHost()
                .command("nft list ruleset", 1, "", "Error: cache initialization failed: Operation not permitted\n")
                .command("iptables -S INPUT", 4, "", "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n");
        Map<String, Fact> f = run(host);
        assertNotOk(f, "firewall.enabled", FactStatus.ERROR, "Operation not permitted");
    }

    @Test
    void noToolAtAll() {
        Map<String, Fact> f = run(new FixtureHost());
        assertOk(f, "firewall.product", "none");
        assertOk(f, "firewall.enabled", false);
        assertNotOk(f, "firewall.default_inbound", FactStatus.UNSUPPORTED, "no firewall tool");
    }
}
