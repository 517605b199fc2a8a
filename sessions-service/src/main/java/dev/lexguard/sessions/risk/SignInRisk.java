package dev.lexguard.sessions.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The unusual sign-in rules, pure and deterministic:
 * <ul>
 * <li>new device, new country, new network (ASN): something this user has not signed in from before, once
 * the user is past the learning period (their first week), so a new user is not flagged for everything;</li>
 * <li>impossible travel: the distance (haversine) from the previous sign-in's location, over the time between
 * the two, is faster than {@link RiskPolicy#maxSpeedKmh()}. This one applies from the second sign-in on.</li>
 * </ul>
 * An unknown fact (no GeoIP data, no user agent) never makes a sign-in unusual.
 */
public final class SignInRisk {

    /** Sign-ins within the same second count as one second apart (speed stays finite). */
    private static final double MIN_HOURS = 1.0 / 3600;

    private SignInRisk() {
    }

    public static RiskAssessment assess(SignInAttempt attempt, SignInHistory history, RiskPolicy policy) {
        List<UnusualReason> reasons = new ArrayList<>();
        boolean established = history.firstSignInAt() != null
                && !attempt.at().isBefore(history.firstSignInAt().plus(policy.learningPeriod()));
        if (established) {
            if (attempt.deviceKey() != null && !history.deviceKeys().contains(attempt.deviceKey())) {
                reasons.add(UnusualReason.NEW_DEVICE);
            }
            if (attempt.countryCode() != null && !history.countries().contains(attempt.countryCode())) {
                reasons.add(UnusualReason.NEW_COUNTRY);
            }
            if (attempt.asn() != null && !history.networks().contains(attempt.asn())) {
                reasons.add(UnusualReason.NEW_NETWORK);
            }
        }
        PreviousSignIn previous = history.previous();
        Double speed = null;
        if (previous != null && previous.point() != null && attempt.point() != null) {
            double distance = previous.point().distanceKm(attempt.point());
            double hours = Math.max(MIN_HOURS, Math.abs(Duration.between(previous.at(), attempt.at()).toMillis()) / 3_600_000.0);
            speed = distance / hours;
            if (distance >= policy.minDistanceKm() && speed > policy.maxSpeedKmh()) {
                reasons.add(UnusualReason.IMPOSSIBLE_TRAVEL);
            }
        }
        return new RiskAssessment(reasons, speed == null ? null : previous, speed);
    }
}
