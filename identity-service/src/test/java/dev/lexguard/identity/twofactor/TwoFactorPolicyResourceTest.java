package dev.lexguard.identity.twofactor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TwoFactorPolicyResourceTest {

    private static ValidatableResponse setPolicy(String accessToken, Map<String, Object> body) {
        return given().auth().oauth2(Jwts.steppedUp(accessToken)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/two-factor/policy").then();
    }

    private static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp()).body(body)
                .post(path).then();
    }

    @Test
    void pastTheGracePeriodTheTokenAllowsOnlyEnrolmentWhichThenSignsIn() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 0)).statusCode(200)
                .body("required", equalTo(true)).body("graceDays", equalTo(0));
        ValidatableResponse login = Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required")).body("accessToken", nullValue());
        String token = login.extract().path("enrollmentToken");
        assertThat(token).startsWith("lge_");
        // it is not an access token, nor a sign-in challenge
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);
        post("/api/v1/auth/login/two-factor", Map.of("challengeToken", token, "code", "123456")).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-challenge"));

        String secret = post("/api/v1/two-factor/enrolment-token", Map.of("enrollmentToken", token)).statusCode(200)
                .extract().path("secret");
        Authenticator app = new Authenticator(secret);
        post("/api/v1/two-factor/enrolment-token/confirm", Map.of("enrollmentToken", token, "code", app.code(3)))
                .statusCode(400);
        String accessToken = post("/api/v1/two-factor/enrolment-token/confirm",
                Map.of("enrollmentToken", token, "code", app.code())).statusCode(200)
                .body("status", equalTo("authenticated")).body("recoveryCodes", hasSize(10))
                .extract().path("accessToken");
        assertThat(Jwts.claims(accessToken).path("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        post("/api/v1/two-factor/enrolment-token", Map.of("enrollmentToken", token)).statusCode(401);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.twofactor.policyChanged",
                    e -> e.path("subject").asText().equals(firm.firmId()));
            assertThat(event.path("data").path("required").asBoolean()).isTrue();
            assertThat(event.path("actorid").asText()).isEqualTo(firm.ownerId());
        }
    }

    @Test
    void aPolicyChangeCarriesThePreviousValuesOfExactlyTheChangedFields() {
        TestFirm firm = Fixtures.firm();
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 7)).statusCode(200);
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 3)).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode first = topic.await("dev.lexguard.identity.twofactor.policyChanged",
                    e -> e.path("subject").asText().equals(firm.firmId()) && e.at("/data/graceDays").asInt() == 7);
            // a firm without a policy required nothing, of everyone: the groups did not change
            assertThat(first.at("/data/previous").size()).isEqualTo(2);
            assertThat(first.at("/data/previous/required").asBoolean()).isFalse();
            assertThat(first.at("/data/previous/graceDays").asInt()).isZero();
            JsonNode second = topic.await("dev.lexguard.identity.twofactor.policyChanged",
                    e -> e.path("subject").asText().equals(firm.firmId()) && e.at("/data/graceDays").asInt() == 3);
            assertThat(second.at("/data/previous").size()).isEqualTo(1);
            assertThat(second.at("/data/previous/graceDays").asInt()).isEqualTo(7);
        }
    }

    @Test
    void withinTheGracePeriodThePasswordStillSignsIn() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 7)).statusCode(200);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        // eight days on: the rule and the member both date from before the grace period
        Db.update("update two_factor_policy set required_since = required_since - interval '8 days' where firm_id = ?",
                UUID.fromString(firm.firmId()));
        Db.update("update app_user set created_at = created_at - interval '8 days' where id = ?",
                UUID.fromString(member.userId()));
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required"));
        setPolicy(firm.accessToken(), Map.of("required", false, "graceDays", 7)).statusCode(200)
                .body("requiredSince", nullValue());
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void onlyAdministratorsSeeAndSetThePolicyAndBadInputIsRefused() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        setPolicy(member.accessToken(), Map.of("required", true, "graceDays", 0)).statusCode(403);
        given().auth().oauth2(member.accessToken()).get("/api/v1/two-factor/policy").then().statusCode(403);
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", -1)).statusCode(400);
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 366)).statusCode(400);
        setPolicy(firm.accessToken(), Map.of("graceDays", 3)).statusCode(400);
        setPolicy(firm.accessToken(), Map.of("required", "yes", "graceDays", 3)).statusCode(400);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor/policy").then().statusCode(200)
                .body("required", equalTo(false));
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void anUnknownEnrolmentTokenIsRefused() {
        post("/api/v1/two-factor/enrolment-token", Map.of("enrollmentToken", "lge_" + "x".repeat(43))).statusCode(401);
        post("/api/v1/two-factor/enrolment-token/confirm", Map.of("enrollmentToken", "lge_nothing", "code", "123456"))
                .statusCode(401);
        post("/api/v1/two-factor/enrolment-token", Map.of()).statusCode(400);
    }

    @Test
    void administratorsSeeEachUsersStateEnabledPendingOverdue() {
        TestFirm firm = Fixtures.firm();
        Member enabled = Fixtures.member(firm);
        Member pending = Fixtures.member(firm);
        Member none = Fixtures.member(firm);
        String secret = given().auth().oauth2(enabled.accessToken()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        given().auth().oauth2(enabled.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", new Authenticator(secret).code())).post("/api/v1/two-factor/enrolment/confirm")
                .then().statusCode(200);
        given().auth().oauth2(pending.accessToken()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200);
        Map<String, String> before = states(firm);
        assertThat(before).containsEntry(enabled.userId(), "enabled").containsEntry(pending.userId(), "pending")
                .containsEntry(none.userId(), "not_enrolled").containsEntry(firm.ownerId(), "not_enrolled");
        setPolicy(firm.accessToken(), Map.of("required", true, "graceDays", 0)).statusCode(200);
        Map<String, String> after = states(firm);
        assertThat(after).hasSize(4).containsEntry(enabled.userId(), "enabled").containsEntry(pending.userId(), "pending")
                .containsEntry(none.userId(), "overdue").containsEntry(firm.ownerId(), "overdue");
        given().auth().oauth2(enabled.accessToken()).get("/api/v1/two-factor/users").then().statusCode(403);
        given().auth().oauth2(firm.accessToken()).queryParam("limit", 0).get("/api/v1/two-factor/users").then()
                .statusCode(400);
        given().auth().oauth2(firm.accessToken()).queryParam("cursor", "garbage").get("/api/v1/two-factor/users").then()
                .statusCode(400);
    }

    /** Walks every page two at a time; user id to state. */
    private static Map<String, String> states(TestFirm firm) {
        Map<String, String> states = new HashMap<>();
        String cursor = null;
        do {
            RequestSpecification request = given().auth().oauth2(firm.accessToken()).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/two-factor/users").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            items.forEach(item -> states.put((String) item.get("userId"), (String) item.get("state")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return states;
    }
}
