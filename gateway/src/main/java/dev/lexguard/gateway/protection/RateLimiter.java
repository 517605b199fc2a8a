package dev.lexguard.gateway.protection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: {@code requests} per {@code period}, refilled continuously, bursting up to
 * {@code requests}. Buckets that have refilled completely are dropped, so memory follows the active keys.
 */
public final class RateLimiter {

    private final int capacity;
    private final long periodNanos;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();
    private final String limitHeader;
    private final String policyHeader;
    private volatile long lastSweep;

    public RateLimiter(int requests, Duration period) {
        this(requests, period, System::nanoTime);
    }

    RateLimiter(int requests, Duration period, LongSupplier nanoClock) {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least one request");
        }
        this.capacity = requests;
        this.periodNanos = period.toNanos();
        this.refillPerNano = (double) requests / periodNanos;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
        this.limitHeader = Integer.toString(requests);
        this.policyHeader = requests + ";w=" + periodSeconds();
    }

    /** Takes one request from {@code key}'s bucket; keys are compared with {@code equals} (strings, records). */
    public Decision acquire(Object key) {
        long now = nanoClock.getAsLong();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, refillPerNano);
            long resetNanos = (long) ((capacity - bucket.tokens) / refillPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                long reset = (long) ((capacity - bucket.tokens) / refillPerNano);
                return new Decision(true, capacity, (int) Math.floor(bucket.tokens), seconds(reset), 0);
            }
            long retryAfter = (long) ((1 - bucket.tokens) / refillPerNano);
            return new Decision(false, capacity, 0, seconds(resetNanos), Math.max(1, seconds(retryAfter)));
        }
    }

    public int limit() {
        return capacity;
    }

    /** The {@code RateLimit-Limit} header's value (made once, not for every request). */
    public String limitHeader() {
        return limitHeader;
    }

    /** The {@code RateLimit-Policy} header's value, e.g. {@code 1200;w=60}. */
    public String policyHeader() {
        return policyHeader;
    }

    public long periodSeconds() {
        return Math.max(1, Duration.ofNanos(periodNanos).toSeconds());
    }

    private void sweep(long now) {
        if (now - lastSweep < periodNanos) {
            return;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, capacity, refillPerNano);
                return e.getValue().tokens >= capacity;
            }
        });
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** The outcome: whether to serve the request, and what the RateLimit headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        private Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        private void refill(long now, int capacity, double perNano) {
            if (now > updated) {
                tokens = Math.min(capacity, tokens + (now - updated) * perNano);
                updated = now;
            }
        }
    }
}
