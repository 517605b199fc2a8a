package dev.lexguard.platform.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    @Test
    void ipv4IsItsAddressAndIpv6ItsSlash64() {
        assertEquals("192.0.2.7", ClientNetworks.limitKey("192.0.2.7"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientNetworks.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientNetworks.limitKey("2001:db8:1:2::1"), ClientNetworks.limitKey("[2001:db8:1:2:ffff::9]"));
        assertNotEquals(ClientNetworks.limitKey("2001:db8:1:2::1"), ClientNetworks.limitKey("2001:db8:1:3::1"));
        assertEquals("192.0.2.7", ClientNetworks.limitKey("::ffff:192.0.2.7"));
    }

    @Test
    void whatIsNoAddressStaysAsItIs() {
        assertNull(ClientNetworks.limitKey(null));
        assertEquals("unknown", ClientNetworks.limitKey("unknown"));
        assertEquals("not:an:address:at:all", ClientNetworks.limitKey("not:an:address:at:all"));
    }
}
