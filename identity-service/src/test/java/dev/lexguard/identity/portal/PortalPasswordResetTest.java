package dev.lexguard.identity.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A contact's "this wasn't me" leaves the portal account stronger (a password reset, and a new second factor if it
 * had one), and a contact resets a forgotten password by a mailed single-use link.
 */
@QuarkusTest
class PortalPasswordResetTest {

    private static final String PASSWORD = "amber kettle north meadow";
    private static final String NEW_PASSWORD = "copper lantern winter tide";
    private static final String REVOCATIONS_CONSUMER = "identity-sessions-revocations";
    private static final String RESETS = "/api/v1/portal-auth/password-resets";

    private record Contact(String id, String email) {
    }

    private record Portal(String sessionId, String refreshToken, String accessToken) {
    }

    private static Contact activeContact(TestFirm firm) {
        String contactId = UUID.randomUUID().toString();
        String email = Fixtures.uniqueEmail("casey");
        UUID requested = EventsProducer.publish("lexguard.sharing.events", "sharing-service",
                SharingEventsConsumer.PORTAL_ACCESS_REQUESTED, firm.firmId(), contactId, firm.ownerId(),
                Map.of("contactId", contactId, "email", email, "name", "Casey Client", "kind", "client"));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(SharingEventsConsumer.CONSUMER, requested));
        given().contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + Fixtures.mailerToken("portal-invitations", invitationId(contactId)))
                .then().statusCode(200);
        return new Contact(contactId, email);
    }

    private static String invitationId(String contactId) {
        try (IdentityTopic topic = new IdentityTopic()) {
            return topic.await(PortalEvents.INVITED, e -> e.path("subject").asText().equals(contactId))
                    .path("data").path("invitationId").asText();
        }
    }

    private static ValidatableResponse login(TestFirm firm, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("firmId", firm.firmId(), "email", email, "password", password))
                .post("/api/v1/portal-auth/login").then();
    }

    private static Portal signIn(TestFirm firm, String email) {
        ValidatableResponse login = login(firm, email, PASSWORD).statusCode(200).body("status", equalTo("authenticated"));
        return new Portal(login.extract().path("sessionId"), login.extract().path("refreshToken"),
                login.extract().path("accessToken"));
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp()).body(body)
                .post(path).then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return post("/api/v1/portal-auth/refresh", Map.of("refreshToken", refreshToken));
    }

    /** What sessions-service publishes when a contact marks one of their portal sessions as not theirs. */
    private static void notMe(TestFirm firm, Contact contact, Portal thief) {
        UUID event = EventsProducer.sessions("session.disowned", firm.firmId(), thief.sessionId(), contact.id(),
                Map.of("sessionId", thief.sessionId(), "userId", contact.id(), "actorType", "contact",
                        "markedBy", contact.id(), "clientIp", "203.0.113.9"));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(REVOCATIONS_CONSUMER, event));
    }

    private static String resetId(Contact contact) {
        try (IdentityTopic topic = new IdentityTopic()) {
            return topic.await(PortalEvents.PASSWORD_RESET_REQUESTED, e -> e.path("subject").asText().equals(contact.id()))
                    .path("data").path("resetId").asText();
        }
    }

    private static String secretOf(String accessToken) {
        String secret = given().auth().oauth2(accessToken).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/portal-auth/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/portal-auth/two-factor/enrolment/confirm").then().statusCode(200);
        return secret;
    }

    @Test
    void afterNotMeTheThiefsPasswordNoLongerSignsInAndTheContactResetsByTheMailedLink() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        Portal thief = signIn(firm, contact.email());

        notMe(firm, contact, thief);
        refresh(thief.refreshToken()).statusCode(401);
        // the password the thief knew no longer signs anybody in
        login(firm, contact.email(), PASSWORD).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/password-reset-required"));
        // a wrong password still learns nothing
        login(firm, contact.email(), "not the password at all").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-credentials"));
        assertThat(Db.row("select password_reset_required, two_factor_reenrolment_required from portal_account where id = ?",
                UUID.fromString(contact.id()))).containsEntry("password_reset_required", true)
                .containsEntry("two_factor_reenrolment_required", false);

        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        String token = Fixtures.mailerToken("portal-password-resets", resetId(contact));
        post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD)).statusCode(204);

        login(firm, contact.email(), PASSWORD).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-credentials"));
        login(firm, contact.email(), NEW_PASSWORD).statusCode(200).body("status", equalTo("authenticated"));
        assertThat(Db.row("select password_reset_required from portal_account where id = ?", UUID.fromString(contact.id())))
                .containsEntry("password_reset_required", false);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode ended = topic.await(PortalEvents.SESSION_ENDED,
                    e -> e.path("data").path("sessionId").asText().equals(thief.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("disowned");
            topic.await(PortalEvents.SIGN_IN_FAILED, e -> e.path("subject").asText().equals(contact.id())
                    && e.path("data").path("reason").asText().equals("password_reset_required"));
            JsonNode reset = topic.await(PortalEvents.PASSWORD_RESET, e -> e.path("subject").asText().equals(contact.id()));
            assertThat(reset.path("actortype").asText()).isEqualTo("contact");
        }
    }

    @Test
    void aRedeliveredNotMeChangesNothingMore() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        Portal thief = signIn(firm, contact.email());
        Map<String, Object> data = Map.of("sessionId", thief.sessionId(), "userId", contact.id(), "actorType", "contact",
                "markedBy", contact.id(), "clientIp", "203.0.113.9");
        UUID event = EventsProducer.sessions("session.disowned", firm.firmId(), thief.sessionId(), contact.id(), data);
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(REVOCATIONS_CONSUMER, event));

        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        post(RESETS + "/complete", Map.of("token", Fixtures.mailerToken("portal-password-resets", resetId(contact)),
                "newPassword", NEW_PASSWORD)).statusCode(204);
        String refreshAfter = login(firm, contact.email(), NEW_PASSWORD).statusCode(200).extract().path("refreshToken");

        // the same event again (same id, as a redelivery brings it): no new reset requirement, no session ended
        EventsProducer.publishWithId(event, EventsProducer.SESSIONS_TOPIC, "sessions-service",
                "dev.lexguard.sessions.session.disowned", firm.firmId(), thief.sessionId(), contact.id(), data);
        UUID marker = EventsProducer.sessions("session.revoked", firm.firmId(), UUID.randomUUID().toString(), contact.id(),
                Map.of("sessionId", UUID.randomUUID().toString(), "userId", contact.id(), "actorType", "contact",
                        "reason", "ended_by_user", "revokedAt", java.time.Instant.now().toString(), "revokedBy", contact.id()));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(REVOCATIONS_CONSUMER, marker));
        refresh(refreshAfter).statusCode(200);
        login(firm, contact.email(), NEW_PASSWORD).statusCode(200).body("status", equalTo("authenticated"));
    }

    @Test
    void aContactWithTotpKeepsItThroughNotMeAndMustEnrolANewOneAfterTheReset() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        Portal thief = signIn(firm, contact.email());
        String access = signIn(firm, contact.email()).accessToken();
        String oldSecret = given().auth().oauth2(access).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/portal-auth/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        List<String> oldRecovery = given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("code", TotpCodes.now(oldSecret)))
                .post("/api/v1/portal-auth/two-factor/enrolment/confirm").then().statusCode(200).extract().path("recoveryCodes");

        notMe(firm, contact, thief);
        assertThat(Db.row("select password_reset_required, two_factor_reenrolment_required from portal_account where id = ?",
                UUID.fromString(contact.id()))).containsEntry("password_reset_required", true)
                .containsEntry("two_factor_reenrolment_required", true);
        // the factor is kept: the account is not weaker than before
        assertThat(Db.row("select active_secret from two_factor where user_id = ?", UUID.fromString(contact.id()))
                .get("active_secret")).isNotNull();
        login(firm, contact.email(), PASSWORD).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/password-reset-required"));

        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        String token = Fixtures.mailerToken("portal-password-resets", resetId(contact));
        // the mailed link alone does not replace the second factor
        post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD)).statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/second-factor-required"));
        post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD, "code", "000000")).statusCode(403);
        post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD, "code", TotpCodes.at(oldSecret, 1)))
                .statusCode(204);

        // the new password and the old factor: only an enrolment token, nothing that reaches an API
        String challenge = login(firm, contact.email(), NEW_PASSWORD).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
        String enrolment = post("/api/v1/portal-auth/login/two-factor", Map.of("challengeToken", challenge,
                "recoveryCode", oldRecovery.get(0))).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required")).body("accessToken", equalTo(null))
                .body("refreshToken", equalTo(null)).extract().path("enrollmentToken");
        given().auth().oauth2(enrolment).get("/api/v1/portal-auth/me").then().statusCode(401);

        String secret = post("/api/v1/portal-auth/two-factor/enrolment-token", Map.of("enrollmentToken", enrolment))
                .statusCode(200).extract().path("secret");
        assertThat(secret).isNotEqualTo(oldSecret);
        post("/api/v1/portal-auth/two-factor/enrolment-token/confirm", Map.of("enrollmentToken", enrolment, "code", "000000"))
                .statusCode(400);
        ValidatableResponse done = post("/api/v1/portal-auth/two-factor/enrolment-token/confirm",
                Map.of("enrollmentToken", enrolment, "code", TotpCodes.now(secret))).statusCode(200)
                .body("status", equalTo("authenticated")).body("accessToken", notNullValue());
        List<String> recovery = done.extract().path("recoveryCodes");
        assertThat(recovery).hasSize(10).doesNotContainAnyElementsOf(oldRecovery);
        assertThat(Jwts.claims(done.extract().path("accessToken")).path("aud").toString()).contains("lexguard-portal");
        given().auth().oauth2((String) done.extract().path("accessToken")).get("/api/v1/portal-auth/me").then().statusCode(200);
        // the token is used up
        post("/api/v1/portal-auth/two-factor/enrolment-token", Map.of("enrollmentToken", enrolment)).statusCode(401);

        // the old factor is gone; the new one signs in fully
        String next = login(firm, contact.email(), NEW_PASSWORD).statusCode(200).extract().path("challengeToken");
        post("/api/v1/portal-auth/login/two-factor", Map.of("challengeToken", next, "recoveryCode", oldRecovery.get(1)))
                .statusCode(401);
        post("/api/v1/portal-auth/login/two-factor", Map.of("challengeToken", next, "recoveryCode", recovery.get(0)))
                .statusCode(200).body("status", equalTo("authenticated"));
        assertThat(Db.row("select two_factor_reenrolment_required from portal_account where id = ?",
                UUID.fromString(contact.id()))).containsEntry("two_factor_reenrolment_required", false);
    }

    private static ExtractableResponse<Response> request(String firmId, String email, String ip) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("firmId", firmId, "email", email)).post(RESETS).then().extract();
    }

    private static long resetsOf(String accountId) {
        return (Long) Db.row("select count(*) as n from portal_password_reset where account_id = ?", UUID.fromString(accountId))
                .get("n");
    }

    @Test
    void unknownInvitedDisabledAndOtherFirmsAddressesAnswerExactlyLikeAKnownOneAndGetNoMail() {
        TestFirm firm = Fixtures.firm();
        Contact known = activeContact(firm);
        Contact disabled = activeContact(firm);
        given().auth().oauth2(firm.accessToken()).post("/api/v1/portal-auth/accounts/" + disabled.id() + "/disable")
                .then().statusCode(200);
        String invitedId = UUID.randomUUID().toString();
        String invitedEmail = Fixtures.uniqueEmail("ivy");
        UUID requested = EventsProducer.publish("lexguard.sharing.events", "sharing-service",
                SharingEventsConsumer.PORTAL_ACCESS_REQUESTED, firm.firmId(), invitedId, firm.ownerId(),
                Map.of("contactId", invitedId, "email", invitedEmail, "name", "Ivy Invited", "kind", "client"));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(SharingEventsConsumer.CONSUMER, requested));
        TestFirm other = Fixtures.firm();

        ExtractableResponse<Response> reference = request(firm.firmId(), known.email(), Fixtures.uniqueIp());
        assertThat(reference.statusCode()).isEqualTo(202);
        assertThat(resetsOf(known.id())).isEqualTo(1);
        List<ExtractableResponse<Response>> others = List.of(
                request(firm.firmId(), Fixtures.uniqueEmail("ghost"), Fixtures.uniqueIp()),
                request(firm.firmId(), disabled.email(), Fixtures.uniqueIp()),
                request(firm.firmId(), invitedEmail, Fixtures.uniqueIp()),
                request(other.firmId(), known.email(), Fixtures.uniqueIp()),
                request(UUID.randomUUID().toString(), known.email(), Fixtures.uniqueIp()));
        for (ExtractableResponse<Response> answer : others) {
            assertThat(answer.statusCode()).isEqualTo(reference.statusCode());
            assertThat(answer.asString()).isEqualTo(reference.asString()).isEmpty();
            assertThat(answer.contentType()).isEqualTo(reference.contentType());
        }
        assertThat(resetsOf(disabled.id())).isZero();
        assertThat(resetsOf(invitedId)).isZero();
        assertThat(resetsOf(known.id())).isEqualTo(1);
        request(firm.firmId(), "not-an-email", Fixtures.uniqueIp());
        given().contentType(ContentType.JSON).body(Map.of("email", known.email())).post(RESETS).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("firmId", firm.firmId(), "email", "not-an-email")).post(RESETS)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theLinkWorksOnceWithinThirtyMinutesAndANewerResetRetiresTheOlder() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        Portal open = signIn(firm, contact.email());
        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        String first = resetId(contact);
        Map<String, Object> row = Db.row("select token_hash, created_at, expires_at from portal_password_reset where id = ?",
                UUID.fromString(first));
        assertThat(row.get("token_hash")).isNull();
        assertThat(Duration.between(((java.sql.Timestamp) row.get("created_at")).toInstant(),
                ((java.sql.Timestamp) row.get("expires_at")).toInstant())).isEqualTo(Duration.ofMinutes(30));
        String firstToken = Fixtures.mailerToken("portal-password-resets", first);
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/portal-password-resets/" + first)
                .then().statusCode(409);
        // a firm user's reset endpoint does not take a contact's token, nor the other way round
        post("/api/v1/auth/password-reset/complete", Map.of("token", firstToken, "newPassword", NEW_PASSWORD)).statusCode(400);

        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        String second;
        try (IdentityTopic topic = new IdentityTopic()) {
            second = topic.await(PortalEvents.PASSWORD_RESET_REQUESTED, e -> e.path("subject").asText().equals(contact.id())
                    && !e.path("data").path("resetId").asText().equals(first)).path("data").path("resetId").asText();
        }
        post(RESETS + "/complete", Map.of("token", firstToken, "newPassword", NEW_PASSWORD)).statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-reset-token"));
        String token = Fixtures.mailerToken("portal-password-resets", second);
        post(RESETS + "/complete", Map.of("token", token, "newPassword", "qwerty123456")).statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/weak-password"));
        post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD)).statusCode(204);
        post(RESETS + "/complete", Map.of("token", token, "newPassword", "another fine password here")).statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-reset-token"));
        refresh(open.refreshToken()).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode ended = topic.await(PortalEvents.SESSION_ENDED,
                    e -> e.path("data").path("sessionId").asText().equals(open.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("password_reset");
            JsonNode reset = topic.await(PortalEvents.PASSWORD_RESET,
                    e -> e.path("data").path("resetId").asText().equals(second));
            assertThat(reset.path("data").path("sessionsEnded").asInt()).isEqualTo(1);
        }

        post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
        String third;
        try (IdentityTopic topic = new IdentityTopic()) {
            third = topic.await(PortalEvents.PASSWORD_RESET_REQUESTED, e -> e.path("subject").asText().equals(contact.id())
                    && !e.path("data").path("resetId").asText().equals(first)
                    && !e.path("data").path("resetId").asText().equals(second)).path("data").path("resetId").asText();
        }
        String expired = Fixtures.mailerToken("portal-password-resets", third);
        Db.update("update portal_password_reset set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(third));
        post(RESETS + "/complete", Map.of("token", expired, "newPassword", "yet another good password")).statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-reset-token"));
        login(firm, contact.email(), NEW_PASSWORD).statusCode(200);

        post(RESETS + "/complete", Map.of("token", "lgpp_" + "B".repeat(43), "newPassword", NEW_PASSWORD)).statusCode(400);
        post(RESETS + "/complete", Map.of("token", "garbage", "newPassword", NEW_PASSWORD)).statusCode(400);
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/portal-password-resets/"
                + UUID.randomUUID()).then().statusCode(404);
        given().post("/internal/v1/mail-links/portal-password-resets/" + second).then().statusCode(401);
    }

    @Test
    void requestsAreThrottledPerAddressKnownOrNotAndPerClientNetwork() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        String ghost = Fixtures.uniqueEmail("ghost");
        for (int i = 0; i < 3; i++) {
            assertThat(request(firm.firmId(), contact.email(), Fixtures.uniqueIp()).statusCode()).isEqualTo(202);
            assertThat(request(firm.firmId(), ghost, Fixtures.uniqueIp()).statusCode()).isEqualTo(202);
        }
        ExtractableResponse<Response> known = request(firm.firmId(), contact.email(), Fixtures.uniqueIp());
        ExtractableResponse<Response> unknown = request(firm.firmId(), ghost, Fixtures.uniqueIp());
        for (ExtractableResponse<Response> limited : List.of(known, unknown)) {
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        }
        assertThat(known.<String>path("detail")).isEqualTo(unknown.path("detail"));
        assertThat(resetsOf(contact.id())).isEqualTo(3);

        String ip = Fixtures.uniqueIp();
        for (int i = 0; i < 20; i++) {
            assertThat(request(firm.firmId(), Fixtures.uniqueEmail("spray"), ip).statusCode()).isEqualTo(202);
        }
        assertThat(request(firm.firmId(), Fixtures.uniqueEmail("spray"), ip).statusCode()).isEqualTo(429);
        assertThat(request(firm.firmId(), Fixtures.uniqueEmail("spray"), Fixtures.uniqueIp()).statusCode()).isEqualTo(202);
    }

    @Test
    void neitherTheTokenNorThePasswordIsInAnEventOrALog() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            TestFirm firm = Fixtures.firm();
            Contact contact = activeContact(firm);
            Portal thief = signIn(firm, contact.email());
            notMe(firm, contact, thief);
            post(RESETS, Map.of("firmId", firm.firmId(), "email", contact.email())).statusCode(202);
            String resetId = resetId(contact);
            String token = Fixtures.mailerToken("portal-password-resets", resetId);
            post(RESETS + "/complete", Map.of("token", token, "newPassword", NEW_PASSWORD)).statusCode(204);
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode requested = topic.await(PortalEvents.PASSWORD_RESET_REQUESTED,
                        e -> e.path("data").path("resetId").asText().equals(resetId));
                JsonNode reset = topic.await(PortalEvents.PASSWORD_RESET,
                        e -> e.path("data").path("resetId").asText().equals(resetId));
                for (JsonNode event : List.of(requested, reset)) {
                    assertThat(event.toString()).doesNotContain(token).doesNotContain(token.substring(5))
                            .doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD).doesNotContain("lgpp_")
                            .doesNotContain("argon2").doesNotContain("password-reset/");
                    assertThat(event.path("data").toString()).doesNotContain("http");
                }
            }
            assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(token.substring(5))
                    || line.contains(NEW_PASSWORD) || line.contains(PASSWORD));
        } finally {
            root.removeHandler(capture);
        }
    }
}
