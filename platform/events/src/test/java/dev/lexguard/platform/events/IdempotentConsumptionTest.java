package dev.lexguard.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.devstack.InjectDevStack;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.testapp.WidgetProjector;
import dev.lexguard.platform.events.testapp.WidgetService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestBusResource.class, restrictToAnnotatedClass = true)
class IdempotentConsumptionTest {

    private static final String TOPIC = "lexguard.test.events";
    private static final String DEAD_LETTER_TOPIC = "lexguard.test.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @InjectDevStack
    DevStack stack;

    @Inject
    WidgetService widgets;

    @Inject
    AgroalDataSource dataSource;

    private Database db;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void open() {
        db = new Database(dataSource);
        producer = new KafkaProducer<>(KafkaTestClients.asWriterOf(TOPIC), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void redeliveredEventsChangeNothing() throws Exception {
        UUID firm = UUID.randomUUID();
        OnVertx.await(() -> widgets.createMany(firm, "once-", 0, 100));
        await().atMost(PATIENCE).until(() -> tally(firm) == 100);
        List<List<Object>> effectsBefore = effects(firm);
        assertThat(effectsBefore).hasSize(100);

        List<ConsumerRecord<String, String>> originals;
        try (TopicProbe topic = new TopicProbe(TOPIC)) {
            originals = topic.awaitKey(firm.toString(), PATIENCE, r -> r.size() == 100);
        }
        for (ConsumerRecord<String, String> original : originals) {
            producer.send(new ProducerRecord<>(TOPIC, null, original.key(), original.value(), original.headers())).get();
        }
        CloudEvent marker = OnVertx.await(() -> widgets.create(firm, "marker", 100));

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", marker.id()) == 1);
        List<List<Object>> effectsAfter = effects(firm);
        assertThat(effectsAfter).hasSize(101);
        assertThat(effectsAfter.subList(0, 100)).isEqualTo(effectsBefore);
        assertThat(tally(firm)).isEqualTo(101);
        assertThat(db.count("select count(*) from lexguard_consumed_event where consumer = ? and event_id in "
                + "(select event_id from lexguard_outbox where firm_id = ?)", WidgetProjector.CONSUMER, firm)).isEqualTo(101);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndConsumptionContinues() throws Exception {
        UUID firm = UUID.randomUUID();
        String key = firm.toString();
        producer.send(new ProducerRecord<>(TOPIC, key, "this is not JSON {")).get();
        ObjectMapper json = new ObjectMapper();
        CloudEvent invalidData = new CloudEvent(UUID.randomUUID(), "/test-service", WidgetService.CREATED, Instant.now(),
                "w-1", URI.create("https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json"), firm,
                "user-1", ActorType.USER, null, json.readTree("{\"widgetId\":\"not-a-uuid\",\"name\":\"bad\",\"sequence\":-1}"));
        producer.send(cloudEventRecord(key, CloudEventCodec.write(invalidData))).get();
        String brokenEnvelope = CloudEventCodec.write(invalidData).replace("\"firmid\"", "\"firm\"");
        producer.send(cloudEventRecord(key, brokenEnvelope)).get();
        CloudEvent valid = OnVertx.await(() -> widgets.create(firm, "after-poison", 1));

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", valid.id()) == 1);
        assertThat(db.count("select count(*) from widget_effect where firm_id = ?", firm)).isEqualTo(1);

        List<ConsumerRecord<String, String>> dead;
        try (TopicProbe dlq = new TopicProbe(DEAD_LETTER_TOPIC)) {
            dead = dlq.awaitKey(key, PATIENCE, r -> r.size() == 3);
        }
        List<String> reasons = dead.stream()
                .map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .toList();
        reasons.forEach(reason -> System.out.println("DEAD-LETTER-REASON " + reason));
        assertThat(dead.stream().map(ConsumerRecord::value).toList())
                .containsExactly("this is not JSON {", CloudEventCodec.write(invalidData), brokenEnvelope);
        assertThat(reasons.get(0)).startsWith("malformed event: not valid JSON");
        assertThat(reasons.get(1)).contains("event " + invalidData.id() + " is invalid")
                .contains("does not match https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json")
                .contains("widgetId").contains("sequence");
        assertThat(reasons.get(2)).startsWith("malformed event: invalid CloudEvent envelope").contains("firmid");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(TOPIC);
    }

    @Test
    void unknownTypeIsPassedToTheHandler() throws Exception {
        UUID firm = UUID.randomUUID();
        CloudEvent unknown = new CloudEvent(UUID.randomUUID(), "/test-service", "dev.lexguard.test.widget.renamed",
                Instant.now(), "w-1", URI.create("https://schemas.lexguard.dev/events/dev.lexguard.test.widget.renamed/1.0.json"),
                firm, "user-9", ActorType.USER, UUID.randomUUID(), new ObjectMapper().readTree("{\"name\":\"widget renamed\"}"));
        producer.send(cloudEventRecord(firm.toString(), CloudEventCodec.write(unknown))).get();

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", unknown.id()) == 1);
        assertThat(db.query("select event_type, name from widget_effect where event_id = ?", unknown.id()).get(0))
                .containsExactly("dev.lexguard.test.widget.renamed", "widget renamed");
    }

    @Test
    void eventsOfAnotherProducerOnThisTopicAreDeadLetteredAsForeignAndNotApplied() throws Exception {
        UUID firm = UUID.randomUUID();
        String key = firm.toString();
        ObjectMapper json = new ObjectMapper();
        // whoever holds this topic's credentials claims to be identity-service, then sends identity's type as itself
        CloudEvent otherSource = new CloudEvent(UUID.randomUUID(), "/identity-service", WidgetService.CREATED, Instant.now(),
                "w-1", URI.create("https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json"), firm,
                "user-1", ActorType.USER, null, json.readTree("{\"widgetId\":\"" + UUID.randomUUID() + "\",\"name\":\"forged\",\"sequence\":1}"));
        CloudEvent otherType = new CloudEvent(UUID.randomUUID(), "/test-service", "dev.lexguard.identity.accountpermissions.changed",
                Instant.now(), "u-1", URI.create("https://schemas.lexguard.dev/events/dev.lexguard.identity.accountpermissions.changed/1.0.json"),
                firm, "user-1", ActorType.USER, null, json.readTree("{\"name\":\"administrator\"}"));
        double before = foreignCount();
        producer.send(cloudEventRecord(key, CloudEventCodec.write(otherSource))).get();
        producer.send(cloudEventRecord(key, CloudEventCodec.write(otherType))).get();
        CloudEvent valid = OnVertx.await(() -> widgets.create(firm, "after-forgery", 1));

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", valid.id()) == 1);
        List<ConsumerRecord<String, String>> dead;
        try (TopicProbe dlq = new TopicProbe(DEAD_LETTER_TOPIC)) {
            dead = dlq.awaitKey(key, PATIENCE, r -> r.size() == 2);
        }
        List<String> reasons = dead.stream()
                .map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)).toList();
        reasons.forEach(reason -> System.out.println("DEAD-LETTER-REASON " + reason));
        assertThat(reasons.get(0)).startsWith("foreign-source: event " + otherSource.id()).contains("/identity-service")
                .contains("on " + TOPIC);
        assertThat(reasons.get(1)).startsWith("foreign-source: event " + otherType.id())
                .contains("dev.lexguard.identity.accountpermissions.changed");
        assertThat(db.count("select count(*) from widget_effect where firm_id = ?", firm)).isEqualTo(1);
        assertThat(db.count("select count(*) from lexguard_consumed_event where event_id in (?, ?)", otherSource.id(), otherType.id()))
                .isZero();
        assertThat(foreignCount() - before).isEqualTo(2.0);
    }

    private static double foreignCount() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("lexguard_events_consumer_foreign_total{") && line.contains("topic=\"" + TOPIC + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void transientHandlerFailureIsRetriedUntilItSucceedsOnce() {
        UUID firm = UUID.randomUUID();
        String name = WidgetProjector.FLAKY_PREFIX + firm;
        CloudEvent event = OnVertx.await(() -> widgets.create(firm, name, 1));

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", event.id()) == 1);
        assertThat(WidgetProjector.attempts(name)).isEqualTo(3);
        assertThat(tally(firm)).isEqualTo(1);
    }

    @Test
    void handlerThatKeepsFailingIsDeadLetteredAfterItsAttemptsAndConsumptionContinues() {
        UUID firm = UUID.randomUUID();
        String name = WidgetProjector.DOOMED_PREFIX + firm;
        CloudEvent doomed = OnVertx.await(() -> widgets.create(firm, name, 1));
        CloudEvent next = OnVertx.await(() -> widgets.create(firm, "after-doomed", 2));

        await().atMost(PATIENCE).until(() -> db.count("select count(*) from widget_effect where event_id = ?", next.id()) == 1);
        List<ConsumerRecord<String, String>> dead;
        try (TopicProbe dlq = new TopicProbe(DEAD_LETTER_TOPIC)) {
            dead = dlq.awaitKey(firm.toString(), PATIENCE, r -> r.size() == 1);
        }
        String reason = new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        System.out.println("DEAD-LETTER-REASON " + reason);
        assertThat(reason).isEqualTo("consumer widget-projector failed on event " + doomed.id()
                + " after 4 attempts: permanent failure for " + name);
        assertThat(CloudEventCodec.read(dead.get(0).value()).id()).isEqualTo(doomed.id());
        assertThat(WidgetProjector.attempts(name)).isEqualTo(4);
        assertThat(db.count("select count(*) from widget_effect where event_id = ?", doomed.id())).isZero();
        assertThat(db.count("select count(*) from lexguard_consumed_event where event_id = ?", doomed.id())).isZero();
    }

    private static ProducerRecord<String, String> cloudEventRecord(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private long tally(UUID firm) {
        List<List<Object>> rows = db.query("select events from widget_tally where firm_id = ?", firm);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    private List<List<Object>> effects(UUID firm) {
        return db.query("select id, event_id, event_type, subject, name from widget_effect where firm_id = ? order by id", firm);
    }
}
