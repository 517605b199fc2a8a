package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.revocation.RevocationList;
import dev.lexguard.gateway.tokens.VerifiedToken;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streamed answers ({@code text/event-stream}) the gateway is passing through, with the token that opened each.
 * A token is checked against the {@link RevocationList} when its request arrives; a stream outlives that moment, so
 * every {@value #CHECK_MILLIS} ms each open stream's token is checked again and a revoked one's stream is closed on
 * its own event loop: within a second of the revocation reaching the gateway, not at the token's expiry.
 */
@ApplicationScoped
public class OpenStreams {

    static final long CHECK_MILLIS = 200;

    private final RevocationList revocations;
    private final Vertx vertx;
    private final Map<Object, Open> streams = new ConcurrentHashMap<>();
    private long timer = -1;

    public OpenStreams(RevocationList revocations, Vertx vertx) {
        this.revocations = revocations;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(CHECK_MILLIS, id -> sweep());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Follows a stream until {@link #closed}; {@code close} runs on the caller's event loop if its token is revoked. */
    void opened(Object key, VerifiedToken token, Runnable close) {
        streams.put(key, new Open(token, Vertx.currentContext(), close));
    }

    void closed(Object key) {
        streams.remove(key);
    }

    public int size() {
        return streams.size();
    }

    private void sweep() {
        streams.forEach((key, open) -> {
            if (revocations.check(open.token()) != null && streams.remove(key) != null) {
                open.context().runOnContext(v -> open.close().run());
            }
        });
    }

    private record Open(VerifiedToken token, Context context, Runnable close) {
    }
}
