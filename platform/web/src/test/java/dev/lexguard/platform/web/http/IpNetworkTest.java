package dev.lexguard.platform.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One reading of IP networks for the gateway's trusted proxies, sessions' filter and identity's Keycloak allow-list. */
class IpNetworkTest {

    @Test
    void anAddressIsAHostNetwork() {
        assertEquals("81.2.69.142/32", IpNetwork.parse("81.2.69.142").cidr());
        assertEquals(128, IpNetwork.parse("2001:218::1").prefix());
    }

    @Test
    void hostBitsAreCleared() {
        assertEquals("81.2.69.0/24", IpNetwork.parse("81.2.69.142/24").cidr());
        assertEquals("0.0.0.0/0", IpNetwork.parse("10.1.2.3/0").cidr());
        assertEquals("2001:218:0:0:0:0:0:0/32", IpNetwork.parse("2001:218:ffff::1/32").cidr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "81.2.69", "81.2.69.256", "81.2.69.1/33", "81.2.69.1/", "81.2.69.1/-1", "81.2.69.1/a",
        "2001:218::/129", "2001:::1", "localhost", "example.com", "example.com/8", "01.2.3.4", "1.2.3.4/24/8", "::g"})
    void malformedNetworksAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse(text));
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertTrue(IpNetwork.address("localhost").isEmpty());
        assertEquals("localhost", IpNetwork.canonical("localhost"));
    }

    @Test
    void canonicalFormOfAddresses() {
        assertEquals("81.2.69.142", IpNetwork.canonical(" 81.2.69.142 "));
        assertEquals("2001:218:0:0:0:0:0:1", IpNetwork.canonical("2001:0218:0000::0001"));
        assertNull(IpNetwork.canonical(null));
    }

    @Test
    void aNetworkContainsTheAddressesOfItsPrefixOnlyAndOfItsFamilyOnly() {
        IpNetwork net = IpNetwork.parse("172.16.0.0/12");
        assertTrue(net.contains(address("172.31.255.255")));
        assertFalse(net.contains(address("172.32.0.0")));
        assertFalse(net.contains(address("::1")));
        assertFalse(net.contains(null));
        assertTrue(IpNetwork.parse("fd00::/8").contains(address("[fd12::7]")));
        assertTrue(IpNetwork.parse("0.0.0.0/0").contains(address("203.0.113.9")));
        assertFalse(IpNetwork.parse("192.168.1.7").contains(address("192.168.1.8")));
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        assertEquals("10.1.2.3", address("::ffff:10.1.2.3").getHostAddress());
        assertTrue(IpNetwork.parse("10.0.0.0/8").contains(address("::ffff:10.1.2.3")));
        assertTrue(IpNetwork.address("1.2.3").isEmpty());
    }

    private static InetAddress address(String literal) {
        return IpNetwork.address(literal).orElseThrow();
    }
}
