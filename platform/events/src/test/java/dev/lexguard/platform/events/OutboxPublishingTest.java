package dev.lexguard.platform.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.devstack.InjectDevStack;
import dev.lexguard.platform.events.catalogue.InvalidEventException;
import dev.lexguard.platform.events.config.EventsConfig;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.outbox.OutboxPublisher;
import dev.lexguard.platform.events.testapp.WidgetService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestBusResource.class, restrictToAnnotatedClass = true)
class OutboxPublishingTest {

    private static final String TOPIC = "lexguard.test.events";

    @InjectDevStack
    DevStack stack;

    @Inject
    WidgetService widgets;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventsConfig config;

    private Database db;
    private TopicProbe topic;

    @BeforeEach
    void open() {
        db = new Database(dataSource);
        topic = new TopicProbe(TOPIC);
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void committedEventReachesTheTopicPromptlyWithItsEnvelope() {
        // Warm-up: the first event also creates the topic and the producer's connections.
        UUID warmUpFirm = UUID.randomUUID();
        OnVertx.await(() -> widgets.create(warmUpFirm, "warm-up", 0));
        topic.awaitKey(warmUpFirm.toString(), Duration.ofSeconds(30), records -> records.size() == 1);

        UUID firm = UUID.randomUUID();
        List<Long> latenciesMs = new ArrayList<>();
        CloudEvent last = null;
        for (int i = 1; i <= 10; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from lexguard_outbox where sent_at is null") == 0);
            int sequence = i;
            last = OnVertx.await(() -> widgets.create(firm, "prompt-" + sequence, sequence));
            Instant committed = Instant.now();
            UUID eventId = last.id();
            Object sentAt = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> db.query("select sent_at from lexguard_outbox where event_id = ?", eventId).get(0).get(0),
                            value -> value != null);
            latenciesMs.add(Duration.between(committed, ((Timestamp) sentAt).toInstant()).toMillis());
        }
        Collections.sort(latenciesMs);
        System.out.printf("RELAY LATENCY commit->acked (ms, 10 idle events, poll interval 1s): min %d, median %d, max %d%n",
                latenciesMs.get(0), latenciesMs.get(5), latenciesMs.get(9));
        assertThat(latenciesMs.get(9)).isLessThan(5_000);

        List<ConsumerRecord<String, String>> records = topic.awaitKey(firm.toString(), Duration.ofSeconds(10), r -> r.size() == 10);
        ConsumerRecord<String, String> record = records.get(9);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        CloudEvent received = CloudEventCodec.read(record.value());
        assertThat(received).isEqualTo(last);
        assertThat(received.source()).isEqualTo("/test-service");
        assertThat(received.type()).isEqualTo(WidgetService.CREATED);
        assertThat(received.dataSchema())
                .isEqualTo(URI.create("https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json"));
        assertThat(received.data().get("sequence").asInt()).isEqualTo(10);
        System.out.println("SAMPLE RECORD key=" + record.key() + " value=" + record.value());
    }

