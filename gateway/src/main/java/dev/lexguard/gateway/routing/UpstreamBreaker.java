package dev.lexguard.gateway.routing;

import java.util.function.LongSupplier;

/**
 * One upstream's circuit breaker. Closed, it lets everything through and counts failures (connect failures,
 * timeouts, the upstream's own 502/503/504) in a rolling window; {@code maxFailures} of them within the window
 * open it. Open, it refuses every request until {@code resetTimeout} has passed, then lets exactly one probe
 * through (half-open): the probe's success closes it, its failure opens it again.
 *
 * <p>The gateway used Vert.x's circuit breaker before; it hands every completion back to the event loop as a
 * new task ({@code runOnContext}) and allocates several promises per request, a measurable share of a
 * forwarded request. This one is called inline on the loop that forwards the request; its state is
 * guarded by the object's lock (a few field reads per request; the upstreams' loops rarely contend).
 */
public final class UpstreamBreaker {

    /** The breaker's states, as exposed by the {@code lexguard_gateway_circuit_open} gauge. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int maxFailures;
    private final long windowNanos;
    private final long resetTimeoutNanos;
    private final LongSupplier clock;
    /** Times of the recent failures, a ring of {@code maxFailures} entries. */
    private final long[] failures;
    private int next;
    private int recorded;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean probing;

    public UpstreamBreaker(int maxFailures, long windowMillis, long resetTimeoutMillis) {
        this(maxFailures, windowMillis, resetTimeoutMillis, System::nanoTime);
    }

    UpstreamBreaker(int maxFailures, long windowMillis, long resetTimeoutMillis, LongSupplier clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = windowMillis * 1_000_000L;
        this.resetTimeoutNanos = resetTimeoutMillis * 1_000_000L;
        this.clock = clock;
        this.failures = new long[maxFailures];
    }

    /**
     * Whether a request may go to the upstream now. A {@code true} obliges the caller to report the outcome
     * with {@link #succeeded()} or {@link #failed()}: in the half-open state it is the one probe.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.getAsLong() - openedAt < resetTimeoutNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                probing = true;
                return true;
            default:
                if (probing) {
                    return false;
                }
                probing = true;
                return true;
        }
    }

    public synchronized void succeeded() {
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
            probing = false;
            recorded = 0;
        }
    }

    /**
     * The request ended without telling anything about the upstream (the client went away first): a probe's
     * turn passes to the next request.
     */
    public synchronized void released() {
        if (state == State.HALF_OPEN) {
            probing = false;
        }
    }

    public synchronized void failed() {
        long now = clock.getAsLong();
        if (state == State.HALF_OPEN) {
            open(now);
            return;
        }
        if (state == State.OPEN) {
            return;
        }
        failures[next] = now;
        next = (next + 1) % maxFailures;
        recorded = Math.min(recorded + 1, maxFailures);
        // the ring holds the last maxFailures failures: the oldest is at `next` once it is full
        if (recorded == maxFailures && now - failures[next] <= windowNanos) {
            open(now);
        }
    }

    private void open(long now) {
        state = State.OPEN;
        openedAt = now;
        probing = false;
        recorded = 0;
    }

    public synchronized State state() {
        return state;
    }
}
