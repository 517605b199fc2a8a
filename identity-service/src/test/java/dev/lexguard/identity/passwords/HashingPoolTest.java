package dev.lexguard.identity.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

    @Test
    void workRunsOnTheDedicatedThreads() {
        HashingPool pool = new HashingPool(1, 1);
        String thread = pool.submit(() -> Thread.currentThread().getName()).await().atMost(Duration.ofSeconds(5));
        assertThat(thread).startsWith(HashingPool.THREAD_PREFIX);
        pool.stop();
    }

    @Test
    void workBeyondTheQueueIsRefusedAtOnceWith429() throws Exception {
        HashingPool pool = new HashingPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Integer> busy = pool.submit(() -> {
            running.countDown();
            await(release);
            return 1;
        }).subscribeAsCompletionStage();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = pool.submit(() -> 2).subscribeAsCompletionStage();
        assertThat(pool.queued()).isEqualTo(1);

        Uni<Integer> overflow = pool.submit(() -> 3);
        assertThatThrownBy(() -> overflow.await().atMost(Duration.ofSeconds(1)))
                .isInstanceOf(TooManyRequestsProblem.class)
                .satisfies(e -> assertThat(((TooManyRequestsProblem) e).retryAfterSeconds()).isEqualTo(1));

        release.countDown();
        assertThat(busy.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(pool.submit(() -> 4).await().atMost(Duration.ofSeconds(5))).isEqualTo(4);
        pool.stop();
    }

    @Test
    void aFailingTaskFailsItsUniAndThePoolCarriesOn() {
        HashingPool pool = new HashingPool(1, 1);
        assertThatThrownBy(() -> pool.submit(() -> {
            throw new IllegalStateException("boom");
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class);
        assertThat(pool.submit(() -> "ok").await().atMost(Duration.ofSeconds(5))).isEqualTo("ok");
        pool.stop();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
