package dev.lexguard.sessions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import dev.lexguard.sessions.SessionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ending sessions: one, a user's, mine but current, the firm's, "not me", deactivation; events on the real topic. */
@QuarkusTest
class SessionEndingTest {

    private static final String REVOKED = "dev.lexguard.sessions.session.revoked";
    private static final String WATERMARK = "dev.lexguard.sessions.watermark.raised";

    @Test
    void endingASessionProducesTheRevokedEvent() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID current = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(120));
        UUID other = firm.session(user, EventsProducer.LINKOPING, Instant.now());
        firm.as(user, current).delete("/api/v1/sessions/{id}", other).then().statusCode(204);

        firm.as(user, current).get("/api/v1/sessions/{id}", other).then().statusCode(200)
                .body("active", equalTo(false)).body("endReason", equalTo("ended_by_user"))
                .body("endedBy", equalTo(user.toString()));
        firm.as(user, current).get("/api/v1/sessions/{id}", current).then().statusCode(200).body("active", equalTo(true));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(REVOKED, e -> e.path("subject").asText().equals(other.toString()));
            assertThat(event.path("actorid").asText()).isEqualTo(user.toString());
            assertThat(event.path("actortype").asText()).isEqualTo("user");
            JsonNode data = event.path("data");
            assertThat(data.path("sessionId").asText()).isEqualTo(other.toString());
            assertThat(data.path("userId").asText()).isEqualTo(user.toString());
            assertThat(data.path("actorType").asText()).isEqualTo("user");
            assertThat(data.path("reason").asText()).isEqualTo("ended_by_user");
            assertThat(data.path("revokedBy").asText()).isEqualTo(user.toString());
            assertThat(Instant.parse(data.path("revokedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void endingAnEndedSessionAgainIsIdempotentWithoutASecondEvent() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = firm.session(user, EventsProducer.LONDON, Instant.now());
        firm.asAdmin().delete("/api/v1/sessions/{id}", session).then().statusCode(204);
        firm.asAdmin().delete("/api/v1/sessions/{id}", session).then().statusCode(204);
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200)
                .body("endReason", equalTo("ended_by_administrator")).body("endedBy", equalTo(firm.adminId().toString()));
        // a later event of the same firm proves nothing else was published in between (one partition per firm)
        UUID marker = firm.session(user, EventsProducer.LONDON, Instant.now());
        firm.asAdmin().delete("/api/v1/sessions/{id}", marker).then().statusCode(204);
        try (SessionsTopic topic = new SessionsTopic()) {
            topic.await(REVOKED, e -> e.path("subject").asText().equals(marker.toString()));
            assertThat(topic.forFirm(firm.firmId().toString()).stream()
                    .filter(e -> e.path("subject").asText().equals(session.toString()))).hasSize(1);
        }
    }

    @Test
    void someoneElsesOrAnotherFirmsSessionIsNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID owner = UUID.randomUUID();
        UUID session = firm.session(owner, EventsProducer.LONDON, Instant.now());
        UUID colleague = UUID.randomUUID();
        firm.as(colleague, UUID.randomUUID()).delete("/api/v1/sessions/{id}", session).then().statusCode(404)
                .contentType("application/problem+json");
        other.asAdmin().delete("/api/v1/sessions/{id}", session).then().statusCode(404);
        other.asAdmin().delete("/api/v1/sessions/{id}", UUID.randomUUID()).then().statusCode(404);
        firm.as(colleague, UUID.randomUUID()).post("/api/v1/sessions/{id}/not-me", session).then().statusCode(404);
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void endingAllMySessionsButTheCurrentOneIsOneWatermark() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID current = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(300));
        UUID second = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(200));
        UUID third = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(100));
        UUID colleagues = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now().minusSeconds(100));

        firm.as(user, current).post("/api/v1/sessions/mine/end-others").then().statusCode(200).body("ended", equalTo(2));
        firm.as(user, current).get("/api/v1/sessions/mine?status=active").then().statusCode(200)
                .body("items.id", equalTo(List.of(current.toString())));
        firm.asAdmin().get("/api/v1/sessions/{id}", second).then().body("endReason", equalTo("ended_by_user"));
        firm.asAdmin().get("/api/v1/sessions/{id}", third).then().body("active", equalTo(false));
        firm.asAdmin().get("/api/v1/sessions/{id}", colleagues).then().body("active", equalTo(true));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            JsonNode data = event.path("data");
            assertThat(data.path("scope").asText()).isEqualTo("user");
            assertThat(data.path("userId").asText()).isEqualTo(user.toString());
            assertThat(data.path("actorType").asText()).isEqualTo("user");
            assertThat(data.path("exceptSessionId").asText()).isEqualTo(current.toString());
            assertThat(data.path("reason").asText()).isEqualTo("ended_by_user");
            assertThat(topic.forFirm(firm.firmId().toString()).stream().map(e -> e.path("type").asText()))
                    .containsExactly(WATERMARK);
        }
    }

    @Test
    void firmWideEndingIsOneWatermarkEvent() {
        TestFirm firm = Fixtures.firm();
        UUID adminsSession = firm.session(firm.adminId(), EventsProducer.LONDON, Instant.now().minusSeconds(60));
        assertThat(adminsSession).isNotNull();
        List<UUID> sessions = List.of(
                firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now().minusSeconds(50)),
                firm.session(UUID.randomUUID(), EventsProducer.LINKOPING, Instant.now().minusSeconds(40)),
                firm.session(UUID.randomUUID(), EventsProducer.CHANGCHUN, Instant.now().minusSeconds(30)));
        TestFirm asAdminOnThatSession = new TestFirm(firm.firmId(), firm.adminId(), adminsSession);

        asAdminOnThatSession.asSteppedUpAdmin().post("/api/v1/sessions/end-all").then().statusCode(200).body("ended", equalTo(3));
        for (UUID session : sessions) {
            firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200)
                    .body("active", equalTo(false)).body("endReason", equalTo("ended_by_administrator"));
        }
        firm.asAdmin().get("/api/v1/sessions/{id}", adminsSession).then().body("active", equalTo(true));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            assertThat(event.path("subject").asText()).isEqualTo(firm.firmId().toString());
            JsonNode data = event.path("data");
            assertThat(data.path("scope").asText()).isEqualTo("firm");
            assertThat(data.path("userId").isNull()).isTrue();
            assertThat(data.path("exceptSessionId").asText()).isEqualTo(adminsSession.toString());
            assertThat(data.path("reason").asText()).isEqualTo("ended_by_administrator");
            assertThat(data.path("revokedBy").asText()).isEqualTo(firm.adminId().toString());
            assertThat(topic.forFirm(firm.firmId().toString())).hasSize(1);
        }
    }

    @Test
    void firmWideEndingCanIncludeTheCallersSession() {
        TestFirm firm = Fixtures.firm();
        UUID adminsSession = firm.session(firm.adminId(), EventsProducer.LONDON, Instant.now().minusSeconds(60));
        new TestFirm(firm.firmId(), firm.adminId(), adminsSession).asSteppedUpAdmin()
                .post("/api/v1/sessions/end-all?includeCurrent=true").then().statusCode(200).body("ended", equalTo(1));
        firm.asAdmin().get("/api/v1/sessions/{id}", adminsSession).then().body("active", equalTo(false));
    }

    @Test
    void onlyAdministratorsEndOtherPeoplesSessionsInBulk() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = firm.session(user, EventsProducer.LONDON, Instant.now());
        firm.as(user, session).post("/api/v1/sessions/end-all").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(user, session).post("/api/v1/sessions/users/{id}/end", user).then().statusCode(403);
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("active", equalTo(true));
    }

    @Test
    void anAdministratorEndsAllOfOneUsersSessions() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID first = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID second = firm.session(user, EventsProducer.LINKOPING, Instant.now());
        UUID bystander = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now());
        firm.asAdmin().post("/api/v1/sessions/users/{id}/end", user).then().statusCode(200).body("ended", equalTo(2));
        firm.asAdmin().get("/api/v1/sessions/{id}", first).then().body("active", equalTo(false));
        firm.asAdmin().get("/api/v1/sessions/{id}", second).then().body("endReason", equalTo("ended_by_administrator"));
        firm.asAdmin().get("/api/v1/sessions/{id}", bystander).then().body("active", equalTo(true));
        firm.asAdmin().post("/api/v1/sessions/users/{id}/end", UUID.randomUUID()).then().statusCode(404);
        firm.asAdmin().post("/api/v1/sessions/users/{id}/end?actorType=robot", user).then().statusCode(400)
                .body("errors[0].field", equalTo("actorType"));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode data = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString())).path("data");
            assertThat(data.path("scope").asText()).isEqualTo("user");
            assertThat(data.path("userId").asText()).isEqualTo(user.toString());
            assertThat(data.path("exceptSessionId").isNull()).isTrue();
        }
    }

    @Test
    void notMeDisownsTheSessionAndEndsAllTheUsersSessions() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID mine = firm.session(user, EventsProducer.LONDON, Instant.now().minus(Duration.ofMinutes(10)));
        UUID intruder = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, intruder, EventsProducer.CHANGCHUN, Instant.now());
        firm.awaitSession(intruder, s -> s.getBoolean("unusual"));

        firm.as(user, mine).post("/api/v1/sessions/{id}/not-me", mine).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/current-session"));
        firm.as(user, mine).post("/api/v1/sessions/{id}/not-me", intruder).then().statusCode(204);
        firm.as(user, mine).post("/api/v1/sessions/{id}/not-me", intruder).then().statusCode(204);

        firm.asAdmin().get("/api/v1/sessions/{id}", intruder).then().body("endReason", equalTo("not_me"))
                .body("disownedAt", org.hamcrest.Matchers.notNullValue());
        firm.asAdmin().get("/api/v1/sessions/{id}", mine).then().body("active", equalTo(false)).body("endReason", equalTo("not_me"));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode disowned = topic.await("dev.lexguard.sessions.session.disowned",
                    e -> e.path("subject").asText().equals(intruder.toString()));
            assertThat(disowned.path("data").path("userId").asText()).isEqualTo(user.toString());
            assertThat(disowned.path("data").path("markedBy").asText()).isEqualTo(user.toString());
            assertThat(disowned.path("data").path("clientIp").asText()).isEqualTo(EventsProducer.CHANGCHUN);
            JsonNode watermark = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            assertThat(watermark.path("data").path("reason").asText()).isEqualTo("not_me");
            assertThat(watermark.path("data").path("exceptSessionId").isNull()).isTrue();
            List<String> types = topic.forFirm(firm.firmId().toString()).stream().map(e -> e.path("type").asText()).toList();
            assertThat(types).containsExactly("dev.lexguard.sessions.signin.unusual", "dev.lexguard.sessions.session.disowned",
                    WATERMARK);
        }
    }

    @Test
    void aDeactivatedUsersSessionsEndWithOneWatermark() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID first = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID second = firm.session(user, EventsProducer.LONDON, Instant.now());
        EventsProducer.userDeactivated(firm.firmId(), user, firm.adminId());
        firm.awaitSession(first, s -> "user_deactivated".equals(s.getString("endReason")));
        firm.awaitSession(second, s -> "user_deactivated".equals(s.getString("endReason")));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            assertThat(event.path("data").path("reason").asText()).isEqualTo("user_deactivated");
            assertThat(event.path("data").path("userId").asText()).isEqualTo(user.toString());
            assertThat(event.path("data").path("revokedBy").asText()).isEqualTo(firm.adminId().toString());
        }
    }

    @Test
    void aWipedDevicesSessionsEndEachWithItsOwnEvent() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, ActorType.USER, phone, EventsProducer.LONDON,
                EventsProducer.SAFARI_IPHONE, device, Instant.now().minusSeconds(30));
        firm.awaitSession(phone, s -> true);
        // the session that registered the device learns its id from device.registered
        UUID registering = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(20));
        EventsProducer.deviceRegistered(firm.firmId(), user, device, registering);
        firm.awaitSession(registering, s -> device.toString().equals(s.getString("device.mobileDeviceId")));
        UUID laptop = firm.session(user, EventsProducer.LONDON, Instant.now());
        EventsProducer.deviceWiped(firm.firmId(), user, device);
        firm.awaitSession(phone, s -> "device_wiped".equals(s.getString("endReason")));
        firm.awaitSession(registering, s -> "device_wiped".equals(s.getString("endReason")));
        firm.asAdmin().get("/api/v1/sessions/{id}", laptop).then().body("active", equalTo(true));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(REVOKED, e -> e.path("subject").asText().equals(phone.toString()));
            assertThat(event.path("data").path("reason").asText()).isEqualTo("device_wiped");
            assertThat(event.path("actortype").asText()).isEqualTo("system");
        }
    }

    @Test
    void aSessionStartedBeforeAWatermarkButReportedAfterItIsEndedOnArrival() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID current = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(30));
        Instant startedEarlier = Instant.now().minusSeconds(10);
        firm.as(user, current).post("/api/v1/sessions/mine/end-others").then().statusCode(200);
        UUID late = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), user, late, EventsProducer.LONDON, startedEarlier);
        firm.awaitSession(late, s -> true);
        firm.asAdmin().get("/api/v1/sessions/{id}", late).then().body("active", equalTo(false))
                .body("endReason", equalTo("ended_by_user"));
        firm.asAdmin().get("/api/v1/sessions/{id}", current).then().body("active", equalTo(true));
    }
}
