package dev.lexguard.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.identity.IdentityConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleRuleTest {

    private static final IdentityConfig.Limits ACCOUNT = limits(5, 10, Duration.ofMinutes(15), Duration.ofDays(1), 100);

    private static IdentityConfig.Limits limits(int free, int lockAfter, Duration lock, Duration forget, int hard) {
        return new IdentityConfig.Limits() {
            public int freeFailures() {
                return free;
            }

            public int lockAfter() {
                return lockAfter;
            }

            public Duration lockDuration() {
                return lock;
            }

            public Duration forgetAfter() {
                return forget;
            }

            public int hardLimit() {
                return hard;
            }
        };
    }

    @Test
    void delaysRiseThenLockThenStopForGood() {
        assertThat(ThrottleRule.delayAfter(0, ACCOUNT)).isZero();
        assertThat(ThrottleRule.delayAfter(4, ACCOUNT)).isZero();
        assertThat(ThrottleRule.delayAfter(5, ACCOUNT)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ThrottleRule.delayAfter(6, ACCOUNT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ThrottleRule.delayAfter(9, ACCOUNT)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ThrottleRule.delayAfter(10, ACCOUNT)).isEqualTo(Duration.ofMinutes(15));
        assertThat(ThrottleRule.delayAfter(99, ACCOUNT)).isEqualTo(Duration.ofMinutes(15));
        assertThat(ThrottleRule.isHardLocked(99, ACCOUNT)).isFalse();
        assertThat(ThrottleRule.isHardLocked(100, ACCOUNT)).isTrue();
    }

    @Test
    void atMostOneHundredConsecutiveFailuresCanEverBeTried() {
        // 10 lock periods of 15 minutes an hour at best: 100 failures take days, and then nothing more is tried.
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        assertThat(ThrottleRule.wait(100, now.minus(Duration.ofDays(30)), now, ACCOUNT)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void theWaitCountsFromTheLastFailureAndAQuietPeriodForgets() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        assertThat(ThrottleRule.wait(7, now.minusSeconds(1), now, ACCOUNT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(ThrottleRule.wait(7, now.minusSeconds(5), now, ACCOUNT)).isNegative();
        assertThat(ThrottleRule.wait(12, now.minus(Duration.ofDays(2)), now, ACCOUNT)).isZero();
    }
}
