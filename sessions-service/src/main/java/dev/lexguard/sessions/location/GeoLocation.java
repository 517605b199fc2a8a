package dev.lexguard.sessions.location;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where an IP address is, as far as the GeoIP databases know; every part may be unknown (null). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GeoLocation(String countryCode, String country, String city, Double latitude, Double longitude,
        Long asn, String network) {

    public static final GeoLocation UNKNOWN = new GeoLocation(null, null, null, null, null, null, null);

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
