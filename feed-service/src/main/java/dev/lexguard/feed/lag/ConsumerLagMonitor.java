package dev.lexguard.feed.lag;

import dev.lexguard.feed.FeedConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The feed's consumer lag: per topic, the records published but not yet consumed by the feed's group
 * ({@code lexguard_feed_consumer_lag{topic=...}} in /q/metrics). Measured with the Kafka admin client on a thread of
 * its own every {@code lexguard.feed.lag-interval}; -1 until the first measurement.
 */
@ApplicationScoped
public class ConsumerLagMonitor {

    private final FeedConfig config;
    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private Admin admin;

    public ConsumerLagMonitor(FeedConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.registry = registry;
        this.kafka = Map.copyOf(kafka);
    }

    void start(@Observes StartupEvent ignored) {
        for (String topic : config.topics()) {
            AtomicLong value = lag.computeIfAbsent(topic, t -> new AtomicLong(-1));
            Gauge.builder("lexguard.feed.consumer.lag", value, AtomicLong::get).tag("topic", topic)
                    .description("Records on the topic not yet consumed by the feed").register(registry);
        }
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "feed-lag-monitor");
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        admin = Admin.create(settings);
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "feed-lag-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.lagInterval().toMillis();
        executor.scheduleWithFixedDelay(this::measure, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (admin != null) {
            admin.close();
        }
    }

    /** The last measured lag of a topic (-1 before the first measurement). */
    public long lag(String topic) {
        AtomicLong value = lag.get(topic);
        return value == null ? -1 : value.get();
    }

    void measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(config.topics()).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()),
                    OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> perTopic = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long behind = end.offset() - (done == null ? 0 : done.offset());
                perTopic.merge(partition.topic(), Math.max(0, behind), Long::sum);
            });
            perTopic.forEach((topic, value) -> lag.computeIfAbsent(topic, t -> new AtomicLong()).set(value));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A topic that does not exist yet, or the broker being away, only delays the measurement.
            Log.debugf("consumer lag not measured: %s", e.getMessage());
        }
    }
}
