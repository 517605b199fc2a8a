package dev.lexguard.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), now::get);

    @Test
    void burstUpToTheLimitThenRefused() {
        assertThat(limiter.acquire("a").remaining()).isEqualTo(2);
        assertThat(limiter.acquire("a").remaining()).isEqualTo(1);
        assertThat(limiter.acquire("a").remaining()).isEqualTo(0);
        RateLimiter.Decision refused = limiter.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.resetSeconds()).isEqualTo(60);
        assertThat(limiter.acquire("b").allowed()).isTrue();
    }

    @Test
    void tokensComeBackOverTime() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a").allowed()).isFalse();
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
    }
}
