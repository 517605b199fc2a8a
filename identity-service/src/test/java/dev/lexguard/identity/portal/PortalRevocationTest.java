package dev.lexguard.identity.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * sessions-service's revocations of portal contacts' sessions (a contact ending one, "not me", an administrator, a
 * lifetime, the firm's end-all) reach the portal sessions here: their refresh tokens stop working and
 * portal.sessionEnded (which the gateway follows) is published for each.
 */
@QuarkusTest
class PortalRevocationTest {

    private static final String PASSWORD = "amber kettle north meadow";
    private static final String REVOCATIONS_CONSUMER = "identity-sessions-revocations";

    private record Portal(String accountId, String sessionId, String refreshToken) {
    }

    private static String activeContactEmail(TestFirm firm) {
        String contactId = UUID.randomUUID().toString();
        String email = Fixtures.uniqueEmail("casey");
        UUID requested = EventsProducer.publish("lexguard.sharing.events", "sharing-service",
                SharingEventsConsumer.PORTAL_ACCESS_REQUESTED, firm.firmId(), contactId, firm.ownerId(),
                Map.of("contactId", contactId, "email", email, "name", "Casey Client", "kind", "client"));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(SharingEventsConsumer.CONSUMER, requested));
        String invitationId;
        try (IdentityTopic topic = new IdentityTopic()) {
            invitationId = topic.await(PortalEvents.INVITED, e -> e.path("subject").asText().length() > 0
                    && e.path("data").path("email").asText().equals(email)).path("data").path("invitationId").asText();
        }
        given().contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + Fixtures.mailerToken("portal-invitations", invitationId))
                .then().statusCode(200);
        return email;
    }

    private static Portal signIn(TestFirm firm, String email) {
        ValidatableResponse login = given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("firmId", firm.firmId(), "email", email, "password", PASSWORD))
                .post("/api/v1/portal-auth/login").then().statusCode(200);
        String access = login.extract().path("accessToken");
        return new Portal(subject(access), login.extract().path("sessionId"), login.extract().path("refreshToken"));
    }

    private static String subject(String jwt) {
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return claims.path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/portal-auth/refresh").then();
    }

    private static void awaitConsumed(UUID event) {
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(REVOCATIONS_CONSUMER, event));
    }

    private static JsonNode sessionEnded(String sessionId) {
        try (IdentityTopic topic = new IdentityTopic()) {
            return topic.await(PortalEvents.SESSION_ENDED, e -> e.path("data").path("sessionId").asText().equals(sessionId));
        }
    }

    @Test
    void aPortalSessionRevokedInSessionsServiceEndsHereAndItsRefreshStops() {
        TestFirm firm = Fixtures.firm();
        String email = activeContactEmail(firm);
        Portal revoked = signIn(firm, email);
        Portal kept = signIn(firm, email);

        UUID event = EventsProducer.sessions("session.revoked", firm.firmId(), revoked.sessionId(), revoked.accountId(),
                Map.of("sessionId", revoked.sessionId(), "userId", revoked.accountId(), "actorType", "contact",
                        "reason", "ended_by_user", "revokedAt", Instant.now().toString(), "revokedBy", revoked.accountId()));
        awaitConsumed(event);
        refresh(revoked.refreshToken()).statusCode(401);
        refresh(kept.refreshToken()).statusCode(200);
        JsonNode ended = sessionEnded(revoked.sessionId());
        assertThat(ended.path("data").path("reason").asText()).isEqualTo("revoked");
        assertThat(ended.path("data").path("accountId").asText()).isEqualTo(revoked.accountId());
    }

    @Test
    void aContactsWatermarkEndsTheirOlderPortalSessionsButTheNamedOne() {
        TestFirm firm = Fixtures.firm();
        String email = activeContactEmail(firm);
        Portal current = signIn(firm, email);
        Portal intruder = signIn(firm, email);
        Instant before = Instant.now();
        Portal later = signIn(firm, email);
        Db.update("update portal_session set created_at = ? where id = ?", Timestamp.from(before.plusSeconds(1)),
                UUID.fromString(later.sessionId()));

        Map<String, Object> data = new HashMap<>();
        data.put("scope", "user");
        data.put("userId", current.accountId());
        data.put("actorType", "contact");
        data.put("revokedBefore", before.toString());
        data.put("exceptSessionId", current.sessionId());
        data.put("reason", "not_me");
        data.put("revokedBy", current.accountId());
        awaitConsumed(EventsProducer.sessions("watermark.raised", firm.firmId(), current.accountId(),
                current.accountId(), data));
        refresh(intruder.refreshToken()).statusCode(401);
        refresh(current.refreshToken()).statusCode(200);
        refresh(later.refreshToken()).statusCode(200);
        assertThat(sessionEnded(intruder.sessionId()).path("data").path("reason").asText()).isEqualTo("watermark_raised");
    }

    @Test
    void aFirmWatermarkEndsTheFirmsPortalSessionsToo() {
        TestFirm firm = Fixtures.firm();
        Portal portal = signIn(firm, activeContactEmail(firm));
        TestFirm other = Fixtures.firm();
        Portal elsewhere = signIn(other, activeContactEmail(other));
        Map<String, Object> data = new HashMap<>();
        data.put("scope", "firm");
        data.put("userId", null);
        data.put("revokedBefore", Instant.now().plusSeconds(1).toString());
        data.put("exceptSessionId", null);
        data.put("reason", "ended_by_administrator");
        data.put("revokedBy", firm.ownerId());
        awaitConsumed(EventsProducer.sessions("watermark.raised", firm.firmId(), firm.firmId(), firm.ownerId(), data));
        refresh(portal.refreshToken()).statusCode(401);
        refresh(elsewhere.refreshToken()).statusCode(200);
    }
}
