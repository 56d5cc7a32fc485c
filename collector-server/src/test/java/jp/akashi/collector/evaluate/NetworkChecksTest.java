package jp.akashi.collector.evaluate;

import static jp.akashi.collector.evaluate.EvalFixtures.NOW;
import static jp.akashi.collector.evaluate.EvalFixtures.facts;
import static jp.akashi.collector.evaluate.EvalFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.ingest.CompactFacts;

/** The network-device, exposure and TLS checks (checks/network.yaml) and the firmware end-of-life table. */
class NetworkChecksTest {
    static final EolTable EOL = EolTable.load(List.of("eol/os.yaml", "eol/network.yaml"));

    static AssetSnapshot device(Map<String, CompactFacts.Value> facts, String... roles) {
        return new AssetSnapshot("n1", "edge-rtr01", "network-device", "network-os", List.of(roles), false, NOW.toEpochMilli(), "r1", facts);
    }

    static Map<String, CompactFacts.Value> firmware(String vendor, String model, String os, String version) {
        EvalFixtures.Facts f = facts().ok("os.family", "network-os").ok("net.device.vendor", vendor).ok("net.device.os_name", os)
                .ok("net.device.firmware_version", version);
        if (model != null) {
            f.ok("net.device.model", model);
        }
        Map<String, CompactFacts.Value> m = f.build();
        m.putAll(DerivedFacts.compute(m, EOL, NOW.toEpochMilli(), Map.of(), NOW));
        return m;
    }

