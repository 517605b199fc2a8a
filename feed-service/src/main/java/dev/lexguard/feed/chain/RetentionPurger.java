package dev.lexguard.feed.chain;

import dev.lexguard.feed.FeedConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the retention purge over every firm, one firm after another, every {@code lexguard.feed.purge-interval}. */
@ApplicationScoped
public class RetentionPurger {

    private final ChainService chains;
    private final FeedConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public RetentionPurger(ChainService chains, FeedConfig config, Vertx vertx) {
        this.chains = chains;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purgeAll());
    }

    void purgeAll() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        chains.firms().onItem().transformToMulti(firms -> Multi.createFrom().iterable(firms))
                .onItem().transformToUniAndConcatenate(firm -> chains.purge(firm, null))
                .collect().asList()
                .subscribe().with(results -> running.set(false), failure -> {
                    running.set(false);
                    Log.warnf("retention purge failed: %s", failure.getMessage());
                });
    }
}
