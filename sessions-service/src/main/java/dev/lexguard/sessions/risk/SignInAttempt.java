package dev.lexguard.sessions.risk;

import java.time.Instant;

/** The facts of one successful sign-in that the rules look at; any of them but the time may be unknown (null). */
public record SignInAttempt(Instant at, String deviceKey, String countryCode, Long asn, GeoPoint point) {
}