    @Test
    void firmwareSupportComesFromTheNetworkTable() {
        CheckResult old = run("net.firmware_supported", device(firmware("Fortinet", null, "FortiOS", "7.0.15"), "boundary"));
        assertThat(old.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(old.reason().ja()).contains("FortiOS 7.0").contains("2025-09-30");
        assertThat(run("net.firmware_supported", device(firmware("Fortinet", null, "FortiOS", "7.4.8"), "boundary")).status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(run("net.firmware_supported", device(firmware("Cisco", "C2600", "IOS", "12.3(26)"), "boundary")).status())
                .isEqualTo(CheckStatus.FAIL);
        assertThat(run("net.firmware_supported", device(firmware("Juniper", "mx204", "Junos", "19.4R3-S1"), "boundary")).status())
                .isEqualTo(CheckStatus.FAIL);
        assertThat(run("net.firmware_supported", device(firmware("YAMAHA", "RTX830", "YAMAHA firmware", "Rev.15.02.20"), "boundary")).status())
                .isEqualTo(CheckStatus.PASS);
        // a release whose end date the table does not state: unknown with the reason, never a guess
        CheckResult xe = run("net.firmware_supported", device(firmware("Cisco", "ISR", "IOS-XE", "17.9.4a"), "boundary"));
        assertThat(xe.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(xe.reason().en()).contains("End of Vulnerability/Security Support");
        CheckResult unknown = run("net.firmware_supported", device(firmware("HP", null, "ProCurve", "Y.11.44"), "boundary"));
        assertThat(unknown.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(unknown.reason().en()).contains("not in the end-of-life table").contains("ProCurve");
        // only boundary devices are in scope
        assertThat(run("net.firmware_supported", device(firmware("Fortinet", null, "FortiOS", "7.0.15"))).status())
                .isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void cleartextSnmpOnBoundaryDevices() {
        var off = facts().ok("snmp.v1.answers", false).ok("snmp.v2c.answers", false)
                .unsupported("snmp.community.well_known_accepted", "not tested: the well-known community test is off").build();
        assertThat(run("snmp.v1_v2c_restricted", device(off, "boundary")).status()).isEqualTo(CheckStatus.PASS);

        var publicAccepted = facts().ok("snmp.v1.answers", true).ok("snmp.v2c.answers", true)
                .ok("snmp.community.well_known_accepted", true).ok("snmp.community.well_known_accepted_list", List.of("public")).build();
        CheckResult fail = run("snmp.v1_v2c_restricted", device(publicAccepted, "boundary"));
        assertThat(fail.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fail.reason().ja()).contains("public");

        var privateOnly = facts().ok("snmp.v1.answers", false).ok("snmp.v2c.answers", true)
                .ok("snmp.community.well_known_accepted", false).ok("snmp.community.well_known_accepted_list", List.of()).build();
        assertThat(run("snmp.v1_v2c_restricted", device(privateOnly, "boundary")).status()).isEqualTo(CheckStatus.PASS);

        var untested = facts().ok("snmp.v1.answers", true).ok("snmp.v2c.answers", true)
                .unsupported("snmp.community.well_known_accepted", "not tested: the well-known community test is off").build();
        CheckResult u = run("snmp.v1_v2c_restricted", device(untested, "boundary"));
        assertThat(u.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(u.reason().en()).contains("not tested");
    }

    @Test
    void wellKnownCommunityIsAnOptInCheck() {
        var untested = facts().unsupported("snmp.community.well_known_accepted", "not tested: the well-known community test is off").build();
        CheckResult u = run("snmp.well_known_community_refused", device(untested));
        assertThat(u.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(u.reason().en()).contains("not tested");
        assertThat(run("snmp.well_known_community_refused", device(facts().ok("snmp.community.well_known_accepted", false).build())).status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(EvalFixtures.LIBRARY.check("snmp.well_known_community_refused").orElseThrow().title().ja()).contains("任意の検査");
    }

    @Test
    void exposedLegacyPortsAreNamed() {
        var open = facts().ok("exposure.open_ports", List.of(22L, 23L, 443L, 445L)).ok("exposure.scanned_from", "agent:dmz-scanner").build();
        CheckResult r = run("exposure.no_legacy_ports", device(open, "boundary"));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).contains("agent:dmz-scanner").contains("23").contains("445");
        var clean = facts().ok("exposure.open_ports", List.of(443L)).ok("exposure.scanned_from", "collector").build();
        assertThat(run("exposure.no_legacy_ports", EvalFixtures.host(clean, "internet-facing")).status()).isEqualTo(CheckStatus.PASS);
        assertThat(run("exposure.no_legacy_ports", EvalFixtures.host(clean)).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void tlsOnInternetFacingServices() {
        var legacy = facts().ok("tls.legacy_protocol_accepted", true).ok("tls.protocols_accepted", List.of("TLSv1", "TLSv1.2")).build();
        assertThat(run("tls.no_legacy_protocols", EvalFixtures.host(legacy, "internet-facing")).status()).isEqualTo(CheckStatus.FAIL);
        var untestable = facts().unsupported("tls.legacy_protocol_accepted", "TLS 1.0/1.1 are not testable with this JDK").build();
        assertThat(run("tls.no_legacy_protocols", EvalFixtures.host(untestable, "internet-facing")).status()).isEqualTo(CheckStatus.UNKNOWN);

        var selfSigned = facts().ok("tls.cert.expired", false).ok("tls.cert.self_signed", true).ok("tls.cert.min_days_left", 300L).build();
        assertThat(run("tls.certificate_valid", EvalFixtures.host(selfSigned, "internet-facing")).status()).isEqualTo(CheckStatus.FAIL);
        var expired = facts().ok("tls.cert.expired", true).error("tls.cert.self_signed", "2 of 3 endpoints could not be inspected").build();
        assertThat(run("tls.certificate_valid", EvalFixtures.host(expired, "internet-facing")).status()).isEqualTo(CheckStatus.FAIL);
        var good = facts().ok("tls.cert.expired", false).ok("tls.cert.self_signed", false).ok("tls.cert.min_days_left", 80L).build();
        CheckResult ok = run("tls.certificate_valid", EvalFixtures.host(good, "internet-facing"));
        assertThat(ok.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ok.reason().ja()).contains("80");
    }
}
