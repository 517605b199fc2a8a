package dev.lexguard.sessions.risk;

import java.time.Instant;
import java.util.UUID;

/**
 * The user's sign-in before this one, to measure travel from. {@code point} may be unknown (null); the
 * country and city only describe it (for the unusual sign-in event).
 */
public record PreviousSignIn(UUID sessionId, Instant at, GeoPoint point, String countryCode, String city) {
}
