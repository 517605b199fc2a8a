package dev.lexguard.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8"),
            Cidr.parse("192.168.1.7"), Cidr.parse("fd00::/8")));

    @Test
    void untrustedPeerIsTheClientWhateverItForwards() {
        assertThat(addresses.resolve("203.0.113.5", List.of("1.2.3.4"))).isEqualTo("203.0.113.5");
    }

    @Test
    void trustedPeerForwardedForIsReadFromTheRightSkippingTrustedHops() {
        assertThat(addresses.resolve("10.0.0.1", List.of("1.2.3.4, 198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("192.168.1.7", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("10.0.0.1", List.of("1.2.3.4", "198.51.100.8"))).isEqualTo("198.51.100.8");
    }

    @Test
    void trustedPeerWithoutForwardedForIsTheClient() {
        assertThat(addresses.resolve("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void garbageOrNamesInTheChainStopAtTheLastTrustedHop() {
        assertThat(addresses.resolve("10.0.0.1", List.of("198.51.100.7, evil.example.com"))).isEqualTo("10.0.0.1");
        assertThat(addresses.resolve("10.0.0.1", List.of("<script>, 10.2.2.2"))).isEqualTo("10.2.2.2");
    }

    @Test
    void ipv6IsNormalised() {
        assertThat(addresses.resolve("fd00::1", List.of("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.resolve("2001:db8::2", List.of("1.2.3.4"))).isEqualTo("2001:db8:0:0:0:0:0:2");
    }

    @Test
    void cidrMatching() {
        Cidr net = Cidr.parse("172.16.0.0/12");
        assertThat(net.contains(Cidr.literal("172.31.255.255"))).isTrue();
        assertThat(net.contains(Cidr.literal("172.32.0.0"))).isFalse();
        assertThat(net.contains(Cidr.literal("::1"))).isFalse();
        assertThat(Cidr.literal("localhost")).isNull();
        assertThat(Cidr.literal("1.2.3")).isNull();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
