package dev.lexguard.identity.revocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.DeviceApp;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** sessions-service's revocations, published to lexguard.sessions.events, take effect here. */
@QuarkusTest
class SessionRevocationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    record Signed(String sessionId, String refreshToken) {
    }

    private static Signed signIn(String email, String password) {
        ValidatableResponse login = Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200);
        return new Signed(login.extract().path("sessionId"), login.extract().path("refreshToken"));
    }

    private static void awaitConsumed(UUID eventId) {
        await().atMost(WAIT).until(() -> EventsProducer.consumed(SessionsEventsConsumer.CONSUMER, eventId));
    }

    private static boolean ended(String sessionId) {
        return Db.row("select ended_at from session where id = ?", UUID.fromString(sessionId)).get("ended_at") != null;
    }

    private static Map<String, Object> watermark(String scope, String userId, Instant before, String except) {
        Map<String, Object> data = new HashMap<>();
        data.put("scope", scope);
        data.put("userId", userId);
        data.put("actorType", userId == null ? null : "user");
        data.put("revokedBefore", before.toString());
        data.put("exceptSessionId", except);
        data.put("reason", "all_sessions_ended");
        return data;
    }

    @Test
    void aRevokedSessionsRefreshTokenStopsWorking() {
        TestFirm firm = Fixtures.firm();
        Signed other = signIn(firm.ownerEmail(), firm.password());
        UUID event = EventsProducer.sessions("session.revoked", firm.firmId(), firm.sessionId(), firm.ownerId(),
                Map.of("sessionId", firm.sessionId(), "userId", firm.ownerId(), "actorType", "user",
                        "reason", "ended_by_user", "revokedAt", Instant.now().toString(), "revokedBy", firm.ownerId()));
        awaitConsumed(event);
        Fixtures.refresh(firm.refreshToken()).statusCode(401);
        Fixtures.refresh(other.refreshToken()).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode endedEvent = topic.await("dev.lexguard.identity.session.ended",
                    e -> e.path("subject").asText().equals(firm.sessionId()));
            assertThat(endedEvent.path("data").path("reason").asText()).isEqualTo("revoked");
        }
    }

    @Test
    void aUserWatermarkEndsTheUsersOlderSessionsExceptTheNamedOne() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Signed kept = signIn(member.email(), member.password());
        Signed older = signIn(member.email(), member.password());
        Instant before = Instant.now();
        Signed later = signIn(member.email(), member.password());
        Db.update("update session set created_at = ? where id = ?", Timestamp.from(before.plusSeconds(1)),
                UUID.fromString(later.sessionId()));
        UUID event = EventsProducer.sessions("watermark.raised", firm.firmId(), member.userId(), member.userId(),
                watermark("user", member.userId(), before, kept.sessionId()));
        awaitConsumed(event);
        assertThat(ended(older.sessionId())).isTrue();
        assertThat(ended(member.sessionId())).isTrue();
        assertThat(ended(kept.sessionId())).isFalse();
        assertThat(ended(later.sessionId())).isFalse();
        assertThat(ended(firm.sessionId())).isFalse();
        Fixtures.refresh(older.refreshToken()).statusCode(401);
        Fixtures.refresh(kept.refreshToken()).statusCode(200);
        Fixtures.refresh(later.refreshToken()).statusCode(200);
        Fixtures.refresh(firm.refreshToken()).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            assertThat(topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText()
                    .equals(older.sessionId())).path("data").path("reason").asText()).isEqualTo("watermark_raised");
        }
    }

    @Test
    void aFirmWatermarkEndsEverySessionOfTheFirmAndOnlyThatFirm() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        TestFirm other = Fixtures.firm();
        UUID event = EventsProducer.sessions("watermark.raised", firm.firmId(), firm.firmId(), firm.ownerId(),
                watermark("firm", null, Instant.now(), null));
        awaitConsumed(event);
        Fixtures.refresh(firm.refreshToken()).statusCode(401);
        Fixtures.refresh(member.refreshToken()).statusCode(401);
        Fixtures.refresh(other.refreshToken()).statusCode(200);
        // signing in again afterwards works: the watermark covers only sessions that started before it
        Signed fresh = signIn(member.email(), member.password());
        Fixtures.refresh(fresh.refreshToken()).statusCode(200);
    }

    @Test
    void aWatermarkAlsoSignsOutTheDevicesRegisteredBeforeIt() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), "4827");
        DeviceApp.unlock(device, "4827").statusCode(200);
        UUID event = EventsProducer.sessions("watermark.raised", firm.firmId(), firm.ownerId(), firm.ownerId(),
                watermark("user", firm.ownerId(), Instant.now(), null));
        awaitConsumed(event);
        DeviceApp.unlock(device, "4827").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-device-credential"));
        assertThat(Db.row("select status from device where id = ?", UUID.fromString(device.id())).get("status"))
                .isEqualTo("signed_out");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode signedOut = topic.await("dev.lexguard.identity.device.signedOut",
                    e -> e.path("subject").asText().equals(device.id()));
            assertThat(signedOut.path("data").path("by").asText()).isEqualTo("revocation");
        }
    }

    @Test
    void aRefreshThatRacedTheWatermarkIsStillRefusedAfterIt() {
        TestFirm firm = Fixtures.firm();
        UUID event = EventsProducer.sessions("watermark.raised", firm.firmId(), firm.ownerId(), firm.ownerId(),
                watermark("user", firm.ownerId(), Instant.now(), null));
        awaitConsumed(event);
        // as if a refresh in flight had written the session back after the handler ended it: the recorded watermark
        // still refuses every later refresh of it
        Db.update("update session set ended_at = null, end_reason = null where id = ?", UUID.fromString(firm.sessionId()));
        Fixtures.refresh(firm.refreshToken()).statusCode(401);
    }

    private static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp()).body(body)
                .post(path).then();
    }

    private static String challenge(String email, String password) {
        return Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
    }

    @Test
    void aDisownedSessionEndsEverythingAndForcesANewSecondFactorWithoutDroppingTheOldOne() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Fixtures.SecondFactor old = Fixtures.enrolTotp(member.accessToken());

        UUID event = EventsProducer.sessions("session.disowned", firm.firmId(), member.sessionId(), member.userId(),
                Map.of("sessionId", member.sessionId(), "userId", member.userId(), "actorType", "user",
                        "markedBy", member.userId(), "clientIp", "203.0.113.9"));
        awaitConsumed(event);
        assertThat(ended(member.sessionId())).isTrue();
        Fixtures.refresh(member.refreshToken()).statusCode(401);
        // the second factor and its recovery codes are kept: the account is not weaker than before
        assertThat(Db.row("select active_secret from two_factor where user_id = ?", UUID.fromString(member.userId()))
                .get("active_secret")).isNotNull();
        assertThat(Db.row("select count(*) as n from recovery_code where user_id = ?", UUID.fromString(member.userId()))
                .get("n")).isEqualTo(10L);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/password-reset-required"));
        try (IdentityTopic topic = new IdentityTopic()) {
            assertThat(topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText()
                    .equals(member.sessionId())).path("data").path("reason").asText()).isEqualTo("disowned");
            topic.await("dev.lexguard.identity.signin.failed", e -> e.path("subject").asText().equals(member.userId())
                    && e.path("data").path("reason").asText().equals("password_reset_required"));
        }

        // the reset still asks for the second factor the user has
        given().contentType(ContentType.JSON).body(Map.of("email", member.email())).post("/api/v1/auth/password-reset")
                .then().statusCode(202);
        String resetId;
        try (IdentityTopic topic = new IdentityTopic()) {
            resetId = topic.await("dev.lexguard.identity.password.resetRequested",
                    e -> e.path("subject").asText().equals(member.userId())).path("data").path("resetId").asText();
        }
        String token = Fixtures.mailerToken("password-resets", resetId);
        String newPassword = "amber meadow signal quartz";
        post("/api/v1/auth/password-reset/complete", Map.of("token", token, "newPassword", newPassword)).statusCode(400);
        post("/api/v1/auth/password-reset/complete", Map.of("token", token, "newPassword", newPassword,
                "code", TotpCodes.at(old.secret(), 1))).statusCode(204);

        // password and the old second factor: only an enrolment token, no access token
        String enrolment = post("/api/v1/auth/login/two-factor", Map.of("challengeToken",
                challenge(member.email(), newPassword), "recoveryCode", old.recoveryCodes().get(0))).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required")).body("accessToken", equalTo(null))
                .body("refreshToken", equalTo(null)).extract().path("enrollmentToken");
        given().auth().oauth2(enrolment).get("/api/v1/me").then().statusCode(401);
        // until the new secret is confirmed, the next sign-in ends the same way
        post("/api/v1/auth/login/two-factor", Map.of("challengeToken", challenge(member.email(), newPassword),
                "recoveryCode", old.recoveryCodes().get(1))).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required"));

        String secret = post("/api/v1/two-factor/enrolment-token", Map.of("enrollmentToken", enrolment)).statusCode(200)
                .extract().path("secret");
        assertThat(secret).isNotEqualTo(old.secret());
        List<String> recoveryCodes = post("/api/v1/two-factor/enrolment-token/confirm", Map.of("enrollmentToken", enrolment,
                "code", TotpCodes.now(secret))).statusCode(200).body("status", equalTo("authenticated"))
                .body("accessToken", org.hamcrest.Matchers.notNullValue()).extract().path("recoveryCodes");
        assertThat(recoveryCodes).hasSize(10).doesNotContainAnyElementsOf(old.recoveryCodes());

        // the old recovery codes are gone with the old secret; the new ones sign in fully
        post("/api/v1/auth/login/two-factor", Map.of("challengeToken", challenge(member.email(), newPassword),
                "recoveryCode", old.recoveryCodes().get(2))).statusCode(401);
        post("/api/v1/auth/login/two-factor", Map.of("challengeToken", challenge(member.email(), newPassword),
                "recoveryCode", recoveryCodes.get(0))).statusCode(200).body("status", equalTo("authenticated"));
    }

    @Test
    void aDisownedSessionOfAUserWithoutASecondFactorRequiresOnlyThePasswordReset() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        UUID event = EventsProducer.sessions("session.disowned", firm.firmId(), member.sessionId(), member.userId(),
                Map.of("sessionId", member.sessionId(), "userId", member.userId(), "actorType", "user",
                        "markedBy", member.userId(), "clientIp", "203.0.113.9"));
        awaitConsumed(event);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/password-reset-required"));
        assertThat(Db.row("select two_factor_reenrolment_required from app_user where id = ?",
                UUID.fromString(member.userId())).get("two_factor_reenrolment_required")).isEqualTo(false);
    }

    @Test
    void eventsOfPortalContactsAndUnknownSessionsChangeNothing() {
        TestFirm firm = Fixtures.firm();
        UUID contact = EventsProducer.sessions("session.revoked", firm.firmId(), firm.sessionId(), firm.ownerId(),
                Map.of("sessionId", firm.sessionId(), "userId", firm.ownerId(), "actorType", "contact",
                        "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
        UUID unknown = EventsProducer.sessions("session.revoked", firm.firmId(), UUID.randomUUID().toString(),
                firm.ownerId(), Map.of("sessionId", UUID.randomUUID().toString(), "userId", firm.ownerId(),
                        "actorType", "user", "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
        UUID foreign = EventsProducer.sessions("session.revoked", UUID.randomUUID().toString(), firm.sessionId(),
                firm.ownerId(), Map.of("sessionId", firm.sessionId(), "userId", firm.ownerId(),
                        "actorType", "user", "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
        for (UUID event : List.of(contact, unknown, foreign)) {
            awaitConsumed(event);
        }
        Fixtures.refresh(firm.refreshToken()).statusCode(200);
    }
}
