package dev.lexguard.gateway.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.tokens.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RevocationListTest {

    /** identity's default access token lifetime (10 minutes) + the gateway's default clock skew (30 s). */
    private static final Duration LIFETIME_AND_SKEW = Duration.ofMinutes(10).plusSeconds(30);
    private static final Instant REVOKED = Instant.parse("2026-11-29T12:00:00Z");

    private final MovableClock clock = new MovableClock(REVOKED);
    private final RevocationList list = new RevocationList(LIFETIME_AND_SKEW, clock);
    private final UUID firm = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    private VerifiedToken token(UUID session, Instant start) {
        return new VerifiedToken(firm, user, session, false, start, start.plusSeconds(600));
    }

    private VerifiedToken expiringAt(UUID session, Instant exp) {
        return new VerifiedToken(firm, user, session, false, REVOKED.minusSeconds(60), exp);
    }

    @Test
    void sameSecondAsTheWatermarkIsRefused() {
        Instant watermark = Instant.parse("2026-11-29T12:00:00.500Z");
        list.userWatermark(firm, user, watermark, null);
        // auth_time has whole seconds: 12:00:00 may have been 12:00:00.3 (before) or 12:00:00.7 (after)
        assertThat(list.check(token(UUID.randomUUID(), Instant.parse("2026-11-29T12:00:00Z")))).isEqualTo("user-watermark");
        assertThat(list.check(token(UUID.randomUUID(), Instant.parse("2026-11-29T12:00:01Z")))).isNull();
    }

    @Test
    void everyWatermarkCountsNotOnlyTheLatest() {
        UUID keptFirst = UUID.randomUUID();
        UUID keptSecond = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-29T11:00:00Z");
        list.userWatermark(firm, user, Instant.parse("2026-11-29T12:00:00Z"), keptFirst);
        list.userWatermark(firm, user, Instant.parse("2026-11-29T12:05:00Z"), keptSecond);
        assertThat(list.check(token(keptFirst, start))).isEqualTo("user-watermark");
        assertThat(list.check(token(keptSecond, start))).isEqualTo("user-watermark");
    }

    @Test
    void entriesAreKeptUntilTheLastTokenTheyRefuseHasExpired() {
        UUID session = UUID.randomUUID();
        list.sessionEnded(session, REVOKED);
        list.userWatermark(firm, user, REVOKED, null);
        list.firmWatermark(firm, REVOKED, null);
        // a token issued just before the revocation expires at most lifetime + skew later
        VerifiedToken lastValid = expiringAt(session, REVOKED.plus(Duration.ofMinutes(10)));

        clock.set(REVOKED.plus(LIFETIME_AND_SKEW).minusSeconds(1));
        list.prune();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.check(lastValid)).isEqualTo("session-ended");

        clock.set(REVOKED.plus(LIFETIME_AND_SKEW).plusSeconds(1));
        list.prune();
        assertThat(list.size()).isZero();
    }

    @Test
    void identityEndingTheSessionLaterMovesTheBound() {
        UUID session = UUID.randomUUID();
        list.sessionEnded(session, REVOKED);
        // identity learnt of the revocation 5 minutes late and may have refreshed the session until then
        list.sessionEnded(session, REVOKED.plus(Duration.ofMinutes(5)));
        list.sessionEnded(session, REVOKED.plusSeconds(10));

        clock.set(REVOKED.plus(Duration.ofMinutes(15)));
        list.prune();
        assertThat(list.check(expiringAt(session, REVOKED.plus(Duration.ofMinutes(15))))).isEqualTo("session-ended");
        clock.set(REVOKED.plus(Duration.ofMinutes(5)).plus(LIFETIME_AND_SKEW).plusSeconds(1));
        list.prune();
        assertThat(list.size()).isZero();
    }

    @Test
    void aRevokedTokenThatOutlivesTheBoundStaysRefusedUntilItsOwnExpiry() {
        UUID session = UUID.randomUUID();
        list.sessionEnded(session, REVOKED);
        VerifiedToken longLived = expiringAt(session, REVOKED.plus(Duration.ofMinutes(20)));
        assertThat(list.check(longLived)).isEqualTo("session-ended");

        clock.set(REVOKED.plus(Duration.ofMinutes(15)));
        list.prune();
        assertThat(list.check(longLived)).isEqualTo("session-ended");

        clock.set(REVOKED.plus(Duration.ofMinutes(20)).plusSeconds(1));
        list.prune();
        assertThat(list.size()).isZero();
    }

    @Test
    void theListHoldsOnlyWhatIsYoungerThanTheBound() {
        for (int minute = 0; minute < 60; minute++) {
            Instant at = REVOKED.plus(Duration.ofMinutes(minute));
            clock.set(at);
            for (int i = 0; i < 100; i++) {
                list.sessionEnded(UUID.randomUUID(), at);
            }
            list.userWatermark(firm, UUID.randomUUID(), at, null);
            list.prune();
        }
        // revocations of the last 10.5 minutes: minutes 49..59, 101 entries each
        assertThat(list.size()).isEqualTo(11 * 101);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
