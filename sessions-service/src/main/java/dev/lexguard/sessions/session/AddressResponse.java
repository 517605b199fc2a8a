package dev.lexguard.sessions.session;

import java.time.Instant;

/** An address a session was used from. */
public record AddressResponse(String ip, String countryCode, String city, Long asn, Instant firstSeenAt, Instant lastSeenAt) {

    static AddressResponse of(SessionIp ip) {
        return new AddressResponse(ip.ip(), ip.countryCode(), ip.city(), ip.asn(), ip.firstSeenAt(), ip.lastSeenAt());
    }
}
