package dev.lexguard.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts several jobs at the same moment, each on its own thread, as replicas of a service would run them: a test
 * uses it to show that what two processes do side by side against one database happens once.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /** The jobs' results in their order, once all have finished (at most a minute); the first failure is thrown. */
    @SafeVarargs
    public static <T> List<T> run(Callable<T>... jobs) throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService threads = Executors.newFixedThreadPool(jobs.length);
        try {
            CountDownLatch ready = new CountDownLatch(jobs.length);
            List<Future<T>> runs = new ArrayList<>();
            for (Callable<T> job : jobs) {
                runs.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return job.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> run : runs) {
                results.add(run.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
