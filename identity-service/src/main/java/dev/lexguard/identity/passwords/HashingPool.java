package dev.lexguard.identity.passwords;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The only place passwords are hashed: a fixed number of dedicated threads behind a bounded queue.
 * A flood of sign-ins cannot grow memory (each Argon2 run holds ~19 MiB): work beyond the queue is refused
 * at once with 429. The result is delivered back on the caller's Vert.x context, so the reactive database
 * session can carry on there.
 */
@ApplicationScoped
public class HashingPool {

    static final String THREAD_PREFIX = "lexguard-password-hashing-";

    private final ThreadPoolExecutor executor;

    @Inject
    public HashingPool(IdentityConfig config) {
        this(config.hashingPool().threads(), config.hashingPool().queueSize());
    }

    public HashingPool(int threads, int queueSize) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            try {
                executor.execute(() -> {
                    try {
                        T result = work.get();
                        onContext(context, () -> emitter.complete(result));
                    } catch (RuntimeException | Error e) {
                        onContext(context, () -> emitter.fail(e));
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new TooManyRequestsProblem(Duration.ofSeconds(1),
                        "The service is busy; retry shortly"));
            }
        });
    }

    /** Tasks waiting for a thread (for metrics and tests). */
    public int queued() {
        return executor.getQueue().size();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
