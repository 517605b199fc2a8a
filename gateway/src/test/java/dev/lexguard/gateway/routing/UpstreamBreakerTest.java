package dev.lexguard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamBreakerTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    /** Three failures within ten seconds open it; it stays open for 30 seconds. */
    private final UpstreamBreaker breaker = new UpstreamBreaker(3, 10_000, 30_000, now::get);

    @Test
    void failuresWithinTheWindowOpenIt() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNot() {
        fail(2);
        advance(Duration.ofSeconds(11));
        fail(2);
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.CLOSED);
        // now the last three failures all happened at 11 s: within ten seconds of each other
        fail(1);
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.OPEN);
    }

    @Test
    void successesInBetweenDoNotResetTheCountWhileClosed() {
        fail(1);
        breaker.succeeded();
        fail(1);
        breaker.succeeded();
        fail(1);
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.OPEN);
    }

    @Test
    void afterTheResetTimeoutExactlyOneProbeGoesThroughAndItsSuccessClosesIt() {
        fail(3);
        advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).as("the probe").isTrue();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("others while the probe runs").isFalse();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        // closed again with a clean count: one failure does not reopen it
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.CLOSED);
    }

    @Test
    void aFailedProbeOpensItForAnotherResetTimeout() {
        fail(3);
        advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.OPEN);
        advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aProbeWhoseClientWentAwayPassesTheTurnOn() {
        fail(3);
        advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.released();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("the next probe").isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.CLOSED);
    }

    @Test
    void lateReportsFromRequestsStartedBeforeItOpenedChangeNothing() {
        fail(3);
        breaker.failed();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(UpstreamBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failed();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
