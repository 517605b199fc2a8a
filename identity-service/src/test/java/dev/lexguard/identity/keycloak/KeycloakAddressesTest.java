package dev.lexguard.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.platform.web.http.IpNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeycloakAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1", "192.168.1.1",
        "169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::1", "100.64.0.1", "224.0.0.1", "ff02::1",
        "255.255.255.255", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "192.0.0.170"})
    void internalAddressesAreNotPublic(String literal) throws UnknownHostException {
        assertThat(KeycloakAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String literal) throws UnknownHostException {
        assertThat(KeycloakAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254"})
    void aBlockOfTheAllowListContainsItsAddresses(String literal) throws UnknownHostException {
        assertThat(IpNetwork.parse("127.0.0.0/8").contains(InetAddress.getByName(literal))).isTrue();
        assertThat(IpNetwork.parse("127.0.0.1/32").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(IpNetwork.parse("fd00::/8").contains(InetAddress.getByName("fd00:ec2::254"))).isTrue();
        assertThat(IpNetwork.parse("fd00::/8").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void aMalformedBlockOfTheAllowListStopsTheServiceNamingTheSetting() {
        assertThatThrownBy(() -> new KeycloakAddresses(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lexguard.identity.keycloak.allowed-hosts");
        assertThatThrownBy(() -> new KeycloakAddresses(List.of("keycloak.internal/8"))).isInstanceOf(IllegalArgumentException.class);
    }
}
