package dev.lexguard.permissions.matters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.PermissionsTopic;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The practice-management core's matter events, published on the real lexguard.activity.events topic. */
@QuarkusTest
class ActivityEventsProjectorTest {

    private static final String TOPIC = "lexguard.activity.events";
    private PermissionsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new PermissionsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    private static CloudEvent core(String verb, UUID firm, UUID matter, Map<String, Object> data) {
        String type = "dev.lexguard.activity.matter." + verb;
        return new CloudEvent(UUID.randomUUID(), "/practice-core", type, Instant.now().truncatedTo(ChronoUnit.MILLIS), matter.toString(),
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firm, "practice-core", ActorType.SYSTEM, matter,
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(data));
    }

    private static Map<String, Object> matter(UUID id, String number, String description) {
        Map<String, Object> data = new HashMap<>();
        data.put("matterId", id.toString());
        data.put("displayNumber", number);
        data.put("description", description);
        data.put("practiceArea", "Estates");
        return data;
    }

    @Test
    void theCoresMattersAreRegisteredUpdatedAndClosed() {
        TestFirm firm = Fixtures.firm();
        UUID id = UUID.randomUUID();
        IdentityEventsProducer.send(TOPIC, core("created", firm.firmId(), id, matter(id, "CORE-1", "Estate of A. Lane")));
        JsonNode registered = topic.await("dev.lexguard.permissions.matter.registered", e -> e.path("subject").asText().equals(id.toString()));
        assertThat(registered.path("actorid").asText()).isEqualTo("practice-core");
        assertThat(registered.path("actortype").asText()).isEqualTo("system");
        firm.asOwner().get("/api/v1/matters/{id}", id).then().statusCode(200).body("displayNumber", equalTo("CORE-1"))
                .body("practiceArea", equalTo("Estates")).body("status", equalTo("open"));

        IdentityEventsProducer.send(TOPIC, core("updated", firm.firmId(), id, matter(id, "CORE-1", "Estate of Ada Lane")));
        JsonNode updated = topic.await("dev.lexguard.permissions.matter.updated", e -> e.path("subject").asText().equals(id.toString()));
        assertThat(updated.at("/data/previous").size()).isEqualTo(1);
        assertThat(updated.at("/data/previous/description").asText()).isEqualTo("Estate of A. Lane");
        firm.asOwner().get("/api/v1/matters/{id}", id).then().body("description", equalTo("Estate of Ada Lane"));

        IdentityEventsProducer.send(TOPIC, core("closed", firm.firmId(), id, Map.of("matterId", id.toString())));
        topic.await("dev.lexguard.permissions.matter.closed", e -> e.path("subject").asText().equals(id.toString()));
        firm.asOwner().get("/api/v1/matters/{id}", id).then().body("status", equalTo("closed"));
    }

    @Test
    void aMatterTheCoreCannotRegisterGoesToTheDeadLetterTopic() {
        TestFirm firm = Fixtures.firm();
        Fixtures.matter(firm, "CORE-2");
        UUID clash = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        IdentityEventsProducer.send(TOPIC, core("created", firm.firmId(), clash, matter(clash, "core-2", "Same number")));
        IdentityEventsProducer.send(TOPIC, core("closed", firm.firmId(), unknown, Map.of("matterId", unknown.toString())));
        UUID later = UUID.randomUUID();
        IdentityEventsProducer.send(TOPIC, core("created", firm.firmId(), later, matter(later, "CORE-3", "After the bad ones")));
        topic.await("dev.lexguard.permissions.matter.registered", e -> e.path("subject").asText().equals(later.toString()));
        firm.asOwner().get("/api/v1/matters/{id}", clash).then().statusCode(404);

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(KafkaTestClients.asReaderOf("lexguard.permissions.dlq"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = dlq.partitionsFor("lexguard.permissions.dlq", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(clash.toString()) || record.value().contains(unknown.toString())) {
                        reasons.add(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() == 2;
            });
        }
        assertThat(reasons).anyMatch(r -> r.contains("display number core-2 is taken"));
        assertThat(reasons).anyMatch(r -> r.contains("is not registered"));
    }
}
