package dev.lexguard.sessions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import dev.lexguard.sessions.SessionsTopic;
import dev.lexguard.sessions.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** Sessions, addresses and unusual sign-ins recorded from identity's and the gateway's events on the real topics. */
@QuarkusTest
class SessionRecordingTest {

    @Test
    void aSessionIsRecordedWithLocationDeviceAndTheCurrentOneMarked() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant now = Instant.now();
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, session, EventsProducer.LONDON,
                EventsProducer.CHROME_WINDOWS, null, now.minusSeconds(60));
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, other, EventsProducer.LONDON,
                EventsProducer.SAFARI_IPHONE, UUID.randomUUID(), now);
        firm.awaitSession(other, s -> true);

        JsonPath mine = firm.as(user, session).get("/api/v1/sessions/mine").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.id")).containsExactly(other.toString(), session.toString());
        assertThat(mine.getList("items.current", Boolean.class)).containsExactly(false, true);
        assertThat(mine.getString("items[1].location.city")).isEqualTo("London");
        assertThat(mine.getString("items[1].location.countryCode")).isEqualTo("GB");
        assertThat(mine.getDouble("items[1].location.latitude")).isEqualTo(51.5142);
        assertThat(mine.getString("items[1].device.browser")).isEqualTo("Chrome 120");
        assertThat(mine.getString("items[1].device.os")).isEqualTo("Windows 10");
        assertThat(mine.getString("items[1].device.deviceType")).isEqualTo("desktop");
        assertThat(mine.getList("items[1].amr")).containsExactly("pwd", "otp");
        assertThat(mine.getBoolean("items[1].active")).isTrue();
        assertThat(mine.getString("items[0].device.deviceType")).isEqualTo("mobile");
        assertThat(mine.getString("items[0].device.mobileDeviceId")).isNotNull();
    }

    @Test
    void aSignInApprovedOnThePhoneNamesTheDeviceThatApprovedIt() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        EventsProducer.sessionStartedApproved(firm.firmId(), user, session, EventsProducer.LONDON, phone, "Ada's iPhone",
                Instant.now());
        JsonPath read = firm.awaitSession(session, s -> true);
        assertThat(read.getString("approvedBy.deviceId")).isEqualTo(phone.toString());
        assertThat(read.getString("approvedBy.deviceName")).isEqualTo("Ada's iPhone");
        assertThat(read.getList("amr")).containsExactly("pwd", "swk", "mfa");
        // a web session: it does not run on the phone that approved it
        assertThat(read.getString("device.mobileDeviceId")).isNull();
        assertThat(read.getString("device.deviceType")).isEqualTo("desktop");

        JsonPath mine = firm.as(user, session).get("/api/v1/sessions/mine").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getString("items[0].approvedBy.deviceName")).isEqualTo("Ada's iPhone");
        UUID plain = firm.session(user, EventsProducer.LONDON, Instant.now());
        assertThat(firm.awaitSession(plain, s -> true).getString("approvedBy")).isNull();
    }

    @Test
    void aPasskeySignInShowsItsMethodsInTheSessionList() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID afterPassword = UUID.randomUUID();
        UUID passwordless = UUID.randomUUID();
        Instant now = Instant.now();
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, afterPassword, EventsProducer.LONDON,
                EventsProducer.CHROME_WINDOWS, null, now.minusSeconds(60), List.of("pwd", "hwk"));
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, passwordless, EventsProducer.LONDON,
                EventsProducer.SAFARI_IPHONE, null, now, List.of("hwk", "user"));
        firm.awaitSession(passwordless, s -> true);

        JsonPath mine = firm.as(user, afterPassword).get("/api/v1/sessions/mine").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.id")).containsExactly(passwordless.toString(), afterPassword.toString());
        assertThat(mine.getList("items[0].amr")).containsExactly("hwk", "user");
        assertThat(mine.getList("items[1].amr")).containsExactly("pwd", "hwk");
    }

    @Test
    void theGatewaysActivityMovesLastSeenAndKeepsEachAddress() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        UUID session = firm.session(user, EventsProducer.LONDON, start);
        Instant seen = start.plus(Duration.ofMinutes(20));
        EventsProducer.sessionActive(firm.firmId(), user, session, EventsProducer.LINKOPING, seen);
        JsonPath after = firm.awaitSession(session, s -> s.getList("addresses").size() == 2);
        assertThat(after.getString("clientIp")).isEqualTo(EventsProducer.LINKOPING);
        assertThat(Instant.parse(after.getString("lastSeenAt"))).isEqualTo(seen);
        assertThat(after.getList("addresses.ip")).containsExactly(EventsProducer.LONDON, EventsProducer.LINKOPING);
        assertThat(after.getList("addresses.countryCode")).containsExactly("GB", "SE");
        // the session's own location stays where it signed in
        assertThat(after.getString("location.city")).isEqualTo("London");

        // a late report of earlier activity does not move last seen back
        EventsProducer.sessionActive(firm.firmId(), user, session, EventsProducer.LONDON, start.plus(Duration.ofMinutes(5)));
        EventsProducer.sessionRefreshed(firm.firmId(), user, session, EventsProducer.LINKOPING, seen.plusSeconds(60));
        JsonPath refreshed = firm.awaitSession(session,
                s -> Instant.parse(s.getString("lastSeenAt")).equals(seen.plusSeconds(60)));
        assertThat(refreshed.getString("clientIp")).isEqualTo(EventsProducer.LINKOPING);
        assertThat(refreshed.getList("addresses")).hasSize(2);
    }

    @Test
    void identitysEndOfASessionIsRecordedWithItsReasonAndNoEventOfOurs() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = firm.session(user, EventsProducer.LONDON, Instant.now());
        EventsProducer.sessionEnded(firm.firmId(), user, session, "logout");
        JsonPath ended = firm.awaitSession(session, s -> !s.getBoolean("active"));
        assertThat(ended.getString("endReason")).isEqualTo("logout");
        assertThat(ended.getString("endedBy")).isEqualTo(user.toString());
        // activity reported after the end changes nothing
        EventsProducer.sessionActive(firm.firmId(), user, session, EventsProducer.LINKOPING, Instant.now().plusSeconds(5));
        UUID later = firm.session(user, EventsProducer.LONDON, Instant.now());
        assertThat(later).isNotNull();
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200)
                .body("clientIp", equalTo(EventsProducer.LONDON)).body("addresses", hasSize(1));
        try (SessionsTopic topic = new SessionsTopic()) {
            assertThat(topic.forFirm(firm.firmId().toString())).isEmpty();
        }
    }

    @Test
    void londonThenChangchunTenMinutesLaterIsImpossibleTravel() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant first = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        UUID london = firm.session(user, EventsProducer.LONDON, first);
        UUID changchun = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, changchun, EventsProducer.CHANGCHUN, first.plus(Duration.ofMinutes(10)));
        JsonPath flagged = firm.awaitSession(changchun, s -> true);
        assertThat(flagged.getBoolean("unusual")).isTrue();
        assertThat(flagged.getList("unusualReasons")).containsExactly("impossible_travel");
        firm.asAdmin().get("/api/v1/sessions/{id}", london).then().statusCode(200).body("unusual", equalTo(false));

        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await("dev.lexguard.sessions.signin.unusual",
                    e -> e.path("subject").asText().equals(changchun.toString()));
            JsonNode data = event.path("data");
            assertThat(event.path("firmid").asText()).isEqualTo(firm.firmId().toString());
            assertThat(event.path("actorid").asText()).isEqualTo(user.toString());
            assertThat(data.path("reasons").toString()).isEqualTo("[\"impossible_travel\"]");
            assertThat(data.path("userId").asText()).isEqualTo(user.toString());
            assertThat(data.path("clientIp").asText()).isEqualTo(EventsProducer.CHANGCHUN);
            assertThat(data.path("location").path("city").asText()).isEqualTo("Changchun");
            assertThat(data.path("location").path("countryCode").asText()).isEqualTo("CN");
            assertThat(data.path("previousSessionId").asText()).isEqualTo(london.toString());
            assertThat(data.path("previousLocation").path("city").asText()).isEqualTo("London");
            assertThat(data.path("speedKmh").asDouble()).isGreaterThan(40_000);
            assertThat(data.path("device").path("browser").asText()).isEqualTo("Chrome 120");
            assertThat(topic.forFirm(firm.firmId().toString())).hasSize(1);
        }
        firm.as(user, london).get("/api/v1/sign-ins/mine").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].sessionId", equalTo(changchun.toString()))
                .body("items[0].unusualReasons", equalTo(List.of("impossible_travel")))
                .body("items[1].unusual", equalTo(false));
    }

    @Test
    void aRedeliveredSignInChangesNothing() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant first = Instant.now().minus(Duration.ofMinutes(10));
        firm.session(user, EventsProducer.LONDON, first);
        UUID far = UUID.randomUUID();
        CloudEvent changchun = EventsProducer.sessionStartedEvent(firm.firmId(), user, far, EventsProducer.CHANGCHUN, Instant.now());
        EventsProducer.send(EventsProducer.IDENTITY, changchun);
        EventsProducer.send(EventsProducer.IDENTITY, changchun);
        // a later event of the same firm proves both copies were consumed before it (one partition per firm)
        UUID later = firm.session(user, EventsProducer.CHANGCHUN, Instant.now().plusSeconds(1));
        firm.as(user, later).get("/api/v1/sign-ins/mine").then().statusCode(200).body("items", hasSize(3));
        try (SessionsTopic topic = new SessionsTopic()) {
            topic.await("dev.lexguard.sessions.signin.unusual", e -> e.path("subject").asText().equals(far.toString()));
            assertThat(topic.forFirm(firm.firmId().toString())).hasSize(1);
        }
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndRecordingCarriesOn() {
        TestFirm firm = Fixtures.firm();
        String key = firm.firmId().toString();
        EventsProducer.sendRaw(EventsProducer.IDENTITY, key, "{\"specversion\":\"1.0\",\"firmid\":\"" + key + "\"");
        UUID session = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now());
        assertThat(session).isNotNull();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(KafkaTestClients.asReaderOf("lexguard.sessions.dlq"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = dlq.partitionsFor("lexguard.sessions.dlq", Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return !mine.isEmpty();
            });
            String reason = new String(mine.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).startsWith("malformed event");
        }
    }

    @Test
    void aNewCountryAfterTheFirstWeekIsUnusual() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(10)));
        UUID sweden = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, sweden, EventsProducer.LINKOPING, now);
        JsonPath flagged = firm.awaitSession(sweden, s -> true);
        // the Swedish test network also has an ASN the user never came from (London's test network has none)
        assertThat(flagged.getList("unusualReasons")).containsExactly("new_country", "new_network");
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await("dev.lexguard.sessions.signin.unusual",
                    e -> e.path("subject").asText().equals(sweden.toString()));
            assertThat(event.path("data").path("location").path("city").asText()).isEqualTo("Linköping");
            assertThat(event.path("data").path("location").path("asn").asLong()).isPositive();
            assertThat(event.path("data").path("speedKmh").asDouble()).isLessThan(900);
        }
    }

    @Test
    void aNewDeviceAfterTheFirstWeekIsUnusualAndAKnownOneIsNot() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(9)));
        UUID known = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, known, EventsProducer.LONDON, now.minus(Duration.ofDays(1)));
        UUID phone = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, phone, EventsProducer.LONDON,
                EventsProducer.SAFARI_IPHONE, null, now);
        assertThat(firm.awaitSession(phone, s -> true).getList("unusualReasons")).containsExactly("new_device");
        firm.asAdmin().get("/api/v1/sessions/{id}", known).then().statusCode(200).body("unusual", equalTo(false));
    }

    @Test
    void portalContactsSessionsAreRecordedAsContacts() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        EventsProducer.portalSignedIn(firm.firmId(), contact, session, EventsProducer.LONDON, Instant.now());
        firm.awaitSession(session, s -> s.getString("actorType").equals("contact"));
        RestAssured.given().auth().oauth2(Tokens.portalContact(firm.firmId(), contact, session))
                .get("/api/v1/sessions/mine").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].current", equalTo(true));
        RestAssured.given().auth().oauth2(Tokens.portalContact(firm.firmId(), contact, session))
                .get("/api/v1/sessions").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/users-only"));
        RestAssured.given().auth().oauth2(Tokens.portalContact(firm.firmId(), contact, session))
                .get("/api/v1/sign-ins/mine").then().statusCode(200).body("items", hasSize(1));
        // a firm user with the same id is someone else
        firm.as(contact, UUID.randomUUID()).get("/api/v1/sessions/mine").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anotherFirmsSessionIsNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID session = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now());
        other.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/not-found"));
        other.asAdmin().get("/api/v1/sessions/{id}", "not-a-uuid").then().statusCode(404);
        firm.as(UUID.randomUUID(), UUID.randomUUID()).get("/api/v1/sessions/{id}", session).then().statusCode(404)
                .body("detail", equalTo("Not found or not yours"));
    }

    @Test
    void aSessionWithoutGeoIpDataHasAnUnknownLocation() {
        TestFirm firm = Fixtures.firm();
        UUID session = firm.session(UUID.randomUUID(), "10.20.30.40", Instant.now());
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200)
                .body("location.countryCode", nullValue()).body("location.city", nullValue())
                .body("clientIp", equalTo("10.20.30.40"));
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        TestFirm firm = Fixtures.firm();
        RestAssured.get("/api/v1/sessions/mine").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().auth().oauth2(Tokens.signedByAnotherKey(firm.firmId(), firm.adminId(), firm.adminSession()))
                .get("/api/v1/sessions").then().statusCode(401);
    }
}
