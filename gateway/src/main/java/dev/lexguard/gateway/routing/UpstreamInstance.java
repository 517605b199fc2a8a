package dev.lexguard.gateway.routing;

import java.util.function.LongSupplier;

/**
 * One instance (replica) of an upstream service: where it listens, and until when it is passed over because it
 * refused a connection. The mark is a hint, not a verdict: when every instance is marked, they are tried anyway.
 */
public final class UpstreamInstance {

    private final String host;
    private final int port;
    private final long downForNanos;
    private final LongSupplier clock;
    private volatile long downUntil;
    private volatile boolean down;

    UpstreamInstance(String host, int port, long downForMillis, LongSupplier clock) {
        this.host = host;
        this.port = port;
        this.downForNanos = downForMillis * 1_000_000L;
        this.clock = clock;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Passes this instance over for the configured time. */
    void markDown() {
        downUntil = clock.getAsLong() + downForNanos;
        down = true;
    }

    boolean isDown() {
        if (!down) {
            return false;
        }
        if (clock.getAsLong() - downUntil >= 0) {
            down = false;
            return false;
        }
        return true;
    }
}
