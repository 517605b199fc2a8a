package dev.lexguard.platform.web.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a reactive service call on a Vert.x context of its own (as a request or a scheduled job would: its own
 * Hibernate Reactive session and connection) and waits for it; a test thread calls services this way.
 */
public final class OnVertx {

    private OnVertx() {
    }

    public static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
