package dev.lexguard.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads lexguard.permissions.events from the beginning with a plain KafkaConsumer, as a subscriber would. */
public final class PermissionsTopic implements AutoCloseable {

    public static final String TOPIC = "lexguard.permissions.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> seen = new ArrayList<>();
    private boolean assigned;

    public PermissionsTopic() {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private List<JsonNode> poll() {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(2));
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(seen);
            }
            List<TopicPartition> assignment = partitions.stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            assigned = true;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                JsonNode event = JSON.readTree(record.value());
                if (!event.path("firmid").asText().equals(record.key())) {
                    throw new AssertionError("record key is not the event's firm id: " + record.key());
                }
                seen.add(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(seen);
    }

    /** Waits until an event of {@code type} matching {@code filter} arrives, and returns it. */
    public JsonNode await(String type, Predicate<JsonNode> filter) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> poll().stream().filter(e -> type.equals(e.path("type").asText())).filter(filter)
                        .findFirst().orElse(null), e -> e != null);
    }

    /** Every event of the firm seen so far, in topic order (call after an await so the topic has caught up). */
    public List<JsonNode> forFirm(String firmId) {
        return poll().stream().filter(e -> firmId.equals(e.path("firmid").asText())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
