package dev.lexguard.platform.events;

import static org.awaitility.Awaitility.await;

import dev.lexguard.devstack.KafkaAccess;
import dev.lexguard.devstack.KafkaTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a plain KafkaConsumer (no group), accumulating what it saw. */
final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    private boolean assigned;

    /** Reads as the test service for its events topic, as the administrator for dead letters. */
    TopicProbe(String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(KafkaTestClients.as(topic.endsWith(".events")
                ? TestBusResource.PRINCIPAL : KafkaAccess.ADMIN));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
    }

    /** Polls once and returns everything seen so far, in topic order per partition. */
    List<ConsumerRecord<String, String>> poll() {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(seen);
            }
            List<TopicPartition> assignment = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            assigned = true;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Everything up to the partitions' current end offsets. */
    List<ConsumerRecord<String, String>> readToEnd() {
        poll();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                .until(() -> {
                    List<ConsumerRecord<String, String>> records = poll();
                    boolean atEnd = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    return atEnd ? records : null;
                }, records -> records != null);
    }

    /** Records with the given key (a firm id), polling until {@code done} holds for them. */
    List<ConsumerRecord<String, String>> awaitKey(String key, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> poll().stream().filter(r -> key.equals(r.key())).toList(), done);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
