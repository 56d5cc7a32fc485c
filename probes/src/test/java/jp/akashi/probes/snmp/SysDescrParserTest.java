package jp.akashi.probes.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.testing.FixtureHost;

class SysDescrParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "cisco-ios-c2960-15.2.txt,      1.3.6.1.4.1.9.1.1208,          Cisco,    C2960,                 IOS,             15.2(4)E10,   cisco-ios",
            "cisco-ios-c2600-12.3.txt,      1.3.6.1.4.1.9.1.209,           Cisco,    C2600,                 IOS,             12.3(26),     cisco-ios",
            "cisco-iosxe-cat9k-17.9.txt,    1.3.6.1.4.1.9.1.2494,          Cisco,    Catalyst L3 Switch,    IOS-XE,          17.9.4a,      cisco-ios-xe",
            "cisco-iosxe-isr4k-16.9.txt,    1.3.6.1.4.1.9.1.2068,          Cisco,    ISR,                   IOS-XE,          16.9.5,       cisco-ios-xe",
            "cisco-iosxe-cat4500-3.6.txt,   1.3.6.1.4.1.9.1.1968,          Cisco,    Catalyst 4500 L3 Switch, IOS-XE,        03.06.06.E,   cisco-ios-xe",
            "yamaha-rtx1210-14.01.txt,      1.3.6.1.4.1.1182.1.62,         YAMAHA,   RTX1210,               YAMAHA firmware, Rev.14.01.05, yamaha-rtx",
            "yamaha-rtx830-15.02.txt,       1.3.6.1.4.1.1182.1.71,         YAMAHA,   RTX830,                YAMAHA firmware, Rev.15.02.20, yamaha-rtx",
            "yamaha-nvr510-15.01.txt,       1.3.6.1.4.1.1182.1.69,         YAMAHA,   NVR510,                YAMAHA firmware, Rev.15.01.21, yamaha-rtx",
            "fortigate-fortios-5.4.txt,     1.3.6.1.4.1.12356.101.1.1004,  Fortinet, null,                  FortiOS,         5.4.5,        fortigate",
            "fortigate-description-only.txt, 1.3.6.1.4.1.12356.101.1.1004, Fortinet, null,                  FortiOS,         null,         fortigate",
            "junos-mx204-21.4.txt,          1.3.6.1.4.1.2636.1.1.1.2.157,  Juniper,  mx204,                 Junos,           21.4R3-S5.4,  junos",
            "junos-ex2300-23.4.txt,         1.3.6.1.4.1.2636.1.1.1.2.132,  Juniper,  ex2300-24p,            Junos,           23.4R2-S4.11, junos",
            "junos-srx300-21.2.txt,         1.3.6.1.4.1.2636.1.1.1.2.133,  Juniper,  srx300,                Junos,           21.2R3-S2.9,  junos",
            "netsnmp-linux-captured.txt,    1.3.6.1.4.1.8072.3.2.10,       net-snmp, null,                  Linux,           6.18.44-fc-v595, generic",
            "hp-procurve-2510g.txt,         1.3.6.1.4.1.11.2.3.7.11.87,    HP,       null,                  null,            Y.11.44,      generic",
    })
    void parsesCapturedSysDescrOfEachVendor(String fixture, String sysObjectId, String vendor, String model, String os,
                                            String version, String rule) {
        String descr = FixtureHost.resource("/fixtures/network/sysdescr/" + fixture);
        DeviceDescription d = SysDescrParser.parse(descr, sysObjectId);
        assertThat(d).isEqualTo(new DeviceDescription(vendor, model, os, version, rule));
    }

    @Test
    void leadingDotOfANetSnmpStyleOidIsAccepted() {
        assertThat(SysDescrParser.vendorByEnterprise(".1.3.6.1.4.1.1182.1.62")).isEqualTo("YAMAHA");
        assertThat(SysDescrParser.vendorByEnterprise("1.3.6.1.4.1.99999.1")).isNull();
        assertThat(SysDescrParser.vendorByEnterprise("1.3.6.1.2.1.1")).isNull();
        assertThat(SysDescrParser.vendorByEnterprise(null)).isNull();
    }

    @Test
    void fortiOsVersionComesFromFgSysVersion() {
        assertThat(SysDescrParser.fortiOsVersion("v7.2.8,build1639,240313 (GA.M)")).contains("7.2.8");
        assertThat(SysDescrParser.fortiOsVersion("v6.4.15,build2095,240417 (GA.M)")).contains("6.4.15");
        assertThat(SysDescrParser.fortiOsVersion("unknown")).isEmpty();
        assertThat(SysDescrParser.fortiOsVersion(null)).isEmpty();
    }

    @Test
    void emptyOrUnknownTextGivesNoGuesses() {
        assertThat(SysDescrParser.parse(null, null)).isEqualTo(new DeviceDescription(null, null, null, null, "generic"));
        assertThat(SysDescrParser.parse("", "")).isEqualTo(new DeviceDescription(null, null, null, null, "generic"));
        assertThat(SysDescrParser.parse("core switch 3F", "1.3.6.1.4.1.9.1.5")).isEqualTo(new DeviceDescription("Cisco", null, null, null, "generic"));
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7731);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            String s = new String(b, StandardCharsets.ISO_8859_1);
            DeviceDescription d = SysDescrParser.parse(s, i % 2 == 0 ? s : "1.3.6.1.4.1." + r.nextInt(100000));
            assertThat(d.parsedBy()).isNotNull();
        }
    }
}
