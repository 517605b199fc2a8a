package dev.lexguard.platform.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.InjectDevStack;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.testapp.WidgetService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestBusResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "isolated", value = "true"))
class BrokerOutageTest {

    private static final String TOPIC = "lexguard.test.events";
    private static final int FIRMS = 4;
    private static final int EVENTS_PER_FIRM = 250;

    @InjectDevStack
    DevStack stack;

    @Inject
    WidgetService widgets;

    @Inject
    AgroalDataSource dataSource;

    private static String outboxMetrics() {
        return given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith("lexguard_outbox_"))
                .collect(Collectors.joining(" | "));
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreAllDeliveredOnceInOrderAfterItReturns() {
        Database db = new Database(dataSource);
        UUID warmUp = UUID.randomUUID();
        OnVertx.await(() -> widgets.create(warmUp, "before-outage", 0));
        try (TopicProbe topic = new TopicProbe(TOPIC)) {
            topic.awaitKey(warmUp.toString(), Duration.ofSeconds(60), r -> r.size() == 1);
        }

        stack.stopKafka();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").then().extract().asString(),
                body -> body.replaceAll("\\s+", "").contains("\"name\":\"lexguard-outbox-relay\",\"status\":\"DOWN\""));

        List<UUID> firms = IntStream.range(0, FIRMS).mapToObj(i -> UUID.randomUUID()).toList();
        Map<UUID, List<UUID>> written = new HashMap<>();
        for (int chunk = 0; chunk < EVENTS_PER_FIRM / 25; chunk++) {
            for (UUID firm : firms) {
                int first = chunk * 25;
                List<CloudEvent> events = OnVertx.await(() -> widgets.createMany(firm, "outage-", first, 25));
                written.computeIfAbsent(firm, f -> new ArrayList<>()).addAll(events.stream().map(CloudEvent::id).toList());
            }
        }
        assertThat(db.count("select count(*) from lexguard_outbox where sent_at is null and firm_id = any(?)",
                (Object) firms.toArray(UUID[]::new))).isEqualTo(FIRMS * EVENTS_PER_FIRM);
        // The relay keeps trying and measuring while the broker is away: the backlog shows in the metrics.
        String duringOutage = await().atMost(Duration.ofSeconds(30)).until(() -> outboxMetrics(),
                lines -> lines.contains("lexguard_outbox_pending_events " + (double) (FIRMS * EVENTS_PER_FIRM))
                        && !lines.contains("lexguard_outbox_publish_failures_total 0.0"));
        System.out.println("DURING OUTAGE " + duringOutage);

        long restartedAt = System.nanoTime();
        stack.startKafka();
        long brokerUpAt = System.nanoTime();
        try (TopicProbe topic = new TopicProbe(TOPIC)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                List<ConsumerRecord<String, String>> seen = topic.poll();
                Set<String> keys = firms.stream().map(UUID::toString).collect(Collectors.toSet());
                return seen.stream().filter(r -> keys.contains(r.key())).count() >= FIRMS * EVENTS_PER_FIRM;
            });
            long deliveredAt = System.nanoTime();
            System.out.printf("OUTAGE RECOVERY: startKafka() took %d ms; all %d events on the topic %d ms after it returned%n",
                    (brokerUpAt - restartedAt) / 1_000_000, FIRMS * EVENTS_PER_FIRM, (deliveredAt - brokerUpAt) / 1_000_000);

            List<ConsumerRecord<String, String>> all = topic.readToEnd();
            for (UUID firm : firms) {
                List<CloudEvent> received = all.stream().filter(r -> firm.toString().equals(r.key()))
                        .map(r -> CloudEventCodec.read(r.value())).toList();
                assertThat(received.stream().map(CloudEvent::id).toList())
                        .as("firm %s: every event exactly once, in the order written", firm)
                        .containsExactlyElementsOf(written.get(firm));
                assertThat(received.stream().map(e -> e.data().get("sequence").asInt()).toList())
                        .containsExactlyElementsOf(IntStream.range(0, EVENTS_PER_FIRM).boxed().toList());
            }
        }
        assertThat(db.count("select count(*) from lexguard_outbox where sent_at is null and firm_id = any(?)",
                (Object) firms.toArray(UUID[]::new))).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").then().extract().asString(),
                body -> body.replaceAll("\\s+", "").contains("\"name\":\"lexguard-outbox-relay\",\"status\":\"UP\""));
    }
}
