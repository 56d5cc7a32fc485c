package jp.akashi.probes.windows.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.windows.WindowsFixtureHosts;

class WindowsFirewallProbeTest {

    @Test
    void allProfilesOnAndBlocking() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsFirewallProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        assertThat(f.get("firewall.product").value()).isEqualTo("windows-firewall");
        assertThat(f.get("firewall.enabled").value()).isEqualTo(true);
        assertThat(f.get("firewall.default_inbound").value()).isEqualTo("deny");
        assertThat(f.get("firewall.windows.profiles").value()).asString().contains("name=Domain").contains("active=true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void notConfiguredMeansWindowsDefaultsAndTheActiveProfileDecidesInbound() {
        // Server: Domain on, Private NotConfigured (defaults: on, block), Public off; connected to the domain network
        Map<String, Fact> f = ProbeTesting.run(new WindowsFirewallProbe(), WindowsFixtureHosts.englishServer2022(), ProbeContext.WINDOWS);
        assertThat(f.get("firewall.enabled").value()).isEqualTo(false);
        assertThat(f.get("firewall.default_inbound").value()).isEqualTo("deny");
        List<Map<String, Object>> p = (List<Map<String, Object>>) f.get("firewall.windows.profiles").value();
        assertThat(p.get(1)).containsEntry("name", "Private").containsEntry("enabled", true).containsEntry("default_inbound", "deny");
        assertThat(p.get(2)).containsEntry("name", "Public").containsEntry("enabled", false).containsEntry("active", false);

        // Win10 on a Private network whose profile allows inbound
        Map<String, Fact> g = ProbeTesting.run(new WindowsFirewallProbe(), WindowsFixtureHosts.japaneseWin10Unelevated(), ProbeContext.WINDOWS);
        assertThat(g.get("firewall.enabled").value()).isEqualTo(true);
        assertThat(g.get("firewall.default_inbound").value()).isEqualTo("allow");
    }

    @Test
    void thirdPartyFirewallWhenWindowsFirewallIsOff() {
        var host = WindowsFixtureHosts.builder("win10-ja-trend")
                .section("firewall", "{\"profiles\":[{\"name\":\"Domain\",\"enabled\":0,\"inbound\":2},{\"name\":\"Private\",\"enabled\":0,\"inbound\":2},"
                        + "{\"name\":\"Public\",\"enabled\":0,\"inbound\":2}],\"connections\":[]}")
                .section("security_center", "{\"antivirus\":[],\"firewall\":[{\"name\":\"ESET ファイアウォール\",\"guid\":\"{1}\",\"state\":266256}]}")
                .build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsFirewallProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("firewall.product").value()).isEqualTo("ESET ファイアウォール");
        assertThat(f.get("firewall.enabled").value()).isEqualTo(true);
        assertThat(f.get("firewall.default_inbound").status()).isEqualTo(FactStatus.ERROR);
    }

    @Test
    void everythingOffIsReportedAsOffAndMalformedProfilesAreErrors() {
        var off = WindowsFixtureHosts.builder("server2022-en")
                .section("firewall", "{\"profiles\":[{\"name\":\"Domain\",\"enabled\":0,\"inbound\":4},{\"name\":\"Private\",\"enabled\":0,\"inbound\":4},"
                        + "{\"name\":\"Public\",\"enabled\":0,\"inbound\":4}],\"connections\":[]}").build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsFirewallProbe(), off, ProbeContext.WINDOWS);
        assertThat(f.get("firewall.product").value()).isEqualTo("none");
        assertThat(f.get("firewall.enabled").value()).isEqualTo(false);
        assertThat(f.get("firewall.default_inbound").value()).isEqualTo("allow");

        var partial = WindowsFixtureHosts.builder("server2022-en")
                .section("firewall", "{\"profiles\":[{\"name\":\"Domain\",\"enabled\":1,\"inbound\":4}],\"connections\":[]}").build();
        Map<String, Fact> g = ProbeTesting.run(new WindowsFirewallProbe(), partial, ProbeContext.WINDOWS);
        assertThat(g.values()).allSatisfy(x -> assertThat(x.status()).isEqualTo(FactStatus.ERROR));
        assertThat(g.get("firewall.enabled").message()).contains("Domain, Private and Public");

        var odd = WindowsFixtureHosts.builder("server2022-en")
                .section("firewall", "{\"profiles\":[{\"name\":\"Domain\",\"enabled\":\"True\",\"inbound\":\"Block\"}]}").build();
        assertThat(ProbeTesting.run(new WindowsFirewallProbe(), odd, ProbeContext.WINDOWS).get("firewall.default_inbound").message())
                .contains("unreadable firewall profile");
    }
}
