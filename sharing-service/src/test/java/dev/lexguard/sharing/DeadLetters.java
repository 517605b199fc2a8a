package dev.lexguard.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads lexguard.sharing.dlq from the beginning for the record of one event and returns its dead-letter reason.
 * Records are matched as text: the topic also holds records that are not JSON at all (that is why they are there).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static String reasonFor(UUID eventId, Duration patience) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            long deadline = System.nanoTime() + patience.toNanos();
            boolean assigned = false;
            while (System.nanoTime() < deadline) {
                if (!assigned) {
                    var partitions = consumer.partitionsFor("lexguard.sharing.dlq", Duration.ofSeconds(2));
                    if (partitions != null && !partitions.isEmpty()) {
                        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                        consumer.assign(all);
                        consumer.seekToBeginning(all);
                        assigned = true;
                    }
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() != null && record.value().contains(eventId.toString())) {
                        return Optional.ofNullable(record.headers().lastHeader("dead-letter-reason")).map(Header::value)
                                .map(v -> new String(v, StandardCharsets.UTF_8)).orElse("");
                    }
                }
            }
            throw new AssertionError("no dead letter for event " + eventId + " within " + patience);
        }
    }
}
