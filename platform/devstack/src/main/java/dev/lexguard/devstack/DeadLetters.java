package dev.lexguard.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dead-letter topic ({@code lexguard.<service>.dlq}) from the beginning, as an operator would (the
 * administrator: integrators may not read dead letters), for the record of one event, and returns its
 * {@code dead-letter-reason}. Records are matched as text: the topic also holds records that are not JSON at all
 * (that is why they are there). For a {@code @QuarkusTest} using {@link DevStackResource}.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static String reasonFor(String topic, UUID eventId, Duration patience) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTestClients.asReaderOf(topic),
                new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + patience.toNanos();
            boolean assigned = false;
            while (System.nanoTime() < deadline) {
                if (!assigned) {
                    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
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
            throw new AssertionError("no dead letter for event " + eventId + " on " + topic + " within " + patience);
        }
    }
}
