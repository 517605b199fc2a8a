package dev.lexguard.sessions.risk;

import java.time.Duration;

/**
 * The thresholds of the unusual sign-in rules.
 *
 * @param learningPeriod new device, country and network count only once the user's first sign-in is this old
 * @param maxSpeedKmh    faster than this between two sign-ins is impossible travel
 * @param minDistanceKm  closer than this is never impossible travel (GeoIP is city-level at best)
 */
public record RiskPolicy(Duration learningPeriod, double maxSpeedKmh, double minDistanceKm) {

    public static final RiskPolicy DEFAULT = new RiskPolicy(Duration.ofDays(7), 900, 100);
}
