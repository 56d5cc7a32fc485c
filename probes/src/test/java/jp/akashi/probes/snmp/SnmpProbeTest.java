package jp.akashi.probes.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.SnmpdServer;
import jp.akashi.probes.testing.RegistryAssertions;
import jp.akashi.probes.testing.TestDaemons;

/** SnmpProbe against a real net-snmp snmpd on loopback, configured for v2c and two v3 authPriv users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnmpProbeTest {
    /** A Catalyst 9300's sysDescr first line (snmpd.conf cannot hold the CR/LF of the full string). */
    private static final String CISCO_DESCR = "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)";
    private static final String CISCO_OID = "1.3.6.1.4.1.9.1.2494";
    private static final SnmpOptions FAST = new SnmpOptions(Duration.ofMillis(700), 1, 256, false);

    private SnmpdServer snmpd;
    private final SnmpProbe probe = new SnmpProbe(Clock.systemUTC());

    @BeforeAll
    void start() {
        snmpd = SnmpdServer.start(CISCO_DESCR, "." + CISCO_OID);
    }

    @AfterAll
    void stop() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    private Map<String, Fact> collect(SnmpTarget target, SnmpOptions options) {
        Report r = probe.collect(target, options, Report.SOURCE_COLLECTOR);
        assertThat(r.facts()).extracting(Fact::key).containsExactlyInAnyOrderElementsOf(SnmpProbe.KEYS);
        return r.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Object v(Map<String, Fact> f, String key) {
        assertThat(f.get(key).status()).as(key + ": " + f.get(key).message()).isEqualTo(FactStatus.OK);
        return f.get(key).value();
    }

    @Test
    void readsTheSystemGroupInterfacesAndDeviceOverV2c() {
        SnmpTarget t = new SnmpTarget("127.0.0.1", snmpd.port(), SnmpdServer.COMMUNITY, null);
        Report report = probe.collect(t, FAST, Report.SOURCE_COLLECTOR);
        Map<String, Fact> f = report.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
        RegistryAssertions.assertRegisteredAndTyped(report.facts());

        assertThat(v(f, "snmp.version_used")).isEqualTo("v2c");
        assertThat(v(f, "snmp.v2c.answers")).isEqualTo(true);
        assertThat(v(f, "snmp.v1.answers")).isEqualTo(true);
        assertThat(v(f, "snmp.v3.answers")).isEqualTo(true);
        String engineTextHex = HexFormat.of().formatHex(SnmpdServer.ENGINE_ID_TEXT.getBytes(StandardCharsets.US_ASCII));
        assertThat((String) v(f, "snmp.engine_id")).endsWith(engineTextHex);
        assertThat(v(f, "snmp.sys_descr")).isEqualTo(CISCO_DESCR);
        assertThat(v(f, "snmp.sys_object_id")).isEqualTo(CISCO_OID);
        assertThat(v(f, "snmp.sys_name")).isEqualTo("edge-rtr01");
        assertThat(v(f, "snmp.sys_location")).isEqualTo("東京本社 3F サーバ室");
        assertThat(v(f, "snmp.sys_contact")).isEqualTo("netadmin@example.co.jp");
        assertThat((Long) v(f, "snmp.sys_uptime_seconds")).isBetween(0L, 600L);
        long ifCount = (Long) v(f, "snmp.interface_count");
        List<?> ifs = (List<?>) v(f, "snmp.interfaces");
        assertThat(ifs).hasSize((int) ifCount);
        assertThat(ifs).anySatisfy(row -> assertThat(asMap(row))
                .containsEntry("descr", "lo").containsEntry("type", 24L).containsEntry("type_name", "softwareLoopback")
                .containsEntry("oper_status", "up"));
        assertThat(v(f, "net.device.vendor")).isEqualTo("Cisco");
        assertThat(v(f, "net.device.os_name")).isEqualTo("IOS-XE");
        assertThat(v(f, "net.device.firmware_version")).isEqualTo("17.9.4a");
        assertThat(v(f, "net.device.model")).isEqualTo("Catalyst L3 Switch");
        assertThat(v(f, "net.device.parsed_by")).isEqualTo("cisco-ios-xe");
        assertThat(v(f, "os.family")).isEqualTo("network-os");
        assertThat(f.get("snmp.v3.security_level").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("snmp.community.well_known_accepted").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(f.get("snmp.community.well_known_accepted").message()).contains("not tested").contains("opt-in");
        assertThat(f.get("snmp.sys_descr").evidence().source()).isEqualTo("snmp:1.3.6.1.2.1.1.1.0");

        AssetIdentity id = report.asset();
        assertThat(id.kind()).isEqualTo(AssetIdentity.KIND_NETWORK_DEVICE);
        assertThat(id.snmpEngineId()).isEqualTo(v(f, "snmp.engine_id"));
        assertThat(id.hostname()).isEqualTo("edge-rtr01");
        assertThat(id.address()).isEqualTo("127.0.0.1");
        assertThat(report.source()).isEqualTo(Report.SOURCE_COLLECTOR);
    }

    @Test
    void readsOverV3AuthPrivWithSha2AndAes() {
        for (SnmpV3User u : List.of(
                SnmpV3User.authPriv(SnmpdServer.V3_USER, SnmpV3User.Auth.SHA_256, SnmpdServer.V3_AUTH_PASS, SnmpV3User.Priv.AES_128, SnmpdServer.V3_PRIV_PASS),
                SnmpV3User.authPriv(SnmpdServer.V3_STRONG_USER, SnmpV3User.Auth.SHA_512, SnmpdServer.V3_AUTH_PASS, SnmpV3User.Priv.AES_256, SnmpdServer.V3_PRIV_PASS))) {
            Map<String, Fact> f = collect(new SnmpTarget("127.0.0.1", snmpd.port(), null, u), FAST);
            assertThat(v(f, "snmp.version_used")).isEqualTo("v3");
            assertThat(v(f, "snmp.v3.security_level")).isEqualTo("authPriv");
            assertThat(v(f, "snmp.v3.auth_protocol")).isEqualTo(u.auth().label());
            assertThat(v(f, "snmp.v3.priv_protocol")).isEqualTo(u.priv().label());
            assertThat(v(f, "snmp.sys_name")).isEqualTo("edge-rtr01");
            assertThat((List<?>) v(f, "snmp.interfaces")).isNotEmpty();
            assertThat(f.get("snmp.v2c.answers").status()).as("no community: v2c not tested").isEqualTo(FactStatus.UNSUPPORTED);
        }
    }

    @Test
    void wrongV3CredentialsBecomeClearErrorFacts() {
        Map<String, Fact> wrongAuth = collect(new SnmpTarget("127.0.0.1", snmpd.port(), null, SnmpV3User.authPriv(SnmpdServer.V3_USER,
                SnmpV3User.Auth.SHA_256, "wrong-auth-pass", SnmpV3User.Priv.AES_128, SnmpdServer.V3_PRIV_PASS)), FAST);
        assertThat(wrongAuth.get("snmp.sys_descr").status()).isEqualTo(FactStatus.ERROR);
        assertThat(wrongAuth.get("snmp.sys_descr").message()).contains("authentication failed")
                .contains("knows user " + SnmpdServer.V3_USER).contains("authentication passphrase or protocol (SHA-256)");
        assertThat(wrongAuth.get("snmp.v3.security_level").message()).contains("authentication failed");
        assertThat(v(wrongAuth, "snmp.v3.answers")).isEqualTo(true);

        Map<String, Fact> unknownUser = collect(new SnmpTarget("127.0.0.1", snmpd.port(), null, SnmpV3User.authPriv("nobody-here",
                SnmpV3User.Auth.SHA_256, SnmpdServer.V3_AUTH_PASS, SnmpV3User.Priv.AES_128, SnmpdServer.V3_PRIV_PASS)), FAST);
        assertThat(unknownUser.get("snmp.sys_name").message()).contains("does not know this SNMPv3 user");

        Map<String, Fact> wrongPriv = collect(new SnmpTarget("127.0.0.1", snmpd.port(), null, SnmpV3User.authPriv(SnmpdServer.V3_USER,
                SnmpV3User.Auth.SHA_256, SnmpdServer.V3_AUTH_PASS, SnmpV3User.Priv.AES_128, "wrong-priv-pass")), FAST);
        assertThat(wrongPriv.get("snmp.sys_name").status()).isEqualTo(FactStatus.ERROR);
        assertThat(wrongPriv.get("snmp.sys_name").message()).contains("SNMPv3 user " + SnmpdServer.V3_USER)
                .contains("authentication works, so the privacy passphrase or protocol (AES-128) is wrong");
    }

    @Test
    void wrongCommunityIsAnErrorAndV2cDoesNotAnswer() {
        Map<String, Fact> f = collect(new SnmpTarget("127.0.0.1", snmpd.port(), "not-the-community", null), FAST);
        assertThat(v(f, "snmp.v2c.answers")).isEqualTo(false);
        assertThat(v(f, "snmp.v1.answers")).isEqualTo(false);
        assertThat(f.get("snmp.sys_descr").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("snmp.sys_descr").message()).contains("no answer within").contains("wrong community");
        assertThat(v(f, "snmp.v3.answers")).as("v3 discovery still answers").isEqualTo(true);
        assertThat(v(f, "os.family")).isEqualTo("network-os");
    }

    @Test
    void optInCheckFindsTheWellKnownCommunity() {
        Map<String, Fact> f = collect(new SnmpTarget("127.0.0.1", snmpd.port(), SnmpdServer.COMMUNITY, null), FAST.withWellKnownCommunities(true));
        assertThat(v(f, "snmp.community.well_known_accepted")).isEqualTo(true);
        assertThat(v(f, "snmp.community.well_known_accepted_list")).isEqualTo(List.of("public"));
        assertThat(f.get("snmp.community.well_known_accepted").evidence().excerpt()).contains("private v1: no answer");
    }

    @Test
    void silentPortIsNoAnswerEverywhereWithinTheTimeout() {
        int port = TestDaemons.freePort();
        long start = System.nanoTime();
        Report r = probe.collect(new SnmpTarget("127.0.0.1", port, "x-community", null), new SnmpOptions(Duration.ofMillis(300), 0, 16, false),
                Report.SOURCE_SCAN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Map<String, Fact> f = r.facts().stream().collect(Collectors.toMap(Fact::key, Function.identity()));
        assertThat(f.get("os.family").status()).isEqualTo(FactStatus.ERROR);
        assertThat(f.get("os.family").message()).contains("no SNMP answer");
        assertThat(v(f, "snmp.v3.answers")).isEqualTo(false);
        assertThat(f.get("snmp.engine_id").status()).isEqualTo(FactStatus.UNSUPPORTED);
        assertThat(r.asset().snmpEngineId()).isNull();
        assertThat(r.asset().kind()).isEqualTo(AssetIdentity.KIND_NETWORK_DEVICE);
    }
}
