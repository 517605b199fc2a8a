package dev.lexguard.identity.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The client portal's accounts: sharing-service's request (a real event on lexguard.sharing.events) creates and
 * invites the account, the contact accepts, signs in with tokens of the portal audience, may turn TOTP on; the firm's
 * administrators see, re-invite and disable accounts. All against real PostgreSQL and Kafka.
 */
@QuarkusTest
class PortalResourceTest {

    private static final String PORTAL_PASSWORD = "amber kettle north meadow";
    private static final String SHARING_TOPIC = "lexguard.sharing.events";

    /** What sharing-service publishes after a contact's first share; returns the event id. */
    private static UUID requestAccess(TestFirm firm, String contactId, String email, String name) {
        return EventsProducer.publish(SHARING_TOPIC, "sharing-service", SharingEventsConsumer.PORTAL_ACCESS_REQUESTED,
                firm.firmId(), contactId, firm.ownerId(),
                Map.of("contactId", contactId, "email", email, "name", name, "kind", "client"));
    }

    private static void awaitConsumed(UUID eventId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(SharingEventsConsumer.CONSUMER, eventId));
    }

    private static JsonNode invitedEvent(String contactId, String after) {
        try (IdentityTopic topic = new IdentityTopic()) {
            return topic.await(PortalEvents.INVITED, e -> e.path("subject").asText().equals(contactId)
                    && !e.path("data").path("invitationId").asText().equals(after));
        }
    }

    private static String invitationToken(String contactId) {
        return Fixtures.mailerToken("portal-invitations", invitedEvent(contactId, "").path("data").path("invitationId").asText());
    }

    private record Contact(String id, String email) {
    }

    /** A contact with an active portal account. */
    private static Contact activeContact(TestFirm firm) {
        String contactId = UUID.randomUUID().toString();
        String email = Fixtures.uniqueEmail("casey");
        awaitConsumed(requestAccess(firm, contactId, email, "Casey Client"));
        given().contentType(ContentType.JSON).body(Map.of("password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + invitationToken(contactId)).then().statusCode(200)
                .body("status", equalTo("active"));
        return new Contact(contactId, email);
    }

    private static ValidatableResponse portalLogin(TestFirm firm, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("firmId", firm.firmId(), "email", email, "password", password))
                .post("/api/v1/portal-auth/login").then();
    }

    @Test
    void aRequestedContactIsInvitedAcceptsAndSignsInWithAPortalToken() {
        TestFirm firm = Fixtures.firm();
        String contactId = UUID.randomUUID().toString();
        String email = Fixtures.uniqueEmail("casey");
        awaitConsumed(requestAccess(firm, contactId, email.toUpperCase(), "Casey Client"));

        JsonNode invited = invitedEvent(contactId, "");
        assertThat(invited.path("actortype").asText()).isEqualTo("system");
        assertThat(invited.path("data").path("email").asText()).isEqualTo(email);
        assertThat(invited.toString()).doesNotContain("lgpi_");
        String token = Fixtures.mailerToken("portal-invitations", invited.path("data").path("invitationId").asText());
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY)
                .post("/internal/v1/mail-links/portal-invitations/" + invited.path("data").path("invitationId").asText())
                .then().statusCode(409);

        given().get("/api/v1/portal-auth/invitations/" + token).then().statusCode(200)
                .body("email", equalTo(email)).body("name", equalTo("Casey Client"));
        portalLogin(firm, email, PORTAL_PASSWORD).statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("password", "password1234"))
                .post("/api/v1/portal-auth/invitations/" + token).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + token).then().statusCode(200)
                .body("id", equalTo(contactId)).body("status", equalTo("active"));
        given().contentType(ContentType.JSON).body(Map.of("password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + token).then().statusCode(404);

        ValidatableResponse login = portalLogin(firm, email, PORTAL_PASSWORD).statusCode(200)
                .header("Cache-Control", "no-store").body("status", equalTo("authenticated"));
        String access = login.extract().path("accessToken");
        JsonNode claims = Jwts.claims(access);
        assertThat(claims.path("aud").toString()).contains("lexguard-portal").doesNotContain("lexguard-api");
        assertThat(claims.path("sub").asText()).isEqualTo(contactId);
        assertThat(claims.path("firm").asText()).isEqualTo(firm.firmId());
        assertThat(claims.path("groups").isMissingNode() || claims.path("groups").isEmpty()).isTrue();

        given().auth().oauth2(access).get("/api/v1/portal-auth/me").then().statusCode(200)
                .body("id", equalTo(contactId)).body("twoFactorEnabled", equalTo(false));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode signedIn = topic.await(PortalEvents.SIGNED_IN, e -> e.path("subject").asText().equals(contactId));
            assertThat(signedIn.path("actortype").asText()).isEqualTo("contact");
            assertThat(signedIn.path("data").path("amr").toString()).isEqualTo("[\"pwd\"]");
            topic.await(PortalEvents.ACTIVATED, e -> e.path("subject").asText().equals(contactId));
        }
    }

    @Test
    void portalTokensNeverReachFirmEndpointsAndFirmTokensNeverReachPortalEndpoints() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        String portalToken = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).extract().path("accessToken");

        given().auth().oauth2(portalToken).get("/api/v1/users").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(portalToken).get("/api/v1/portal-auth/accounts").then().statusCode(401);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/portal-auth/me").then().statusCode(401)
                .contentType("application/problem+json");
        given().get("/api/v1/portal-auth/me").then().statusCode(401);
        given().auth().oauth2(portalToken + "x").get("/api/v1/portal-auth/me").then().statusCode(401);
    }

    @Test
    void wrongAndUnknownCredentialsAreTheSame401AndAnEvent() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        portalLogin(firm, contact.email(), "not the password at all").statusCode(401)
                .body("type", containsString("invalid-credentials"));
        portalLogin(firm, Fixtures.uniqueEmail("nobody"), PORTAL_PASSWORD).statusCode(401)
                .body("type", containsString("invalid-credentials"));
        // the same contact email in another firm is another account: this firm's contact cannot sign in there
        portalLogin(Fixtures.firm(), contact.email(), PORTAL_PASSWORD).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode failed = topic.await(PortalEvents.SIGN_IN_FAILED, e -> e.path("subject").asText().equals(contact.id()));
            assertThat(failed.path("data").path("reason").asText()).isEqualTo("wrong_password");
            assertThat(failed.toString()).doesNotContain("not the password");
        }
    }

    @Test
    void aSecondRequestWhileInvitedSupersedesTheFirstLinkAndARedeliveryChangesNothing() {
        TestFirm firm = Fixtures.firm();
        String contactId = UUID.randomUUID().toString();
        String email = Fixtures.uniqueEmail("casey");
        awaitConsumed(requestAccess(firm, contactId, email, "Casey Client"));
        String firstInvitation = invitedEvent(contactId, "").path("data").path("invitationId").asText();
        String firstToken = Fixtures.mailerToken("portal-invitations", firstInvitation);

        awaitConsumed(requestAccess(firm, contactId, email, "Casey C. Client"));
        String second = invitedEvent(contactId, firstInvitation).path("data").path("invitationId").asText();
        given().get("/api/v1/portal-auth/invitations/" + firstToken).then().statusCode(404);
        String secondToken = Fixtures.mailerToken("portal-invitations", second);
        given().get("/api/v1/portal-auth/invitations/" + secondToken).then().statusCode(200)
                .body("name", equalTo("Casey C. Client"));

        // another contact of the firm with the same email gets no second account (one sign-in per email and firm)
        String other = UUID.randomUUID().toString();
        awaitConsumed(requestAccess(firm, other, email, "Someone Else"));
        assertThat(Db.rows("select 1 from portal_account where id = ?", UUID.fromString(other))).isEmpty();
        assertThat(Db.rows("select 1 from portal_account where firm_id = ?", UUID.fromString(firm.firmId()))).hasSize(1);
    }

    @Test
    void anExpiredInvitationIsA404() {
        TestFirm firm = Fixtures.firm();
        String contactId = UUID.randomUUID().toString();
        awaitConsumed(requestAccess(firm, contactId, Fixtures.uniqueEmail("casey"), "Casey Client"));
        String token = invitationToken(contactId);
        Db.update("update portal_invitation set expires_at = now() - interval '1 second' where account_id = ?",
                UUID.fromString(contactId));
        given().get("/api/v1/portal-auth/invitations/" + token).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/invitations/" + token).then().statusCode(404);
    }

    @Test
    void aContactTurnsTotpOnAndThenNeedsACodeWhichWorksOnce() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        String access = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).extract().path("accessToken");

        String secret = given().auth().oauth2(access).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/portal-auth/two-factor/enrolment").then().statusCode(200)
                .body("otpauthUri", containsString("otpauth://totp/")).extract().path("secret");
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("code", "000000"))
                .post("/api/v1/portal-auth/two-factor/enrolment/confirm").then().statusCode(400);
        List<String> recovery = given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/portal-auth/two-factor/enrolment/confirm").then().statusCode(200)
                .extract().path("recoveryCodes");
        assertThat(recovery).hasSize(10);

        String challenge = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200)
                .body("status", equalTo("two_factor_required")).body("accessToken", equalTo(null))
                .extract().path("challengeToken");
        String code = TotpCodes.at(secret, 1);
        ValidatableResponse done = given().contentType(ContentType.JSON)
                .body(Map.of("challengeToken", challenge, "code", code))
                .post("/api/v1/portal-auth/login/two-factor").then().statusCode(200)
                .body("status", equalTo("authenticated"));
        JsonNode claims = Jwts.claims(done.extract().path("accessToken"));
        assertThat(StreamSupport.stream(claims.path("amr").spliterator(), false).map(JsonNode::asText))
                .containsExactly("pwd", "otp");

        String again = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).extract().path("challengeToken");
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", again, "code", code))
                .post("/api/v1/portal-auth/login/two-factor").then().statusCode(401)
                .body("type", containsString("invalid-second-factor"));
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", again, "recoveryCode", recovery.get(0)))
                .post("/api/v1/portal-auth/login/two-factor").then().statusCode(200)
                .body("status", equalTo("authenticated"));
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await(PortalEvents.TWO_FACTOR_ENABLED, e -> e.path("subject").asText().equals(contact.id()));
            JsonNode replay = topic.await(PortalEvents.SIGN_IN_FAILED, e -> e.path("subject").asText().equals(contact.id()));
            assertThat(replay.path("data").path("reason").asText()).isEqualTo("replayed_code");
        }
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        ValidatableResponse login = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200);
        String first = login.extract().path("refreshToken");
        String second = given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/v1/portal-auth/refresh").then().statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/v1/portal-auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second))
                .post("/api/v1/portal-auth/refresh").then().statusCode(401);
        given().auth().oauth2(login.extract().<String>path("accessToken")).get("/api/v1/portal-auth/me").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "lgr_not-a-portal-token"))
                .post("/api/v1/portal-auth/refresh").then().statusCode(401);
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenYieldAtMostOneNewPair() throws Exception {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        String refresh = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).extract().path("refreshToken");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh))
                        .post("/api/v1/portal-auth/refresh").statusCode()));
            }
            long ok = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(200, 401);
                ok += status == 200 ? 1 : 0;
            }
            assertThat(ok).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void administratorsListReinviteAndDisableAccountsAndAnotherFirmsAccountIsA404() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        ValidatableResponse login = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200);

        given().auth().oauth2(firm.accessToken()).get("/api/v1/portal-auth/accounts").then().statusCode(200)
                .body("items.id", hasItem(contact.id()));
        given().auth().oauth2(firm.accessToken()).post("/api/v1/portal-auth/accounts/" + contact.id() + "/invitation")
                .then().statusCode(409).contentType("application/problem+json");
        TestFirm other = Fixtures.firm();
        given().auth().oauth2(other.accessToken()).get("/api/v1/portal-auth/accounts/" + contact.id()).then()
                .statusCode(404);
        given().auth().oauth2(other.accessToken()).post("/api/v1/portal-auth/accounts/" + contact.id() + "/disable")
                .then().statusCode(404);
        given().auth().oauth2(other.accessToken()).get("/api/v1/portal-auth/accounts").then().statusCode(200)
                .body("items.id", not(hasItem(contact.id())));
        Fixtures.Member member = Fixtures.member(firm);
        given().auth().oauth2(member.accessToken()).get("/api/v1/portal-auth/accounts").then().statusCode(403);

        given().auth().oauth2(firm.accessToken()).post("/api/v1/portal-auth/accounts/" + contact.id() + "/disable")
                .then().statusCode(200).body("status", equalTo("disabled"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", login.extract().<String>path("refreshToken")))
                .post("/api/v1/portal-auth/refresh").then().statusCode(401);
        given().auth().oauth2(login.extract().<String>path("accessToken")).get("/api/v1/portal-auth/me").then()
                .statusCode(401);
        portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await(PortalEvents.DISABLED, e -> e.path("subject").asText().equals(contact.id()));
            JsonNode ended = topic.await(PortalEvents.SESSION_ENDED, e -> e.path("subject").asText().equals(contact.id()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("account_disabled");
        }

        // access given back: a new invitation, a new password
        given().auth().oauth2(firm.accessToken()).post("/api/v1/portal-auth/accounts/" + contact.id() + "/invitation")
                .then().statusCode(200).body("status", equalTo("invited"));
        String reinvited;
        try (IdentityTopic topic = new IdentityTopic()) {
            reinvited = topic.await(PortalEvents.INVITED, e -> e.path("subject").asText().equals(contact.id())
                    && e.path("actortype").asText().equals("user")).path("data").path("invitationId").asText();
        }
        given().contentType(ContentType.JSON).body(Map.of("password", "violet harbour copper kite"))
                .post("/api/v1/portal-auth/invitations/" + Fixtures.mailerToken("portal-invitations", reinvited))
                .then().statusCode(200);
        portalLogin(firm, contact.email(), "violet harbour copper kite").statusCode(200);
    }

    @Test
    void anAdministratorResetsALostSecondFactor() {
        TestFirm firm = Fixtures.firm();
        Contact contact = activeContact(firm);
        String access = portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).extract().path("accessToken");
        given().auth().oauth2(firm.accessToken()).delete("/api/v1/portal-auth/accounts/" + contact.id() + "/two-factor")
                .then().statusCode(409);
        String secret = given().auth().oauth2(access).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/portal-auth/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/portal-auth/two-factor/enrolment/confirm").then().statusCode(200);
        portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).body("status", equalTo("two_factor_required"));

        given().auth().oauth2(firm.accessToken()).delete("/api/v1/portal-auth/accounts/" + contact.id() + "/two-factor")
                .then().statusCode(204);
        portalLogin(firm, contact.email(), PORTAL_PASSWORD).statusCode(200).body("status", equalTo("authenticated"));
        given().auth().oauth2(firm.accessToken()).get("/api/v1/portal-auth/accounts/" + contact.id()).then()
                .statusCode(200).body("twoFactorEnabled", equalTo(false));
    }

    @Test
    void badInputIsProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example", "password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/login").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("firmId", "not-a-uuid", "email", "a@b.example",
                        "password", PORTAL_PASSWORD))
                .post("/api/v1/portal-auth/login").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/portal-auth/invitations/lgpi_short").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", "lgpc_x", "code", "123456"))
                .post("/api/v1/portal-auth/login/two-factor").then().statusCode(401);
        given().header("X-Mailer-Key", "wrong").post("/internal/v1/mail-links/portal-invitations/" + UUID.randomUUID())
                .then().statusCode(401);
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY)
                .post("/internal/v1/mail-links/portal-invitations/" + UUID.randomUUID()).then().statusCode(404);
    }
}
