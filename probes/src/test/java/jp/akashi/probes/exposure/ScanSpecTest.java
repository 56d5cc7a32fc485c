package jp.akashi.probes.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Pure parsers of the scan request: targets, ports, banners. */
class ScanSpecTest {

    private static List<String> addresses(String... specs) {
        return ScanTargets.parse(List.of(specs), 4096).stream().map(ScanTargets.Target::label).toList();
    }

    @Test
    void expandsAddressesBlocksAndRanges() {
        assertThat(addresses("192.0.2.10")).containsExactly("192.0.2.10");
        assertThat(addresses("192.0.2.9/30")).containsExactly("192.0.2.8", "192.0.2.9", "192.0.2.10", "192.0.2.11");
        assertThat(addresses("192.0.2.254-192.0.3.1")).containsExactly("192.0.2.254", "192.0.2.255", "192.0.3.0", "192.0.3.1");
        assertThat(addresses("198.51.100.7-9")).containsExactly("198.51.100.7", "198.51.100.8", "198.51.100.9");
        assertThat(addresses("2001:db8::/126")).containsExactly("2001:db8:0:0:0:0:0:0", "2001:db8:0:0:0:0:0:1",
                "2001:db8:0:0:0:0:0:2", "2001:db8:0:0:0:0:0:3");
        assertThat(addresses("192.0.2.1/32")).containsExactly("192.0.2.1");
        assertThat(ScanTargets.parse(List.of("localhost"), 10).get(0).address().isLoopbackAddress()).isTrue();
    }

    @Test
    void rejectsMalformedOrOversizedTargets() {
        for (String bad : List.of("192.0.2.300", "192.0.2.0/33", "192.0.2.9-192.0.2.1", "192.0.2.1-300", "a b", "", "10.0.0.0/x", "-rf")) {
            assertThatThrownBy(() -> ScanTargets.parse(List.of(bad), 4096)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ScanTargets.parse(List.of("192.0.2.0/24", "198.51.100.0/24"), 300))
                .hasMessageContaining("limit of 300");
        assertThatThrownBy(() -> ScanTargets.parse(List.of(), 10)).hasMessageContaining("no scan targets");
    }

    @Test
    void parsesPortListsRangesAndTheCommonSet() {
        assertThat(PortList.parse("443, 22,80-82,22", 100)).containsExactly(22, 80, 81, 82, 443);
        assertThat(PortList.parse("common", 100)).containsExactlyElementsOf(PortList.COMMON.stream().sorted().toList());
        assertThat(PortList.parse("1-65535", 65535)).hasSize(65535);
        for (String bad : List.of("0", "65536", "10-5", "ssh", "", "1--2", "-5")) {
            assertThatThrownBy(() -> PortList.parse(bad, 65535)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PortList.parse("1-1000", 100)).hasMessageContaining("exceed the limit of 100");
    }

    @Test
    void bannersAreOnePrintableLineAndBinaryIsDropped() {
        byte[] smtp = "220 mail.example.co.jp ESMTP Postfix (Debian/GNU)\r\n250 more".getBytes(StandardCharsets.UTF_8);
        assertThat(PortScanner.Banner.text(smtp, smtp.length)).isEqualTo("220 mail.example.co.jp ESMTP Postfix (Debian/GNU)");
        byte[] tlsAlert = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28};
        assertThat(PortScanner.Banner.text(tlsAlert, tlsAlert.length)).isNull();
        byte[] ftpJa = "220 ようこそ FTP\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(PortScanner.Banner.text(ftpJa, ftpJa.length)).isEqualTo("220 ようこそ FTP");
    }
}
