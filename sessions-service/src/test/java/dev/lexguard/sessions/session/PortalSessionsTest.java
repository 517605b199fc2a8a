package dev.lexguard.sessions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import dev.lexguard.sessions.SessionsTopic;
import dev.lexguard.sessions.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Portal contacts' sessions, from identity's portal events on the real topic (portal.signedIn, portal.signInFailed,
 * portal.sessionEnded), and what a portal token may do here: its own sessions and sign-ins, nothing else.
 */
@QuarkusTest
class PortalSessionsTest {

    private static final String REVOKED = "dev.lexguard.sessions.session.revoked";
    private static final String WATERMARK = "dev.lexguard.sessions.watermark.raised";
    private static final String DISOWNED = "dev.lexguard.sessions.session.disowned";

    private static RequestSpecification asContact(TestFirm firm, UUID contact, UUID session) {
        return RestAssured.given().auth().oauth2(Tokens.portalContact(firm.firmId(), contact, session))
                .contentType(ContentType.JSON);
    }

    private static UUID portalSession(TestFirm firm, UUID contact, String ip, Instant at) {
        UUID session = UUID.randomUUID();
        EventsProducer.portalSignedIn(firm.firmId(), contact, session, ip, at);
        firm.awaitSession(session, s -> true);
        return session;
    }

