package dev.lexguard.identity.twofactor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TwoFactorResetResourceTest {

    private static List<String> turnOn(String accessToken) {
        String secret = given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("code", new Authenticator(secret).code())).post("/api/v1/two-factor/enrolment/confirm")
                .then().statusCode(200).extract().path("recoveryCodes");
    }

    private static ValidatableResponse reset(String accessToken, String userId) {
        return given().auth().oauth2(Jwts.steppedUp(accessToken)).post("/api/v1/two-factor/users/" + userId + "/reset").then();
    }

    @Test
    void anAdministratorWithTwoFactorResetsAUsersTwoFactorAndItIsAnEvent() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        turnOn(member.accessToken());
        turnOn(firm.accessToken());
        reset(firm.accessToken(), member.userId()).statusCode(204);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.twofactor.disabled",
                    e -> e.path("subject").asText().equals(member.userId()));
            assertThat(event.path("data").path("by").asText()).isEqualTo("administrator");
            assertThat(event.path("actorid").asText()).isEqualTo(firm.ownerId());
        }
        reset(firm.accessToken(), member.userId()).statusCode(409);
    }

    @Test
    void anAdministratorWithoutTwoFactorCannotReset() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        turnOn(member.accessToken());
        reset(firm.accessToken(), member.userId()).statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/two-factor-required"));
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));
    }

    @Test
    void aUserWhoIsNotAnAdministratorCannotReset() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        turnOn(member.accessToken());
        turnOn(firm.accessToken());
        reset(member.accessToken(), firm.ownerId()).statusCode(403);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));
    }

    @Test
    void anotherFirmsUserOrAnUnknownIdIsNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        turnOn(other.accessToken());
        turnOn(firm.accessToken());
        reset(firm.accessToken(), other.ownerId()).statusCode(404);
        reset(firm.accessToken(), UUID.randomUUID().toString()).statusCode(404);
        reset(firm.accessToken(), "not-a-uuid").statusCode(404);
    }
}
