package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Which peers count as trusted proxies, and which header values count as addresses. */
class ClientAddressesTest {

    @Test
    void addressesAndCidrRangesOfBothFamiliesAreTrusted() throws Exception {
        ClientAddresses a = new ClientAddresses(" 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32");
        assertThat(a.trusted(InetAddress.getByName("10.20.30.40"))).isTrue();
        assertThat(a.trusted(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(a.trusted(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(a.trusted(InetAddress.getByName("192.0.2.2"))).isFalse();
        assertThat(a.trusted(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(a.trusted(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(new ClientAddresses("").trusted(InetAddress.getByName("127.0.0.1"))).as("nothing by default").isFalse();
    }

    @Test
    void aBadSettingIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddresses("proxy.example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("akashi.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyIpLiteralsAreAddressesNeverNamesToLookUp() {
        assertThat(ClientAddresses.literal("203.0.113.9")).isPresent();
        assertThat(ClientAddresses.literal(" 203.0.113.9:5100")).map(InetAddress::getHostAddress).hasValue("203.0.113.9");
        assertThat(ClientAddresses.literal("[2001:db8::1]:443")).isPresent();
        assertThat(ClientAddresses.literal("localhost")).isEmpty();
        assertThat(ClientAddresses.literal("evil.example")).isEmpty();
        assertThat(ClientAddresses.literal("unknown")).isEmpty();
        assertThat(ClientAddresses.literal("cafe")).as("hex letters only: still a name, not looked up").isEmpty();
        assertThat(ClientAddresses.literal("")).isEmpty();
    }
}
