package dev.lexguard.sessions.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignInRiskTest {

    private static final GeoPoint LONDON = new GeoPoint(51.5142, -0.0931);
    private static final GeoPoint CHANGCHUN = new GeoPoint(43.88, 125.3228);
    private static final GeoPoint BOXFORD = new GeoPoint(51.75, -1.25);
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String LAPTOP = "Chrome|Windows|desktop";
    private static final long BT = 2856L;

    private static SignInHistory establishedIn(String country, GeoPoint where, Instant previousAt) {
        return new SignInHistory(NOW.minus(Duration.ofDays(30)), Set.of(LAPTOP), Set.of(country), Set.of(BT),
                new PreviousSignIn(UUID.randomUUID(), previousAt, where, country, null));
    }

    @Test
    void haversineDistanceLondonToChangchunIsAbout8100Km() {
        assertThat(LONDON.distanceKm(CHANGCHUN)).isCloseTo(8_100, within(150.0));
        assertThat(LONDON.distanceKm(LONDON)).isZero();
        assertThat(LONDON.distanceKm(BOXFORD)).isCloseTo(82, within(5.0));
    }

    @Test
    void londonThenChangchunTenMinutesLaterIsImpossibleTravel() {
        SignInHistory history = new SignInHistory(NOW.minus(Duration.ofMinutes(10)), Set.of(LAPTOP), Set.of("GB"), Set.of(),
                new PreviousSignIn(UUID.randomUUID(), NOW.minus(Duration.ofMinutes(10)), LONDON, "GB", "London"));
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "CN", null, CHANGCHUN), history, RiskPolicy.DEFAULT);
        assertThat(risk.reasons()).containsExactly(UnusualReason.IMPOSSIBLE_TRAVEL);
        assertThat(risk.speedKmh()).isGreaterThan(40_000);
        assertThat(risk.comparedWith()).isEqualTo(history.previous());
    }

    @Test
    void theSameTripOverTwelveHoursIsPlausible() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "GB", BT, CHANGCHUN),
                establishedIn("GB", LONDON, NOW.minus(Duration.ofHours(12))), RiskPolicy.DEFAULT);
        assertThat(risk.reasons()).doesNotContain(UnusualReason.IMPOSSIBLE_TRAVEL);
        assertThat(risk.speedKmh()).isLessThan(900);
    }

    @Test
    void nearbyLocationsAreNeverImpossibleTravelHoweverQuick() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "GB", BT, BOXFORD),
                establishedIn("GB", LONDON, NOW.minusSeconds(1)), RiskPolicy.DEFAULT);
        assertThat(risk.unusual()).isFalse();
    }

    @Test
    void simultaneousSignInsFarApartAreImpossibleTravelWithAFiniteSpeed() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "GB", BT, CHANGCHUN),
                establishedIn("GB", LONDON, NOW), RiskPolicy.DEFAULT);
        assertThat(risk.reasons()).contains(UnusualReason.IMPOSSIBLE_TRAVEL);
        assertThat(risk.speedKmh()).isFinite();
    }

    @Test
    void newDeviceCountryAndNetworkAfterTheFirstWeekAreUnusual() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, "Safari|iOS|mobile", "SE", 29518L, null),
                establishedIn("GB", LONDON, NOW.minus(Duration.ofDays(2))), RiskPolicy.DEFAULT);
        assertThat(risk.reasons()).containsExactly(UnusualReason.NEW_DEVICE, UnusualReason.NEW_COUNTRY, UnusualReason.NEW_NETWORK);
        assertThat(risk.speedKmh()).isNull();
    }

    @Test
    void knownDeviceCountryAndNetworkAreUsual() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "GB", BT, LONDON),
                establishedIn("GB", LONDON, NOW.minus(Duration.ofDays(1))), RiskPolicy.DEFAULT);
        assertThat(risk.unusual()).isFalse();
        assertThat(risk.reasons()).isEmpty();
    }

    @Test
    void duringTheFirstWeekNewThingsAreNotUnusual() {
        SignInHistory young = new SignInHistory(NOW.minus(Duration.ofDays(6)), Set.of(LAPTOP), Set.of("GB"), Set.of(BT), null);
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, "Safari|iOS|mobile", "SE", 29518L, null), young,
                RiskPolicy.DEFAULT);
        assertThat(risk.unusual()).isFalse();
    }

    @Test
    void theFirstWeekEndsExactlySevenDaysAfterTheFirstSignIn() {
        SignInHistory week = new SignInHistory(NOW.minus(Duration.ofDays(7)), Set.of(LAPTOP), Set.of("GB"), Set.of(BT), null);
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "SE", BT, null), week, RiskPolicy.DEFAULT);
        assertThat(risk.reasons()).containsExactly(UnusualReason.NEW_COUNTRY);
    }

    @Test
    void theVeryFirstSignInIsNeverUnusual() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "CN", BT, CHANGCHUN), SignInHistory.NONE,
                RiskPolicy.DEFAULT);
        assertThat(risk.unusual()).isFalse();
        assertThat(risk.comparedWith()).isNull();
    }

    @Test
    void unknownFactsNeverMakeASignInUnusual() {
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, null, null, null, null),
                establishedIn("GB", LONDON, NOW.minusSeconds(60)), RiskPolicy.DEFAULT);
        assertThat(risk.unusual()).isFalse();
        assertThat(risk.speedKmh()).isNull();
    }

    @Test
    void aStricterPolicyFlagsSlowerTravel() {
        RiskPolicy strict = new RiskPolicy(Duration.ofDays(7), 500, 100);
        RiskAssessment risk = SignInRisk.assess(new SignInAttempt(NOW, LAPTOP, "GB", BT, CHANGCHUN),
                establishedIn("GB", LONDON, NOW.minus(Duration.ofHours(12))), strict);
        assertThat(risk.reasons()).containsExactly(UnusualReason.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void coordinatesOutsideTheEarthAreRefused() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(0, -181)).isInstanceOf(IllegalArgumentException.class);
    }
}
