package jp.akashi.probes.targets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.snmp.SnmpProbe;

/**
 * When the community configured for reading a device is itself a well-known one ({@code public},
 * {@code private}) and the device answered it, the device accepts a well-known community: that was
 * observed, not guessed, so it is recorded even when the opt-in test of well-known communities is off.
 */
final class ConfiguredCommunity {
    private ConfiguredCommunity() {
    }

    static List<Fact> apply(List<Fact> facts, String community, String host, int port, Clock clock) {
        if (community == null || !SnmpProbe.WELL_KNOWN_COMMUNITIES.contains(community) || !answered(facts)) {
            return facts;
        }
        Evidence ev = Evidence.of("snmp:" + host + ":" + port,
                "the community configured for reading is the well-known '" + community + "' and the device answered SNMPv1/v2c with it");
        List<Fact> out = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            if (f.ok()) {
                out.add(f);
            } else if (f.key().equals("snmp.community.well_known_accepted")) {
                out.add(new Fact(f.key(), FactStatus.OK, true, null, clock.instant(), SnmpProbe.PROBE_ID, ev));
            } else if (f.key().equals("snmp.community.well_known_accepted_list")) {
                out.add(new Fact(f.key(), FactStatus.OK, List.of(community), null, clock.instant(), SnmpProbe.PROBE_ID, ev));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean answered(List<Fact> facts) {
        return facts.stream().anyMatch(f -> f.ok() && Boolean.TRUE.equals(f.value())
                && (f.key().equals("snmp.v2c.answers") || f.key().equals("snmp.v1.answers")));
    }
}
