package jp.akashi.probes.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetSpecTest {

    static TargetSpec read(Map<String, Object> m) {
        return TargetSpecReader.read(m, Set.of());
    }

    @Test
    void readsAndWritesTheJsonForm() {
        Map<String, Object> m = Map.of("name", "edge-rtr01", "address", "192.0.2.1", "probes", List.of("snmp", "ports"),
                "options", Map.of("ports", "22,23,80-81", "tlsPorts", List.of(443, 8443), "testWellKnownCommunities", true));
        TargetSpec s = read(m);
        assertThat(s.kind()).as("snmp means a network device").isEqualTo("network-device");
        assertThat(s.options().portCount()).isEqualTo(4);
        assertThat(s.isRange()).isFalse();
        assertThat(read(TargetSpecReader.write(s))).isEqualTo(s);
        assertThat(TargetSpecReader.write(s).get("probes")).isEqualTo(List.of("snmp", "ports"));
    }

    @Test
    void rangesExpandWithoutDns() {
        TargetSpec s = read(Map.of("name", "dmz", "address", "192.0.2.10-13", "probes", List.of("ports", "tls")));
        assertThat(s.isRange()).isTrue();
        assertThat(s.expand()).containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13");
        assertThat(read(Map.of("name", "v6", "address", "2001:db8::/126", "probes", List.of("ports"))).expand()).hasSize(4);
        assertThat(read(Map.of("name", "n", "address", "www.example.co.jp", "probes", List.of("tls"))).expand()).containsExactly("www.example.co.jp");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.0/33    | ports     | prefix",
            "10.0.0.0/20     | ports     | limit",
            "192.0.2.300     | ports     | is not an address",
            "-oProxyCommand  | ssh       | is not an address",
            "a b             | ports     | is not an address",
            "192.0.2.0/28    | ssh       | single address",
            "192.0.2.0/28    | snmp      | single address",
            "192.0.2.0/28    | tls       | needs ports too",
            "192.0.2.1       | telnet    | unknown probe",
            "192.0.2.1       | ssh,snmp  | cannot be combined",
    })
    void refusesWhatCannotWork(String address, String probes, String message) {
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", address, "probes", List.of(probes.split(",")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesBadOptionsAndShapes() {
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.0/24", "probes", List.of("ports"), "options", Map.of("ports", "1-1024"))))
                .hasMessageContaining("connections per run exceed");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "probes", List.of("ports"), "options", Map.of("tlsPort", 443))))
                .hasMessageContaining("unknown field options.tlsPort");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "probes", List.of("tls"), "options", Map.of("tlsPorts", List.of(0)))))
                .hasMessageContaining("options.tlsPorts");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "probes", List.of("snmp"), "options", Map.of("snmpRetries", 9))))
                .hasMessageContaining("snmpRetries");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "probes", "ssh"))).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "probes", List.of()))).hasMessageContaining("at least one");
        assertThatThrownBy(() -> read(Map.of("name", "", "address", "192.0.2.1", "probes", List.of("tls")))).hasMessageContaining("name is required");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "kind", "printer", "probes", List.of("tls"))))
                .hasMessageContaining("kind must be");
        assertThatThrownBy(() -> read(Map.of("name", "t", "address", "192.0.2.1", "kind", "host", "probes", List.of("snmp"))))
                .hasMessageContaining("kind must be network-device");
    }
}
