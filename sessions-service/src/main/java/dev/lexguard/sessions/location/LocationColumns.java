package dev.lexguard.sessions.location;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A {@link GeoLocation} as the columns a session and a sign-in both store it in. */
@Embeddable
public class LocationColumns {

    @Column(name = "country_code")
    private String countryCode;

    private String country;

    private String city;

    private Double latitude;

    private Double longitude;

    private Long asn;

    private String network;

    protected LocationColumns() {
    }

    public LocationColumns(GeoLocation location) {
        this.countryCode = location.countryCode();
        this.country = location.country();
        this.city = location.city();
        this.latitude = location.latitude();
        this.longitude = location.longitude();
        this.asn = location.asn();
        this.network = location.network();
    }

    /** The location; Hibernate loads columns that are all null as a null embeddable, which is an unknown place. */
    public static GeoLocation location(LocationColumns columns) {
        return columns == null ? GeoLocation.UNKNOWN
                : new GeoLocation(columns.countryCode, columns.country, columns.city, columns.latitude, columns.longitude,
                        columns.asn, columns.network);
    }
}
