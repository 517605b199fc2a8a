package dev.lexguard.platform.web.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** 429 with a Retry-After header in whole seconds (rounded up, at least 1). */
public final class TooManyRequestsProblem extends ProblemException {

    public static final String SLUG = "too-many-requests";

    private final Duration retryAfter;

    public TooManyRequestsProblem(Duration retryAfter) {
        this(retryAfter, "Too many requests; retry later");
    }

    public TooManyRequestsProblem(Duration retryAfter, String detail) {
        super(429, SLUG, "Too many requests", detail, List.of());
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or positive");
        }
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds()));
    }
}
