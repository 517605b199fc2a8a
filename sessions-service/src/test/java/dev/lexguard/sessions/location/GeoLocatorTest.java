package dev.lexguard.sessions.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Lookups in MaxMind's public test databases (src/test/resources/geoip), configured as a deployment would. */
@QuarkusTest
class GeoLocatorTest {

    @Inject
    GeoLocator locator;

    @Test
    void londonResolvesToCityCountryAndCoordinates() {
        GeoLocation london = locator.locate("81.2.69.142");
        assertThat(london.countryCode()).isEqualTo("GB");
        assertThat(london.country()).isEqualTo("United Kingdom");
        assertThat(london.city()).isEqualTo("London");
        assertThat(london.latitude()).isCloseTo(51.5142, within(0.001));
        assertThat(london.longitude()).isCloseTo(-0.0931, within(0.001));
    }

    @Test
    void changchunResolves() {
        GeoLocation changchun = locator.locate("175.16.199.0");
        assertThat(changchun.countryCode()).isEqualTo("CN");
        assertThat(changchun.city()).isEqualTo("Changchun");
    }

    @Test
    void ipv6NetworksResolveToACountry() {
        GeoLocation japan = locator.locate("2001:218::1");
        assertThat(japan.countryCode()).isEqualTo("JP");
        assertThat(japan.city()).isNull();
    }

    @Test
    void theAsnDatabaseNamesTheNetwork() {
        GeoLocation network = locator.locate("1.128.0.1");
        assertThat(network.asn()).isEqualTo(1221L);
        assertThat(network.network()).isEqualTo("Telstra Pty Ltd");
    }

    @Test
    void privateAndMalformedAddressesAreUnknown() {
        assertThat(locator.locate("10.1.2.3")).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(locator.locate("127.0.0.1")).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(locator.locate("not-an-ip")).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(locator.locate(null)).isEqualTo(GeoLocation.UNKNOWN);
    }
}