    @Test
    void rolledBackTransactionLeavesNoRowAndPublishesNothing() {
        UUID firm = UUID.randomUUID();
        assertThatThrownBy(() -> OnVertx.await(() -> widgets.createThenFail(firm, "ghost", 1)))
                .hasMessageContaining("business rule failed");
        CloudEvent marker = OnVertx.await(() -> widgets.create(firm, "marker", 2));

        List<ConsumerRecord<String, String>> records = topic.awaitKey(firm.toString(), Duration.ofSeconds(30),
                r -> r.stream().anyMatch(record -> record.value().contains(marker.id().toString())));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).doesNotContain("ghost");
        assertThat(db.count("select count(*) from lexguard_outbox where firm_id = ?", firm)).isEqualTo(1);
        assertThat(db.count("select count(*) from widget where firm_id = ?", firm)).isEqualTo(1);
    }

    @Test
    void schemaInvalidEventFailsAndRollsBackTheStateChange() {
        UUID firm = UUID.randomUUID();
        assertThatThrownBy(() -> OnVertx.await(() -> widgets.createWithInvalidEvent(firm, "invalid")))
                .satisfies(e -> System.out.println("PUBLISH REFUSED " + e.getMessage()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not match https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json")
                .hasMessageContaining("sequence");
        assertThat(db.count("select count(*) from widget where firm_id = ?", firm)).isZero();
        assertThat(db.count("select count(*) from lexguard_outbox where firm_id = ?", firm)).isZero();
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        UUID firm = UUID.randomUUID();
        assertThatThrownBy(() -> OnVertx.await(() -> widgets.appendWithoutTransaction(firm)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a reactive transaction");
        assertThat(db.count("select count(*) from lexguard_outbox where firm_id = ?", firm)).isZero();
    }

    @Test
    void relayMetricsAndReadinessAreExposed() {
        UUID firm = UUID.randomUUID();
        OnVertx.await(() -> widgets.create(firm, "metered", 1));
        topic.awaitKey(firm.toString(), Duration.ofSeconds(30), r -> r.size() == 1);

        String metrics = await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
                        body -> body.lines().anyMatch(line -> line.startsWith("lexguard_outbox_published_events_total")
                                && !line.endsWith(" 0.0")));
        List<String> ours = metrics.lines().filter(line -> line.startsWith("lexguard_")).toList();
        System.out.println("METRICS\n" + String.join("\n", ours));
        assertThat(ours).anyMatch(line -> line.startsWith("lexguard_outbox_pending_events "));
        assertThat(ours).anyMatch(line -> line.startsWith("lexguard_outbox_oldest_pending_age_seconds "));
        assertThat(ours).anyMatch(line -> line.startsWith("lexguard_outbox_publish_failures_total "));

        String health = given().get("/q/health/ready").then().extract().asString();
        System.out.println("READINESS " + health.replaceAll("\\s+", " "));
        given().get("/q/health/ready").then().body(containsString("lexguard-outbox-relay"));
        assertThat(health).containsPattern("\"name\"\\s*:\\s*\"lexguard-outbox-relay\",\\s*\"status\"\\s*:\\s*\"UP\"");
    }

    @Test
    void sentRowsArePurgedAfterTheRetentionPeriod() {
        UUID oldFirm = UUID.randomUUID();
        UUID recentFirm = UUID.randomUUID();
        OnVertx.await(() -> widgets.create(oldFirm, "old", 1));
        OnVertx.await(() -> widgets.create(recentFirm, "recent", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from lexguard_outbox where firm_id in (?, ?) and sent_at is not null", oldFirm, recentFirm) == 2);
        // The test configuration keeps sent rows for 1h and purges every second.
        assertThat(db.update("update lexguard_outbox set sent_at = sent_at - interval '2 hours' where firm_id = ?", oldFirm))
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from lexguard_outbox where firm_id = ?", oldFirm) == 0);
        assertThat(db.count("select count(*) from lexguard_outbox where firm_id = ?", recentFirm)).isEqualTo(1);
    }

    @Test
    void secondRelayOnTheSameDatabaseDuplicatesNothingAndKeepsEachFirmsOrder() throws Exception {
        List<UUID> firms = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger secondPublished = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestClients.asWriterOf(TOPIC),
                new StringSerializer(), new StringSerializer())) {
            OutboxPublisher second = new OutboxPublisher(dataSource, producer, 7, config.relay().lockKey(), Duration.ofSeconds(10));
            Future<?> loop = executor.submit(() -> {
                while (running.get()) {
                    secondPublished.addAndGet(second.publishBatch().published());
                }
                return null;
            });
            for (int round = 0; round < 10; round++) {
                for (UUID firm : firms) {
                    int first = round * 10;
                    OnVertx.await(() -> widgets.createMany(firm, "pair-", first, 10));
                }
            }
            for (UUID firm : firms) {
                List<ConsumerRecord<String, String>> records = topic.awaitKey(firm.toString(), Duration.ofSeconds(60), r -> r.size() >= 100);
                List<CloudEvent> events = records.stream().map(r -> CloudEventCodec.read(r.value())).toList();
                Set<UUID> ids = events.stream().map(CloudEvent::id).collect(Collectors.toSet());
                assertThat(ids).hasSize(events.size()).hasSize(100);
                assertThat(events.stream().map(e -> e.data().get("sequence").asInt()).toList())
                        .isSorted()
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
            }
            running.set(false);
            loop.get();
        } finally {
            executor.shutdownNow();
        }
        // Both publishers wait for their acks before they release rows, so everything is on the topic by now.
        Map<String, Long> perFirm = topic.readToEnd().stream()
                .filter(r -> firms.stream().anyMatch(f -> f.toString().equals(r.key())))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perFirm.values()).containsOnly(100L);
        for (UUID firm : firms) {
            assertThat(db.count("select count(*) from lexguard_outbox where firm_id = ? and sent_at is null", firm)).isZero();
        }
        System.out.printf("SECOND RELAY published %d of 300 events; the application's relay the rest%n", secondPublished.get());
    }
}
