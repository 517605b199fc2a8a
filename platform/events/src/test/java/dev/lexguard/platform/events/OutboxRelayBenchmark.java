package dev.lexguard.platform.events;

import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.testapp.WidgetService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Outbox relay latency and throughput against the real PostgreSQL and Kafka. A benchmark, not a test:
 * Surefire's default includes skip it, it asserts nothing about time, and it prints its numbers.
 * Run it with
 * {@code ./mvnw -B -pl platform/events -am verify -Dtest=OutboxRelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results and the machine they came from: docs/benchmarks.md.
 */
@QuarkusTest
@QuarkusTestResource(value = TestBusResource.class, restrictToAnnotatedClass = true)
class OutboxRelayBenchmark {

    private static final String TOPIC = "lexguard.test.events";
    private static final int WARM_UP = 50;
    private static final int LATENCY_SAMPLES = 300;
    private static final int THROUGHPUT_EVENTS = 20_000;
    private static final int EVENTS_PER_TRANSACTION = 100;

    @Inject
    WidgetService widgets;

    @Test
    void commitToTopicLatencyAndThroughput() {
        try (KafkaConsumer<String, String> consumer = tailOf(TOPIC)) {
            UUID firm = UUID.randomUUID();
            for (int i = 0; i < WARM_UP; i++) {
                int sequence = i;
                UUID id = OnVertx.await(() -> widgets.create(firm, "warm-up", sequence)).id();
                awaitIds(consumer, List.of(id), new HashMap<>());
            }

            // Latency: one event per transaction, the next written only once the previous is on the topic,
            // so each sample is an idle relay woken by NOTIFY.
            long[] micros = new long[LATENCY_SAMPLES];
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                int sequence = WARM_UP + i;
                CloudEvent event = OnVertx.await(() -> widgets.create(firm, "latency", sequence));
                long committedAt = System.nanoTime();
                Map<UUID, Long> seenAt = new HashMap<>();
                awaitIds(consumer, List.of(event.id()), seenAt);
                micros[i] = (seenAt.get(event.id()) - committedAt) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("BENCHMARK outbox commit-to-topic latency, %d single-event transactions: "
                    + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", LATENCY_SAMPLES,
                    micros[LATENCY_SAMPLES / 2] / 1000.0, micros[LATENCY_SAMPLES * 95 / 100] / 1000.0,
                    micros[LATENCY_SAMPLES * 99 / 100] / 1000.0, micros[LATENCY_SAMPLES - 1] / 1000.0);

            // Throughput: many firms writing batches as fast as one client can, relay publishing behind them.
            List<UUID> ids = new ArrayList<>(THROUGHPUT_EVENTS);
            long start = System.nanoTime();
            for (int written = 0; written < THROUGHPUT_EVENTS; written += EVENTS_PER_TRANSACTION) {
                UUID batchFirm = UUID.randomUUID();
                int first = written;
                OnVertx.await(() -> widgets.createMany(batchFirm, "throughput-", first, EVENTS_PER_TRANSACTION))
                        .forEach(e -> ids.add(e.id()));
            }
            long writtenAt = System.nanoTime();
            awaitIds(consumer, ids, new HashMap<>());
            long deliveredAt = System.nanoTime();
            double writeSeconds = (writtenAt - start) / 1e9;
            double totalSeconds = (deliveredAt - start) / 1e9;
            System.out.printf("BENCHMARK outbox throughput, %d events in transactions of %d: written in %.2f s "
                    + "(%.0f events/s into the outbox), all on the topic after %.2f s (%.0f events/s end to end), "
                    + "last event %.0f ms after the last commit%n", THROUGHPUT_EVENTS, EVENTS_PER_TRANSACTION,
                    writeSeconds, THROUGHPUT_EVENTS / writeSeconds, totalSeconds, THROUGHPUT_EVENTS / totalSeconds,
                    (deliveredAt - writtenAt) / 1e6);
        }
    }

    private KafkaConsumer<String, String> tailOf(String topic) {
        // read as the service would: the bus's authentication and ACL checks are part of what is measured
        Map<String, Object> config = new HashMap<>(KafkaTestClients.as(TestBusResource.PRINCIPAL));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        OnVertx.await(() -> widgets.create(UUID.randomUUID(), "creates-the-topic", 0));
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Polls until every id has been seen, recording when each arrived. */
    private static void awaitIds(KafkaConsumer<String, String> consumer, List<UUID> ids, Map<UUID, Long> seenAt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        Set<UUID> wanted = new HashSet<>(ids);
        while (!seenAt.keySet().containsAll(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seenAt.size() + " of " + wanted.size() + " events arrived");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(5))) {
                UUID id = CloudEventCodec.read(record.value()).id();
                if (wanted.contains(id)) {
                    seenAt.putIfAbsent(id, System.nanoTime());
                }
            }
        }
    }
}
