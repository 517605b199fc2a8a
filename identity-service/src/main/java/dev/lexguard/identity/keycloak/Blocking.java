package dev.lexguard.identity.keycloak;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs blocking work (the Keycloak admin client, HTTP calls to a realm) on the worker pool and comes back to the
 * caller's Vert.x context, so the reactive transaction that follows runs where Hibernate Reactive expects it.
 */
final class Blocking {

    private Blocking() {
    }

    static <T> Uni<T> call(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? onWorker : onWorker.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
