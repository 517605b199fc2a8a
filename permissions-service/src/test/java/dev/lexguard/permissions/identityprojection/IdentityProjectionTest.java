package dev.lexguard.permissions.identityprojection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.PermissionsTopic;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityProjectionTest {

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID firmId = UUID.randomUUID();
        UUID ownerId = UUID.randomUUID();
        CloudEvent firmCreated = IdentityEventsProducer.firmCreated(firmId, ownerId);
        CloudEvent ownerCreated = IdentityEventsProducer.userCreated(firmId, ownerId, "Olu Owner", true, ownerId);
        IdentityEventsProducer.send(firmCreated);
        IdentityEventsProducer.send(ownerCreated);
        IdentityEventsProducer.send(ownerCreated);
        IdentityEventsProducer.send(firmCreated);
        TestFirm firm = new TestFirm(firmId, ownerId);
        Fixtures.awaitPermissions(firm, ownerId, List.of("accounts", "administrator", "billing", "reporting"));
        // a later event of the same firm proves the duplicates before it were consumed (one partition per firm)
        UUID later = Fixtures.user(firm, "Lou Later", "billing");
        try (PermissionsTopic topic = new PermissionsTopic()) {
            topic.await("dev.lexguard.permissions.accountpermissions.changed", e -> e.path("subject").asText().equals(later.toString()));
            assertThat(topic.forFirm(firmId.toString()).stream()
                    .filter(e -> e.path("subject").asText().equals(ownerId.toString()))).hasSize(1);
        }
    }

    @Test
    void eventsOfTypesThisServiceDoesNotUseAreIgnored() {
        TestFirm firm = Fixtures.firm();
        IdentityEventsProducer.send(IdentityEventsProducer.event("dev.lexguard.identity.password.changed", firm.firmId(),
                firm.ownerId().toString(), firm.ownerId(), Map.of("userId", firm.ownerId().toString(), "sessionsEnded", 0)));
        UUID after = Fixtures.user(firm, "Al After");
        firm.as(after).get("/api/v1/permissions/users/{id}", after).then().statusCode(200);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheProjectionCarriesOn() {
        TestFirm firm = Fixtures.firm();
        String marker = UUID.randomUUID().toString();
        IdentityEventsProducer.sendRaw(firm.firmId().toString(), "{\"this is\":\"" + marker + "\"");
        IdentityEventsProducer.send(IdentityEventsProducer.event("dev.lexguard.identity.user.created", firm.firmId(), marker,
                firm.ownerId(), Map.of("userId", "not-a-uuid", "email", "x@y.z", "displayName", "X", "status", "active", "owner", false)));
        UUID after = Fixtures.user(firm, "Al After");
        firm.as(after).get("/api/v1/permissions/users/{id}", after).then().statusCode(200);

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(KafkaTestClients.asReaderOf("lexguard.permissions.dlq"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = dlq.partitionsFor("lexguard.permissions.dlq", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(marker)) {
                        reasons.add(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() == 2;
            });
        }
        assertThat(reasons).anyMatch(r -> r.startsWith("malformed event: not valid JSON"));
        assertThat(reasons).anyMatch(r -> r.contains("dev.lexguard.identity.user.created") && r.contains("/userId"));
    }
}
