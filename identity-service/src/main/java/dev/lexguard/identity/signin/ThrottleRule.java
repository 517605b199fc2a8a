package dev.lexguard.identity.signin;

import dev.lexguard.identity.IdentityConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the next attempt must wait after {@code failures} failures, the last at {@code lastFailure}:
 * nothing for the first few, then 1 s, 2 s, 4 s ... up to a temporary lock, and with a hard limit no
 * attempt at all (until a password reset clears the counter). A quiet period forgets the counter.
 */
public final class ThrottleRule {

    /** Effectively "until reset": what Retry-After says for a hard-locked account. */
    public static final Duration HARD_LOCK = Duration.ofDays(1);

    private ThrottleRule() {
    }

    public static Duration delayAfter(int failures, IdentityConfig.Limits limits) {
        if (limits.hardLimit() > 0 && failures >= limits.hardLimit()) {
            return HARD_LOCK;
        }
        if (failures < limits.freeFailures()) {
            return Duration.ZERO;
        }
        if (failures >= limits.lockAfter()) {
            return limits.lockDuration();
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(30, failures - limits.freeFailures()));
        return delay.compareTo(limits.lockDuration()) > 0 ? limits.lockDuration() : delay;
    }

    /** Time left before the next attempt is allowed; zero or negative means go ahead. */
    public static Duration wait(int failures, Instant lastFailure, Instant now, IdentityConfig.Limits limits) {
        boolean hardLocked = limits.hardLimit() > 0 && failures >= limits.hardLimit();
        if (!hardLocked && lastFailure.plus(limits.forgetAfter()).isBefore(now)) {
            return Duration.ZERO;
        }
        if (hardLocked) {
            return HARD_LOCK;
        }
        return Duration.between(now, lastFailure.plus(delayAfter(failures, limits)));
    }

    public static boolean isHardLocked(int failures, IdentityConfig.Limits limits) {
        return limits.hardLimit() > 0 && failures >= limits.hardLimit();
    }
}
