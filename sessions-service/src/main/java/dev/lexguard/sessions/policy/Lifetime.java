package dev.lexguard.sessions.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Idle and absolute lifetime in minutes; null means no limit. A session idle longer than {@code idleMinutes}
 * or older than {@code absoluteMinutes} is ended (ASVS 3.3.2: e.g. 30 minutes idle and 12 hours absolute).
 */
public record Lifetime(@Min(1) @Max(MAX_MINUTES) Integer idleMinutes, @Min(1) @Max(MAX_MINUTES) Integer absoluteMinutes) {

    /** 90 days. */
    public static final int MAX_MINUTES = 129_600;

    public boolean idleExceedsAbsolute() {
        return idleMinutes != null && absoluteMinutes != null && idleMinutes > absoluteMinutes;
    }
}
