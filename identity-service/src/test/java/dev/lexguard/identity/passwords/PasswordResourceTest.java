package dev.lexguard.identity.passwords;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasswordResourceTest {

    private static final String NEW_PASSWORD = "copper kettle morning fog";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    private static ExtractableResponse<Response> change(String accessToken, String current, String next, Boolean endOthers) {
        Map<String, Object> body = new HashMap<>();
        body.put("currentPassword", current);
        body.put("newPassword", next);
        if (endOthers != null) {
            body.put("endOtherSessions", endOthers);
        }
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(body).post("/api/v1/me/password").then().extract();
    }

    private static String requestResetAndGetId(Fixtures.TestFirm firm) {
        given().contentType(ContentType.JSON).body(Map.of("email", firm.ownerEmail())).post("/api/v1/auth/password-reset")
                .then().statusCode(202);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode requested = topic.await("dev.lexguard.identity.password.resetRequested",
                    e -> e.path("firmid").asText().equals(firm.firmId()));
            return requested.path("data").path("resetId").asText();
        }
    }

    private static ExtractableResponse<Response> complete(String token, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("token", token, "newPassword", password)).post("/api/v1/auth/password-reset/complete")
                .then().extract();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndKeepsOtherSessionsOnlyWhenAsked() {
        Fixtures.TestFirm firm = Fixtures.firm();
        ExtractableResponse<Response> other = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200).extract();
        assertThat(change(firm.accessToken(), firm.password(), NEW_PASSWORD, false).statusCode()).isEqualTo(204);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(401);
        Fixtures.login(firm.ownerEmail(), NEW_PASSWORD, Fixtures.uniqueIp()).statusCode(200);
        Fixtures.refresh(other.path("refreshToken")).statusCode(200);
        String hash = (String) Db.row("select password_hash from app_user where id = ?", UUID.fromString(firm.ownerId())).get("password_hash");
        assertThat(hash).startsWith("$argon2id$");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode changed = topic.await("dev.lexguard.identity.password.changed", e -> e.path("subject").asText().equals(firm.ownerId()));
            assertThat(changed.path("data").path("otherSessionsEnded").asInt()).isZero();
            assertThat(changed.toString()).doesNotContain(NEW_PASSWORD).doesNotContain("argon2");
        }
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionByDefault() {
        Fixtures.TestFirm firm = Fixtures.firm();
        ExtractableResponse<Response> other = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200).extract();
        // someone who learnt the old password signed in elsewhere: the change shuts them out without being asked to
        assertThat(change(firm.accessToken(), firm.password(), NEW_PASSWORD, null).statusCode()).isEqualTo(204);
        Fixtures.refresh(other.path("refreshToken")).statusCode(401);
        assertThat(Db.row("select end_reason from session where id = ?", UUID.fromString(other.path("sessionId"))).get("end_reason"))
                .isEqualTo("password_changed");
        Fixtures.refresh(firm.refreshToken()).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode changed = topic.await("dev.lexguard.identity.password.changed", e -> e.path("subject").asText().equals(firm.ownerId()));
            assertThat(changed.path("data").path("otherSessionsEnded").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneIsRefused() {
        Fixtures.TestFirm firm = Fixtures.firm();
        ExtractableResponse<Response> wrong = change(firm.accessToken(), "this is not my password", NEW_PASSWORD, null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.<String>path("type")).isEqualTo("https://lexguard.dev/problems/wrong-password");
        ExtractableResponse<Response> weak = change(firm.accessToken(), firm.password(), "qwerty123456", null);
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.<String>path("errors[0].field")).isEqualTo("newPassword");
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("currentPassword", "x", "newPassword", NEW_PASSWORD))
                .post("/api/v1/me/password").then().statusCode(401);
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(Map.of("currentPassword", firm.password()))
                .post("/api/v1/me/password").then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
    }

    @Test
    void changingThePasswordFromAnEndedSessionIsRefused() {
        Fixtures.TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).post("/api/v1/auth/logout").then().statusCode(204);
        assertThat(change(firm.accessToken(), firm.password(), NEW_PASSWORD, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aResetIsAnnouncedWithoutTheLinkAndTheLinkWorksOnceWithinThirtyMinutes() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String resetId = requestResetAndGetId(firm);
        Map<String, Object> row = Db.row("select token_hash, created_at, expires_at from password_reset where id = ?", UUID.fromString(resetId));
        assertThat(row.get("token_hash")).isNull();
        assertThat(Duration.between(((java.sql.Timestamp) row.get("created_at")).toInstant(),
                ((java.sql.Timestamp) row.get("expires_at")).toInstant())).isEqualTo(Duration.ofMinutes(30));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode requested = topic.await("dev.lexguard.identity.password.resetRequested", e -> e.path("data").path("resetId").asText().equals(resetId));
            assertThat(requested.path("data").toString()).doesNotContain("lgp_").doesNotContain("http");
            assertThat(requested.path("data").path("email").asText()).isEqualTo(firm.ownerEmail());
        }

        String token = Fixtures.mailerToken("password-resets", resetId);
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/password-resets/" + resetId)
                .then().statusCode(409);
        assertThat(complete(token, "qwerty123456").statusCode()).isEqualTo(400);
        assertThat(complete(token, NEW_PASSWORD).statusCode()).isEqualTo(204);
        ExtractableResponse<Response> again = complete(token, "another fine password here");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.<String>path("type")).isEqualTo("https://lexguard.dev/problems/invalid-reset-token");

        Fixtures.refresh(firm.refreshToken()).statusCode(401);
        assertThat(Db.row("select end_reason from session where id = ?", UUID.fromString(firm.sessionId())).get("end_reason"))
                .isEqualTo("password_reset");
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(401);
        Fixtures.login(firm.ownerEmail(), NEW_PASSWORD, Fixtures.uniqueIp()).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode done = topic.await("dev.lexguard.identity.password.resetCompleted", e -> e.path("data").path("resetId").asText().equals(resetId));
            assertThat(done.path("data").path("sessionsEnded").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anExpiredResetTokenIsRefused() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String resetId = requestResetAndGetId(firm);
        String token = Fixtures.mailerToken("password-resets", resetId);
        Db.update("update password_reset set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(resetId));
        assertThat(complete(token, NEW_PASSWORD).statusCode()).isEqualTo(400);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
    }

    @Test
    void aNewerResetRetiresTheOlderOne() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String first = requestResetAndGetId(firm);
        String firstToken = Fixtures.mailerToken("password-resets", first);
        given().contentType(ContentType.JSON).body(Map.of("email", firm.ownerEmail())).post("/api/v1/auth/password-reset")
                .then().statusCode(202);
        assertThat(Db.rows("select id from password_reset where user_id = ? and used_at is null", UUID.fromString(firm.ownerId())))
                .hasSize(1).noneMatch(r -> r.get("id").toString().equals(first));
        assertThat(complete(firstToken, NEW_PASSWORD).statusCode()).isEqualTo(400);
    }

    @Test
    void resetRequestsAreCappedPerAccountSoMailboxesCannotBeFlooded() {
        Fixtures.TestFirm firm = Fixtures.firm();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("email", firm.ownerEmail())).post("/api/v1/auth/password-reset")
                    .then().statusCode(202);
        }
        assertThat(Db.rows("select id from password_reset where user_id = ?", UUID.fromString(firm.ownerId()))).hasSize(3);
    }

    @Test
    void unknownEmailsGetTheSameAnswerAndBadInputIsAProblem() {
        ExtractableResponse<Response> unknown = given().contentType(ContentType.JSON).body(Map.of("email", Fixtures.uniqueEmail("ghost")))
                .post("/api/v1/auth/password-reset").then().extract();
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(unknown.asString()).isEmpty();
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-email")).post("/api/v1/auth/password-reset")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(complete("lgp_" + "B".repeat(43), NEW_PASSWORD).statusCode()).isEqualTo(400);
        assertThat(complete("garbage", NEW_PASSWORD).statusCode()).isEqualTo(400);
        given().contentType(ContentType.JSON).body("{\"token\":true,\"newPassword\":\"x\"}").post("/api/v1/auth/password-reset/complete")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("X-Mailer-Key", Fixtures.MAILER_KEY).post("/internal/v1/mail-links/password-resets/" + UUID.randomUUID())
                .then().statusCode(404);
        given().post("/internal/v1/mail-links/password-resets/" + UUID.randomUUID()).then().statusCode(401);
    }
}
