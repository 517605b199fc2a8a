package dev.lexguard.identity.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.tokens.OpaqueTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void anAdministratorInvitesAUserAndTheEventsCarryNoLink() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String email = Fixtures.uniqueEmail("ben");
        ExtractableResponse<Response> created = given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "  " + email.toUpperCase() + " ", "displayName", "Ben  Adeyemi"))
                .post("/api/v1/users").then().statusCode(201).extract();
        String userId = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/users/" + userId);
        assertThat(created.<String>path("status")).isEqualTo("invited");
        assertThat(created.<String>path("email")).isEqualTo(email);
        assertThat(created.<String>path("displayName")).isEqualTo("Ben Adeyemi");

        Map<String, Object> invitation = Db.row("select token_hash, expires_at, created_at from invitation where user_id = ?",
                UUID.fromString(userId));
        assertThat(invitation.get("token_hash")).isNull();
        Instant createdAt = ((java.sql.Timestamp) invitation.get("created_at")).toInstant();
        Instant expiresAt = ((java.sql.Timestamp) invitation.get("expires_at")).toInstant();
        assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofDays(7));

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode invited = topic.await("dev.lexguard.identity.user.invited", e -> e.path("subject").asText().equals(userId));
            assertThat(invited.path("firmid").asText()).isEqualTo(firm.firmId());
            assertThat(invited.path("actorid").asText()).isEqualTo(firm.ownerId());
            assertThat(invited.path("data").path("email").asText()).isEqualTo(email);
            assertThat(invited.path("data").has("invitationId")).isTrue();
            assertThat(invited.path("data").toString()).doesNotContain("lgi_").doesNotContain("http");
            JsonNode userCreated = topic.await("dev.lexguard.identity.user.created", e -> e.path("subject").asText().equals(userId));
            assertThat(userCreated.path("data").path("status").asText()).isEqualTo("invited");
        }
    }

    @Test
    void theMailerGetsTheLinkOnceAndTheUserAcceptsItOnce() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String email = Fixtures.uniqueEmail("cleo");
        String userId = Fixtures.invite(firm, email, "Cleo Clerk");
        String invitationId = Fixtures.invitationIdFromEvent(userId);

        given().post("/internal/v1/mail-links/invitations/" + invitationId).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Mailer-Key", "wrong-key").post("/internal/v1/mail-links/invitations/" + invitationId)
                .then().statusCode(401);
        ExtractableResponse<Response> issued = given().header("X-Mailer-Key", Fixtures.MAILER_KEY)
                .post("/internal/v1/mail-links/invitations/" + invitationId).then().statusCode(200).extract();
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        String link = issued.path("link");
        assertThat(link).startsWith("https://app.lexguard.dev/invitations/lgi_");
        assertThat(issued.<String>path("email")).isEqualTo(email);
        String token = link.substring(link.lastIndexOf('/') + 1);
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/invitations/" + invitationId)
                .then().statusCode(409).body("type", equalTo("https://lexguard.dev/problems/link-already-issued"));

        byte[] stored = (byte[]) Db.row("select token_hash from invitation where id = ?", UUID.fromString(invitationId)).get("token_hash");
        assertThat(stored).isEqualTo(OpaqueTokens.hash(token));

        given().get("/api/v1/invitations/" + token).then().statusCode(200)
                .body("email", equalTo(email)).body("displayName", equalTo("Cleo Clerk"));
        given().contentType(ContentType.JSON).body(Map.of("password", "cleo clerk password")).post("/api/v1/invitations/" + token)
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/weak-password"));
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + token)
                .then().statusCode(200).body("status", equalTo("active")).body("id", equalTo(userId));
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + token)
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/invitations/" + token).then().statusCode(404);

        String access = Fixtures.login(email, Fixtures.MEMBER_PASSWORD, Fixtures.uniqueIp()).statusCode(200).extract().path("accessToken");
        given().auth().oauth2(access).get("/api/v1/me").then().statusCode(200).body("id", equalTo(userId))
                .body("permissions.size()", equalTo(0));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode activated = topic.await("dev.lexguard.identity.user.activated", e -> e.path("subject").asText().equals(userId));
            assertThat(activated.path("data").path("invitationId").asText()).isEqualTo(invitationId);
        }
    }

    @Test
    void expiredOrUnknownInvitationTokensAre404() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String userId = Fixtures.invite(firm, Fixtures.uniqueEmail("late"), "Lee Late");
        String invitationId = Fixtures.invitationIdFromEvent(userId);
        String token = Fixtures.mailerToken("invitations", invitationId);
        Db.update("update invitation set expires_at = now() - interval '1 minute' where id = ?", UUID.fromString(invitationId));
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + token)
                .then().statusCode(404);
        for (String bad : List.of("lgi_" + "A".repeat(43), "nonsense", "lgi_%F0%9F%94%92", "x".repeat(300))) {
            given().get("/api/v1/invitations/" + bad).then().statusCode(404).contentType("application/problem+json");
        }
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/invitations/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void onlyAdministratorsInviteAndDeactivate() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Fixtures.Member member = Fixtures.member(firm);
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", Fixtures.uniqueEmail("x"), "displayName", "X")).post("/api/v1/users")
                .then().statusCode(403).body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        given().auth().oauth2(member.accessToken()).post("/api/v1/users/" + firm.ownerId() + "/deactivate")
                .then().statusCode(403);
        given().auth().oauth2(member.accessToken()).get("/api/v1/users/" + firm.ownerId()).then().statusCode(200);
    }

    @Test
    void invitingAnAddressWithAnAccountInAnotherFirmAnswersLikeAFreshOneAndOnlyItsOwnerLearnsOnAccepting() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Fixtures.TestFirm other = Fixtures.firm();
        String fresh = Fixtures.uniqueEmail("fresh");
        var freshAnswer = given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", fresh, "displayName", "Someone")).post("/api/v1/users")
                .then().statusCode(201).extract().jsonPath();
        var takenAnswer = given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", other.ownerEmail(), "displayName", "Someone")).post("/api/v1/users")
                .then().statusCode(201).body("status", equalTo("invited")).extract().jsonPath();
        assertThat(takenAnswer.getMap("").keySet()).isEqualTo(freshAnswer.getMap("").keySet());
        // an address invited (not yet accepted) elsewhere is no conflict either
        given().auth().oauth2(other.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", fresh, "displayName", "Someone")).post("/api/v1/users").then().statusCode(201);
        String userId = takenAnswer.getString("id");
        // the invitee, who owns the address, learns it when accepting; the other firm's account is untouched
        String token = Fixtures.mailerToken("invitations", Fixtures.invitationIdFromEvent(userId));
        given().contentType(ContentType.JSON).body(Map.of("password", "copper lantern quiet river"))
                .post("/api/v1/invitations/" + token).then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/email-in-use"));
        given().auth().oauth2(firm.accessToken()).get("/api/v1/users/" + userId).then().statusCode(200)
                .body("status", equalTo("invited"));
        Fixtures.login(other.ownerEmail(), other.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        // the firm's own users of an address are its to know: inviting one again is a conflict
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", other.ownerEmail(), "displayName", "Someone")).post("/api/v1/users")
                .then().statusCode(409).body("type", equalTo("https://lexguard.dev/problems/email-in-use"));
    }

    @Test
    void badInvitationInputIsAProblem() {
        Fixtures.TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "nope", "displayName", "Someone")).post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", Fixtures.uniqueEmail("x"), "displayName", "\u202Egnp.exe")).post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("displayName"));
        given().contentType(ContentType.JSON).body(Map.of("email", Fixtures.uniqueEmail("x"), "displayName", "X"))
                .post("/api/v1/users").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void listPagesThroughTheFirmsOwnUsersWithACursor() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Fixtures.TestFirm other = Fixtures.firm();
        List<String> emails = new ArrayList<>(List.of(firm.ownerEmail()));
        for (int i = 0; i < 3; i++) {
            String email = Fixtures.uniqueEmail("p" + i);
            Fixtures.invite(firm, email, "Page " + i);
            emails.add(email);
        }
        emails.sort(String::compareTo);
        ExtractableResponse<Response> first = given().auth().oauth2(firm.accessToken()).queryParam("limit", 2)
                .get("/api/v1/users").then().statusCode(200).extract();
        assertThat(first.<List<String>>path("items.email")).containsExactlyElementsOf(emails.subList(0, 2));
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotNull();
        ExtractableResponse<Response> second = given().auth().oauth2(firm.accessToken()).queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/api/v1/users").then().statusCode(200).extract();
        assertThat(second.<List<String>>path("items.email")).containsExactlyElementsOf(emails.subList(2, 4));
        assertThat(second.<String>path("nextCursor")).isNull();

        given().auth().oauth2(other.accessToken()).queryParam("cursor", cursor).get("/api/v1/users")
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        given().auth().oauth2(firm.accessToken()).queryParam("limit", 0).get("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(firm.accessToken()).queryParam("limit", "ten").get("/api/v1/users").then().statusCode(400);
        given().auth().oauth2(other.accessToken()).get("/api/v1/users").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].email", equalTo(other.ownerEmail()));
    }

    @Test
    void anotherFirmsUserIs404ExactlyAsAnUnknownOne() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Fixtures.TestFirm other = Fixtures.firm();
        ExtractableResponse<Response> foreign = given().auth().oauth2(firm.accessToken()).get("/api/v1/users/" + other.ownerId())
                .then().statusCode(404).extract();
        ExtractableResponse<Response> unknown = given().auth().oauth2(firm.accessToken()).get("/api/v1/users/" + UUID.randomUUID())
                .then().statusCode(404).extract();
        assertThat(foreign.<String>path("type")).isEqualTo(unknown.path("type"));
        assertThat(foreign.<String>path("detail")).isEqualTo(unknown.path("detail"));
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + other.ownerId() + "/deactivate").then().statusCode(404);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/users/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other.accessToken()).get("/api/v1/users/" + other.ownerId()).then().statusCode(200)
                .body("status", equalTo("active"));
    }

    @Test
    void deactivatingAUserEndsAllOfTheirSessionsAtOnce() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Fixtures.Member member = Fixtures.member(firm);
        ExtractableResponse<Response> second = Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200).extract();

        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + member.userId() + "/deactivate")
                .then().statusCode(200).body("status", equalTo("deactivated"));
        List<Map<String, Object>> sessions = Db.rows("select ended_at, end_reason from session where user_id = ?",
                UUID.fromString(member.userId()));
        assertThat(sessions).hasSize(2).allSatisfy(s -> {
            assertThat(s.get("ended_at")).isNotNull();
            assertThat(s.get("end_reason")).isEqualTo("user_deactivated");
        });
        Fixtures.refresh(member.refreshToken()).statusCode(401);
        Fixtures.refresh(second.path("refreshToken")).statusCode(401);
        ExtractableResponse<Response> login = Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(401).extract();
        assertThat(login.<String>path("type")).isEqualTo("https://lexguard.dev/problems/invalid-credentials");
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + member.userId() + "/deactivate")
                .then().statusCode(200).body("status", equalTo("deactivated"));

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode deactivated = topic.await("dev.lexguard.identity.user.deactivated", e -> e.path("subject").asText().equals(member.userId()));
            assertThat(deactivated.path("data").path("sessionsEnded").asInt()).isEqualTo(2);
            assertThat(deactivated.path("actorid").asText()).isEqualTo(firm.ownerId());
            topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText().equals(member.sessionId())
                    && e.path("data").path("reason").asText().equals("user_deactivated"));
            topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText().equals(second.path("sessionId"))
                    && e.path("data").path("reason").asText().equals("user_deactivated"));
            topic.await("dev.lexguard.identity.signin.failed", e -> e.path("data").path("email").asText().equals(member.email())
                    && e.path("data").path("reason").asText().equals("user_deactivated"));
        }
    }

    @Test
    void invitingAgainRetiresTheOldLinkAndAnnouncesANewInvitation() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String userId = Fixtures.invite(firm, Fixtures.uniqueEmail("again"), "Ada Again");
        String firstInvitation = Fixtures.invitationIdFromEvent(userId);
        String oldToken = Fixtures.mailerToken("invitations", firstInvitation);
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + userId + "/invitation").then().statusCode(200)
                .body("status", equalTo("invited"));
        String secondInvitation;
        try (IdentityTopic topic = new IdentityTopic()) {
            secondInvitation = topic.await("dev.lexguard.identity.user.invited", e -> e.path("subject").asText().equals(userId)
                    && !e.path("data").path("invitationId").asText().equals(firstInvitation)).path("data").path("invitationId").asText();
        }
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + oldToken)
                .then().statusCode(404);
        String newToken = Fixtures.mailerToken("invitations", secondInvitation);
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + newToken)
                .then().statusCode(200);
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + userId + "/invitation").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/not-invited"));
    }

    @Test
    void theOwnerCannotBeDeactivated() {
        Fixtures.TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + firm.ownerId() + "/deactivate")
                .then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/owner-cannot-be-deactivated"));
    }

    @Test
    void deactivatingAnInvitedUserRevokesTheInvitation() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String userId = Fixtures.invite(firm, Fixtures.uniqueEmail("gone"), "Gone Soon");
        String token = Fixtures.mailerToken("invitations", Fixtures.invitationIdFromEvent(userId));
        given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + userId + "/deactivate").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("password", Fixtures.MEMBER_PASSWORD)).post("/api/v1/invitations/" + token)
                .then().statusCode(404);
    }
}
