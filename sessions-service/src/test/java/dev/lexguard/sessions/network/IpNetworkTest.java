package dev.lexguard.sessions.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

    @Test
    void anAddressIsAHostNetwork() {
        assertThat(IpNetwork.parse("81.2.69.142").cidr()).isEqualTo("81.2.69.142/32");
        assertThat(IpNetwork.parse("2001:218::1").prefix()).isEqualTo(128);
    }

    @Test
    void hostBitsAreCleared() {
        assertThat(IpNetwork.parse("81.2.69.142/24").cidr()).isEqualTo("81.2.69.0/24");
        assertThat(IpNetwork.parse("10.1.2.3/0").cidr()).isEqualTo("0.0.0.0/0");
        assertThat(IpNetwork.parse("2001:218:ffff::1/32").cidr()).isEqualTo("2001:218:0:0:0:0:0:0/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "81.2.69", "81.2.69.256", "81.2.69.1/33", "81.2.69.1/", "81.2.69.1/-1", "81.2.69.1/a",
        "2001:218::/129", "2001:::1", "localhost", "example.com", "01.2.3.4", "1.2.3.4/24/8", "::g"})
    void malformedNetworksAreRefused(String text) {
        assertThatThrownBy(() -> IpNetwork.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertThat(IpNetwork.address("localhost")).isEmpty();
        assertThat(IpNetwork.canonical("localhost")).isEqualTo("localhost");
    }

    @Test
    void canonicalFormOfAddresses() {
        assertThat(IpNetwork.canonical(" 81.2.69.142 ")).isEqualTo("81.2.69.142");
        assertThat(IpNetwork.canonical("2001:0218:0000::0001")).isEqualTo("2001:218:0:0:0:0:0:1");
        assertThat(IpNetwork.canonical(null)).isNull();
    }
}
