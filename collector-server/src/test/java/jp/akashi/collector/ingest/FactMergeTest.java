package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.FactStatus;

/** The merge rule of an asset's sources (docs/ASSETS.md), on values as the sources store them. */
class FactMergeTest {
    static CompactFacts.Value ok(Object v, long t) {
        return new CompactFacts.Value(FactStatus.OK, v, t, null, "p");
    }

    static CompactFacts.Value error(String m, long t) {
        return new CompactFacts.Value(FactStatus.ERROR, null, t, m, "p");
    }

    static CompactFacts.Value unsupported(String m, long t) {
        return new CompactFacts.Value(FactStatus.UNSUPPORTED, null, t, m, "p");
    }

    @Test
    void aNewerFailureNeverHidesAnOlderSuccess() {
        FactMerge.SourceFacts v2c = new FactMerge.SourceFacts("target:a:c1", "r1", Map.of(
                "snmp.community.well_known_accepted", ok(true, 100), "snmp.version_used", ok("v2c", 100),
                "snmp.v3.security_level", unsupported("no SNMPv3 user configured", 100)));
        FactMerge.SourceFacts v3 = new FactMerge.SourceFacts("target:b:c2", "r2", Map.of(
                "snmp.community.well_known_accepted", unsupported("not tested", 200), "snmp.version_used", error("auth failed", 200),
                "snmp.v3.security_level", error("SNMPv3 read as akashi-v3 failed", 200)));
        Map<String, CompactFacts.Value> m = FactMerge.merge(List.of(v3, v2c));
        assertThat(m.get("snmp.community.well_known_accepted").value()).isEqualTo(true);
        assertThat(m.get("snmp.community.well_known_accepted").source()).isEqualTo("target:a:c1");
        assertThat(m.get("snmp.community.well_known_accepted").reportId()).isEqualTo("r1");
        assertThat(m.get("snmp.version_used").value()).isEqualTo("v2c");
        // no source read it: the error is shown, not the other source's "not configured"
        assertThat(m.get("snmp.v3.security_level").status()).isEqualTo(FactStatus.ERROR);
        assertThat(m.get("snmp.v3.security_level").message()).contains("akashi-v3");
        assertThat(FactMerge.others(List.of(v3, v2c), "snmp.version_used", m.get("snmp.version_used")))
                .extracting(FactMerge.Other::sourceKey).containsExactly("target:b:c2");
    }

    @Test
    void theNewestSuccessfulValueWinsWhateverTheOrder() {
        FactMerge.SourceFacts newer = new FactMerge.SourceFacts("target:a:k", "r1", Map.of("os.version", ok("24.04", 300)));
        FactMerge.SourceFacts older = new FactMerge.SourceFacts("target:t:k", "r2", Map.of("os.version", ok("22.04", 200)));
        assertThat(FactMerge.merge(List.of(newer, older)).get("os.version").value()).isEqualTo("24.04");
        assertThat(FactMerge.merge(List.of(older, newer)).get("os.version").value()).isEqualTo("24.04");
        FactMerge.SourceFacts tie = new FactMerge.SourceFacts("target:t:k", "r3", Map.of("os.version", ok("22.04", 300)));
        assertThat(FactMerge.merge(List.of(newer, tie)).get("os.version").source())
                .isEqualTo(FactMerge.merge(List.of(tie, newer)).get("os.version").source());
    }

    @Test
    void anAgentsClaimNeverOverwritesWhatTheCollectorReadItselfButFillsWhatItCouldNot() {
        // an agent joined by a (world-readable) machine id reports a newer, better-looking value
        FactMerge.SourceFacts agent = new FactMerge.SourceFacts("agent:x", "r1", Map.of(
                "av.installed", ok(true, 900), "patch.pending_security_count", ok(0, 900)));
        FactMerge.SourceFacts ssh = new FactMerge.SourceFacts("target:t:k", "r2", Map.of(
                "av.installed", ok(false, 100), "patch.pending_security_count", error("sudo not allowed", 100)));
        for (List<FactMerge.SourceFacts> order : List.of(List.of(agent, ssh), List.of(ssh, agent))) {
            Map<String, CompactFacts.Value> m = FactMerge.merge(order);
            assertThat(m.get("av.installed").value()).isEqualTo(false);
            assertThat(m.get("av.installed").source()).isEqualTo("target:t:k");
            assertThat(m.get("patch.pending_security_count").value()).isEqualTo(0);
            assertThat(m.get("patch.pending_security_count").source()).isEqualTo("agent:x");
            assertThat(FactMerge.others(order, "av.installed", m.get("av.installed")))
                    .as("the disagreement stays visible").extracting(FactMerge.Other::sourceKey).containsExactly("agent:x");
        }
    }

    @Test
    void mergedValuesSurviveTheCompactForm() {
        Map<String, CompactFacts.Value> m = FactMerge.merge(List.of(new FactMerge.SourceFacts("agent:x", "r1",
                Map.of("a.list", ok(List.of("x", "y"), 5), "a.n", ok(3L, 5), "a.e", error("why", 5)))));
        Map<String, CompactFacts.Value> back = CompactFacts.decode(CompactFacts.encodeValues(m));
        assertThat(back).isEqualTo(m);
    }
}