    @Test
    void aPortalSignInIsTheContactsSessionAndSignIn() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID session = portalSession(firm, contact, EventsProducer.LONDON, Instant.now());

        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(200)
                .body("actorType", equalTo("contact")).body("userId", equalTo(contact.toString()))
                .body("location.city", equalTo("London")).body("device.deviceType", equalTo("mobile"))
                .body("amr", equalTo(List.of("pwd"))).body("active", equalTo(true));
        asContact(firm, contact, session).get("/api/v1/sessions/mine").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(session.toString()))
                .body("items[0].current", equalTo(true));
        asContact(firm, contact, session).get("/api/v1/sessions/{id}", session).then().statusCode(200)
                .body("addresses[0].ip", equalTo(EventsProducer.LONDON));
        asContact(firm, contact, session).get("/api/v1/sign-ins/mine").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].outcome", equalTo("succeeded"))
                .body("items[0].actorType", equalTo("contact")).body("items[0].sessionId", equalTo(session.toString()));
        firm.asAdmin().get("/api/v1/sessions?actorType=contact").then().statusCode(200)
                .body("items.id", equalTo(List.of(session.toString())));
        // a firm user with the contact's id is someone else
        firm.as(contact, UUID.randomUUID()).get("/api/v1/sessions/mine").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void failedPortalSignInsAreInTheHistory() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID session = portalSession(firm, contact, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        EventsProducer.portalSignInFailed(firm.firmId(), contact, "client@example.test", "wrong_password",
                EventsProducer.CHANGCHUN);
        EventsProducer.portalSignInFailed(firm.firmId(), null, "nobody@example.test", "unknown_account",
                EventsProducer.LINKOPING);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.asAdmin()
                .get("/api/v1/sign-ins?actorType=contact&outcome=failed").then().statusCode(200).body("items", hasSize(2)));
        asContact(firm, contact, session).get("/api/v1/sign-ins/mine?outcome=failed").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].failureReason", equalTo("wrong_password"))
                .body("items[0].clientIp", equalTo(EventsProducer.CHANGCHUN))
                .body("items[0].location.city", equalTo("Changchun"));
    }

    @Test
    void identityEndingAPortalSessionEndsItHere() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID session = portalSession(firm, contact, EventsProducer.LONDON, Instant.now());
        EventsProducer.portalSessionEnded(firm.firmId(), contact, session, "logout");
        firm.awaitSession(session, s -> !s.getBoolean("active"));
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("endReason", equalTo("logout"))
                .body("endedBy", equalTo(contact.toString()));
    }

    @Test
    void aContactEndsTheirOwnPortalSessionWithAnEventForIdentityAndTheGateway() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID laptop = portalSession(firm, contact, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID phone = portalSession(firm, contact, EventsProducer.LINKOPING, Instant.now());

        asContact(firm, contact, phone).delete("/api/v1/sessions/{id}", laptop).then().statusCode(204);
        firm.asAdmin().get("/api/v1/sessions/{id}", laptop).then().body("active", equalTo(false))
                .body("endReason", equalTo("ended_by_user"));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await(REVOKED, e -> e.path("subject").asText().equals(laptop.toString()));
            assertThat(event.path("actortype").asText()).isEqualTo("contact");
            assertThat(event.path("data").path("actorType").asText()).isEqualTo("contact");
            assertThat(event.path("data").path("userId").asText()).isEqualTo(contact.toString());
            assertThat(event.path("data").path("revokedBy").asText()).isEqualTo(contact.toString());
        }
    }

    @Test
    void aContactsNotMeEndsAllTheirPortalSessions() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID mine = portalSession(firm, contact, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID intruder = portalSession(firm, contact, EventsProducer.CHANGCHUN, Instant.now());

        asContact(firm, contact, mine).post("/api/v1/sessions/{id}/not-me", mine).then().statusCode(422);
        asContact(firm, contact, mine).post("/api/v1/sessions/{id}/not-me", intruder).then().statusCode(204);
        firm.asAdmin().get("/api/v1/sessions/{id}", intruder).then().body("endReason", equalTo("not_me"));
        firm.asAdmin().get("/api/v1/sessions/{id}", mine).then().body("active", equalTo(false));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode disowned = topic.await(DISOWNED, e -> e.path("subject").asText().equals(intruder.toString()));
            assertThat(disowned.path("data").path("actorType").asText()).isEqualTo("contact");
            JsonNode watermark = topic.await(WATERMARK, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            assertThat(watermark.path("data").path("scope").asText()).isEqualTo("user");
            assertThat(watermark.path("data").path("userId").asText()).isEqualTo(contact.toString());
            assertThat(watermark.path("data").path("actorType").asText()).isEqualTo("contact");
        }
    }

    @Test
    void aPortalTokenReachesNothingButItsOwnSessionsAndSignIns() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        UUID session = portalSession(firm, contact, EventsProducer.LONDON, Instant.now());
        UUID usersSession = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now());
        UUID otherContactsSession = portalSession(firm, UUID.randomUUID(), EventsProducer.LONDON, Instant.now());

        for (String path : List.of("/api/v1/sessions", "/api/v1/sessions/export", "/api/v1/sessions/policy",
                "/api/v1/sign-ins")) {
            asContact(firm, contact, session).get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/users-only"));
        }
        for (String path : List.of("/api/v1/sessions/end-all", "/api/v1/sessions/mine/end-others",
                "/api/v1/sessions/users/" + contact + "/end?actorType=contact")) {
            asContact(firm, contact, session).post(path).then().statusCode(403)
                    .body("type", equalTo("https://lexguard.dev/problems/users-only"));
        }
        asContact(firm, contact, session).body("{\"users\":{\"idleMinutes\":null,\"absoluteMinutes\":null},"
                + "\"administrators\":{\"idleMinutes\":null,\"absoluteMinutes\":null},"
                + "\"contacts\":{\"idleMinutes\":null,\"absoluteMinutes\":null}}")
                .put("/api/v1/sessions/policy").then().statusCode(403);
        for (UUID foreign : List.of(usersSession, otherContactsSession)) {
            asContact(firm, contact, session).get("/api/v1/sessions/{id}", foreign).then().statusCode(404);
            asContact(firm, contact, session).delete("/api/v1/sessions/{id}", foreign).then().statusCode(404);
            asContact(firm, contact, session).post("/api/v1/sessions/{id}/not-me", foreign).then().statusCode(404);
            firm.asAdmin().get("/api/v1/sessions/{id}", foreign).then().body("active", equalTo(true));
        }
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("active", equalTo(true));
    }
}
