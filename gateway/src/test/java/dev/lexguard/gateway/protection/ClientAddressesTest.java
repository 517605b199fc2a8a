package dev.lexguard.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.platform.web.http.IpNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of(IpNetwork.parse("10.0.0.0/8"),
            IpNetwork.parse("192.168.1.7"), IpNetwork.parse("fd00::/8")));

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
    void aLeadingZeroOrAnIpv4MappedAddressIsReadSafely() {
        // not a literal the platform reads (octal in some parsers): not trusted, taken as garbage in the chain
        assertThat(addresses.resolve("010.0.0.1", List.of("1.2.3.4"))).isEqualTo("010.0.0.1");
        assertThat(addresses.resolve("::ffff:10.0.0.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void ipv6IsNormalised() {
        assertThat(addresses.resolve("fd00::1", List.of("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.resolve("2001:db8::2", List.of("1.2.3.4"))).isEqualTo("2001:db8:0:0:0:0:0:2");
    }
}
