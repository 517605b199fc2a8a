package dev.lexguard.feed.ingest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.devstack.DeadLetters;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every event becomes exactly one entry, whatever its type, in its place by time. */
@QuarkusTest
class FeedIngestionTest {

    @Test
    void aRedeliveredEventMakesNoSecondEntry() {
        TestFirm firm = Fixtures.quietFirm();
        UUID matter = Fixtures.matter(firm, "2026-0501");
        CloudEvent edit = Events.activity(firm.firmId(), firm.ownerId(), "matter", "edited", matter, Instant.now(),
                Map.of("field", "description", "before", "Okafor v. Lane", "after", "Okafor v. Lane: custody"));
        Events.send(Events.ACTIVITY, edit);
        FeedDb.awaitEntry(edit);
        Events.send(Events.ACTIVITY, edit);
        // A later event of the same firm on the same partition proves the redelivery was consumed before it.
        CloudEvent after = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "matter", "edited", matter,
                Instant.now(), Map.of("field", "status"))));
        assertThat(FeedDb.entries(edit)).isEqualTo(1);
        assertThat(FeedDb.count("select count(*) from feed_entry where firm_id = ?", firm.firmId())).isEqualTo(4);
        assertThat(FeedDb.seq(after)).isEqualTo(FeedDb.seq(edit) + 1);
        JsonPath page = firm.asOwner().queryParam("objectType", "matter").queryParam("objectId", matter.toString())
                .queryParam("category", "matters").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).containsExactly(after.id().toString(), edit.id().toString(),
                page.getString("items[2].id"));
        assertThat(page.getString("items[1].details.before")).isEqualTo("Okafor v. Lane");
        assertThat(page.getString("items[1].details.after")).isEqualTo("Okafor v. Lane: custody");
    }

    @Test
    void aMatterUpdateShowsEachChangedFieldBeforeAndAfter() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm, "2026-0502");
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("description", "Matter 2026-0502");
        previous.put("status", "open");
        Map<String, Object> data = new HashMap<>(Map.of("matterId", matter.toString(), "displayNumber", "2026-0502",
                "description", "Okafor v. Lane (appeal)", "status", "pending", "previous", previous));
        data.put("clientContactId", null);
        data.put("responsibleAttorneyId", null);
        data.put("practiceArea", null);
        CloudEvent updated = Fixtures.await(Events.send(Events.event("dev.lexguard.permissions.matter.updated", firm.firmId(),
                matter.toString(), firm.ownerId(), matter, data)));

        JsonPath page = firm.asOwner().queryParam("objectType", "matter").queryParam("objectId", matter.toString())
                .get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).hasSize(2).first().isEqualTo(updated.id().toString());
        assertThat(page.getString("items[0].summary")).isEqualTo("Matter 2026-0502 was changed: description, status open → pending");
        assertThat(page.getList("items[0].changes.field")).containsExactly("description", "status");
        assertThat(page.getString("items[0].changes[0].before")).isEqualTo("Matter 2026-0502");
        assertThat(page.getString("items[0].changes[0].after")).isEqualTo("Okafor v. Lane (appeal)");
        assertThat(page.getString("items[0].changes[1].before")).isEqualTo("open");
        assertThat(page.getString("items[0].changes[1].after")).isEqualTo("pending");
        // the registration carries no previous: no changes
        assertThat(page.getList("items[1].changes")).isEmpty();
        // read-time only: the stored details are the event's data, unchanged
        assertThat(page.getString("items[0].details.previous.status")).isEqualTo("open");
    }

    @Test
    void aSessionPolicyChangeIsAnEntryNamingItsChangedLifetimes() {
        TestFirm firm = Fixtures.firm();
        Map<String, Object> data = new HashMap<>();
        data.put("userIdleMinutes", 480);
        data.put("userAbsoluteMinutes", 1440);
        data.put("administratorIdleMinutes", 15);
        data.put("administratorAbsoluteMinutes", 720);
        data.put("contactIdleMinutes", null);
        data.put("contactAbsoluteMinutes", null);
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("administratorIdleMinutes", 30);
        previous.put("contactIdleMinutes", 60);
        data.put("previous", previous);
        CloudEvent changed = Fixtures.await(Events.send(Events.event("dev.lexguard.sessions.policy.changed", firm.firmId(),
                firm.firmId().toString(), firm.ownerId(), null, data)));

        JsonPath page = firm.asOwner().queryParam("category", "security").get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath();
        int at = page.getList("items.id").indexOf(changed.id().toString());
        assertThat(at).isNotNegative();
        assertThat(page.getString("items[" + at + "].summary")).isEqualTo(
                "The firm's session policy changed: administrator idle 30 min → 15 min, contact idle 60 min → no limit");
        assertThat(page.getList("items[" + at + "].changes.field")).containsExactlyInAnyOrder("administratorIdleMinutes",
                "contactIdleMinutes");
        assertThat(page.getString("items[" + at + "].object.type")).isEqualTo("policy");
    }

    @Test
    void anUnknownEventTypeIsStoredWithAGenericSummary() {
        TestFirm firm = Fixtures.firm();
        CloudEvent bill = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "bill", "sent", null, Instant.now(),
                Map.of("billId", "B-1042", "total", "1200.00"))));
        JsonPath page = firm.asOwner().queryParam("category", "billing").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).containsExactly(bill.id().toString());
        assertThat(page.getString("items[0].summary")).isEqualTo("Bill sent (event dev.lexguard.activity.bill.sent)");
        assertThat(page.getString("items[0].object.type")).isEqualTo("bill");
        assertThat(page.getString("items[0].object.id")).isEqualTo("B-1042");
        assertThat(page.getString("items[0].verb")).isEqualTo("sent");
        assertThat(page.getString("items[0].details.total")).isEqualTo("1200.00");
        assertThat(FeedDb.count("select count(*) from lexguard_consumed_event where consumer = 'feed-entries' and event_id = ?",
                bill.id())).isEqualTo(1);
    }

    @Test
    void aLateEventLandsInItsPlaceByTime() {
        TestFirm firm = Fixtures.firm();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CloudEvent newer = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, now,
                Map.of("noteId", "n-2"))));
        CloudEvent late = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null,
                now.minus(2, ChronoUnit.HOURS), Map.of("noteId", "n-1"))));
        CloudEvent newest = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null,
                now.plusSeconds(1), Map.of("noteId", "n-3"))));
        List<String> ids = firm.asOwner().queryParam("objectType", "note").get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(ids).containsExactly(newest.id().toString(), newer.id().toString(), late.id().toString());
        firm.asOwner().queryParam("objectType", "note").get("/api/v1/feed").then()
                .body("items[2].occurredAt", equalTo(late.time().toString()));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheFeedCarriesOn() {
        TestFirm firm = Fixtures.firm();
        String marker = "not-json-" + UUID.randomUUID();
        Events.sendRaw(Events.ACTIVITY, firm.firmId().toString(), marker);
        CloudEvent broken = Events.matterRegistered(firm.firmId(), UUID.randomUUID(), "", firm.ownerId());
        Events.sendRaw(Events.PERMISSIONS, firm.firmId().toString(), CloudEventCodec.write(broken));
        CloudEvent fine = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, Instant.now(),
                Map.of("noteId", "n-9"))));
        List<String> reasons = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(KafkaTestClients.asReaderOf("lexguard.feed.dlq"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "feed-dlq-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(props)) {
            dlq.subscribe(List.of("lexguard.feed.dlq"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && (record.value().equals(marker) || record.value().contains(broken.id().toString()))) {
                        var header = record.headers().lastHeader("dead-letter-reason");
                        reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() == 2;
            });
        }
        assertThat(reasons).anyMatch(r -> r.startsWith("malformed event"));
        assertThat(reasons).anyMatch(r -> r.contains(broken.id().toString()) && r.contains("displayNumber"));
        assertThat(FeedDb.entries(broken)).isZero();
        assertThat(FeedDb.entries(fine)).isEqualTo(1);
    }

    @Test
    void forgedEventsOnAnotherServicesTopicMakeNoEntry() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        // whoever holds permissions-service's credentials: once claiming to be identity-service, once sending an
        // identity type as itself (believed, it would rename Bea in every entry of the feed)
        CloudEvent claimsIdentity = withSource(Events.event("dev.lexguard.permissions.group.created", firm.firmId(),
                UUID.randomUUID().toString(), firm.ownerId(), null, Map.of("groupId", UUID.randomUUID().toString(),
                        "name", "Forged")), "/identity-service");
        CloudEvent identityType = withSource(Events.event("dev.lexguard.identity.user.renamed", firm.firmId(), bea.toString(),
                bea, null, Map.of("userId", bea.toString(), "displayName", "Mallory")), "/permissions-service");
        Events.send(Events.PERMISSIONS, claimsIdentity);
        Events.send(Events.PERMISSIONS, identityType);
        // practice-core's credentials sending an activity event in permissions-service's name
        CloudEvent activityAsService = withSource(Events.activity(firm.firmId(), bea, "note", "added", null, Instant.now(),
                Map.of("noteId", "n-forged")), "/permissions-service");
        Events.send(Events.ACTIVITY, activityAsService);
        CloudEvent witness = Fixtures.await(Events.send(Events.activity(firm.firmId(), bea, "note", "added", null, Instant.now(),
                Map.of("noteId", "n-10"))));

        for (CloudEvent forged : List.of(claimsIdentity, identityType, activityAsService)) {
            assertThat(DeadLetters.reasonFor("lexguard.feed.dlq", forged.id(), Duration.ofSeconds(60)))
                    .startsWith("foreign-source: event " + forged.id());
            assertThat(FeedDb.entries(forged)).isZero();
        }
        firm.asOwner().get("/api/v1/feed/users/{u}", bea).then().statusCode(200)
                .body("items[0].id", equalTo(witness.id().toString()))
                .body("items[0].actor.displayName", equalTo("Bea Associate"));
    }

    private static CloudEvent withSource(CloudEvent event, String source) {
        return new CloudEvent(event.id(), source, event.type(), event.time(), event.subject(), event.dataSchema(), event.firmId(),
                event.actorId(), event.actorType(), event.matterId(), event.data());
    }

    @Test
    void displayNamesFollowIdentity() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        CloudEvent note = Fixtures.await(Events.send(Events.activity(firm.firmId(), bea, "note", "added", null, Instant.now(),
                Map.of("noteId", "n-5"))));
        firm.asOwner().get("/api/v1/feed/users/{u}", bea).then().statusCode(200)
                .body("items[0].id", equalTo(note.id().toString()))
                .body("items[0].actor.displayName", equalTo("Bea Associate"));
        Fixtures.await(Events.send(Events.event("dev.lexguard.identity.user.renamed", firm.firmId(), bea.toString(), bea, null,
                Map.of("userId", bea.toString(), "displayName", "Bea Okafor"))));
        firm.asOwner().get("/api/v1/feed/users/{u}", bea).then().statusCode(200)
                .body("items.find { it.id == '" + note.id() + "' }.actor.displayName", equalTo("Bea Okafor"));
    }

    @Test
    void consumerLagIsAMetric() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get("/q/metrics").asString()
                .contains("lexguard_feed_consumer_lag{topic=\"lexguard.activity.events\"}"));
        String metrics = get("/q/metrics").asString();
        assertThat(metrics).contains("lexguard_feed_ingest_delay_seconds");
        assertThat(metrics).doesNotContain("lexguard_feed_consumer_lag{topic=\"lexguard.activity.events\"} -1.0");
    }
}
