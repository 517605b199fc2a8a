package dev.lexguard.identity.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.SecondFactor;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Risky acts of identity-service need a second factor proved within 10 minutes; the real step-up endpoint gives it. */
@QuarkusTest
class StepUpEnforcementTest {

    private static final String STEP_UP_REQUIRED = "https://lexguard.dev/problems/step-up-required";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    private static ValidatableResponse setPolicy(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("required", true, "graceDays", 7))
                .put("/api/v1/two-factor/policy").then();
    }

    private static void refusedForStepUp(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json").body("type", equalTo(STEP_UP_REQUIRED))
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
    }

    @Test
    void changingTheTwoFactorPolicyNeedsAFreshStepUp() {
        TestFirm firm = Fixtures.firm();
        SecondFactor factor = Fixtures.enrolTotp(firm.accessToken());
        refusedForStepUp(setPolicy(firm.accessToken()));
        given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor/policy").then().statusCode(200)
                .body("required", equalTo(false));
        // a second factor proved 11 minutes ago is too old
        refusedForStepUp(setPolicy(Jwts.withSecondFactorAt(firm.accessToken(), Instant.now().minus(Duration.ofMinutes(11)))));

        setPolicy(Fixtures.steppedUp(firm.accessToken(), factor)).statusCode(200).body("required", equalTo(true));
    }

    @Test
    void resettingAnotherUsersTwoFactorNeedsAFreshStepUp() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Fixtures.enrolTotp(member.accessToken());
        SecondFactor factor = Fixtures.enrolTotp(firm.accessToken());
        refusedForStepUp(given().auth().oauth2(firm.accessToken())
                .post("/api/v1/two-factor/users/" + member.userId() + "/reset").then());
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));

        given().auth().oauth2(Fixtures.steppedUp(firm.accessToken(), factor))
                .post("/api/v1/two-factor/users/" + member.userId() + "/reset").then().statusCode(204);
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void connectingOrDisconnectingTheIdentityProviderNeedsAFreshStepUp() {
        TestFirm firm = Fixtures.firm();
        SecondFactor factor = Fixtures.enrolTotp(firm.accessToken());
        Map<String, Object> body = Map.of("serverUrl", "http://127.0.0.1:9", "realm", "harbourlane",
                "clientId", "lexguard", "clientSecret", "s3cret-of-the-realm");
        refusedForStepUp(given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/firms/keycloak").then());
        refusedForStepUp(given().auth().oauth2(firm.accessToken()).delete("/api/v1/firms/keycloak").then());

        // stepped up, the request reaches the connection itself (nothing answers on that port: 422, not 403)
        String stepped = Fixtures.steppedUp(firm.accessToken(), factor);
        given().auth().oauth2(stepped).contentType(ContentType.JSON).body(body).put("/api/v1/firms/keycloak").then()
                .statusCode(422).body("type", not(equalTo(STEP_UP_REQUIRED)));
        given().auth().oauth2(stepped).delete("/api/v1/firms/keycloak").then().statusCode(404);
    }
}
