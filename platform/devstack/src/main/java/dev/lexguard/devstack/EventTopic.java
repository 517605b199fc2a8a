package dev.lexguard.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a LexGuard events topic with a plain KafkaConsumer, as a subscriber would, for services' tests that
 * assert the events they produced. The topics of a shared devstack only grow (every run of every service's tests
 * adds to them) and other tests put deliberately broken records on them, so the reader starts at the events of
 * the last minutes and, given the producing service's CloudEvents {@code source}, keeps only that service's
 * events; records that are not JSON are skipped. Every kept record is checked: its key must be the event's firm
 * id. Services' tests extend it with their topic's name and source.
 */
public class EventTopic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration LOOK_BACK = Duration.ofMinutes(15);

    private final String topic;
    private final String source;
    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> seen = new ArrayList<>();
    private boolean assigned;

    /** Every event on the topic, whatever its source, read as {@link KafkaTestClients#asReaderOf} does. */
    public EventTopic(String topic) {
        this(KafkaTestClients.asReaderOf(topic), topic, null);
    }

    /** Only the events whose CloudEvents {@code source} is {@code source} (e.g. {@code /identity-service}). */
    public EventTopic(String topic, String source) {
        this(KafkaTestClients.asReaderOf(topic), topic, source);
    }

    /** Reads with the given client settings (broker and SASL sign-in, e.g. {@link ConnectionSettings#kafkaClientConfig}). */
    public EventTopic(Map<String, Object> clientConfig, String topic, String source) {
        this.topic = topic;
        this.source = source;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
    }

    /** Waits (60 s at most) until an event of {@code type} matching {@code filter} arrives, and returns it. */
    public JsonNode await(String type, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<JsonNode> match = poll().stream()
                    .filter(e -> type.equals(e.path("type").asText())).filter(filter).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " event matching the filter on " + topic + " within " + PATIENCE
                        + " (" + seen.size() + " events seen)");
            }
        }
    }

    /** Every event of the firm seen so far, in topic order (call after an await so the topic has caught up). */
    public List<JsonNode> forFirm(String firmId) {
        return poll().stream().filter(e -> firmId.equals(e.path("firmid").asText())).toList();
    }

    private List<JsonNode> poll() {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(seen);
            }
            List<TopicPartition> assignment = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assignment);
            // The end offsets first: an event that lands after the look-up below is at or after them.
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, Duration.ofSeconds(5));
            Map<TopicPartition, Long> since = new HashMap<>();
            long from = System.currentTimeMillis() - LOOK_BACK.toMillis();
            assignment.forEach(partition -> since.put(partition, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(5));
            for (TopicPartition partition : assignment) {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
            }
            assigned = true;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode event;
            try {
                event = JSON.readTree(record.value());
            } catch (IOException notJson) {
                continue;
            }
            if (event == null || !event.isObject() || (source != null && !source.equals(event.path("source").asText()))) {
                continue;
            }
            if (!event.path("firmid").asText().equals(record.key())) {
                throw new AssertionError("record key is not the event's firm id: " + record.key());
            }
            seen.add(event);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
