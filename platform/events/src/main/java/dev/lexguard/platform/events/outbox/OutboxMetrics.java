package dev.lexguard.platform.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's meters. The gauges hold values the relay thread measures after each batch, so a scrape
 * never queries the database.
 */
@Singleton
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private final List<Meter> meters = new ArrayList<>();
    private Counter published;
    private Counter publishFailures;

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @PostConstruct
    void register() {
        meters.add(Gauge.builder("lexguard.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .baseUnit("events")
                .register(registry));
        meters.add(Gauge.builder("lexguard.outbox.oldest.pending.age", oldestPendingAgeSeconds, AtomicLong::get)
                .description("Age of the oldest pending outbox row")
                .baseUnit("seconds")
                .register(registry));
        published = Counter.builder("lexguard.outbox.published")
                .description("Events the relay published and Kafka acknowledged")
                .baseUnit("events")
                .register(registry);
        publishFailures = Counter.builder("lexguard.outbox.publish.failures")
                .description("Relay batches that Kafka did not fully acknowledge")
                .register(registry);
        meters.add(published);
        meters.add(publishFailures);
    }

    // A restarted application (dev-mode reload, test restarts) may keep the registry: a gauge left
    // behind would point at this instance's values forever and hide the new instance's gauge.
    @PreDestroy
    void unregister() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    void published(int events) {
        published.increment(events);
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void backlog(long pendingRows, long oldestAgeSeconds) {
        pending.set(pendingRows);
        oldestPendingAgeSeconds.set(oldestAgeSeconds);
    }
}
