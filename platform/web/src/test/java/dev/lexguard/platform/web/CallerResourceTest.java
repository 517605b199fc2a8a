package dev.lexguard.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallerResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPES = "https://lexguard.dev/problems/";

    private final UUID firm = UUID.randomUUID();
    private final UUID actor = UUID.randomUUID();

    @Test
    void userCallerComesFromTheVerifiedToken() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor, "billing", "administrator");
        UUID session = UUID.randomUUID();
        claims.claim("sid", session.toString());
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("firmId", equalTo(firm.toString()))
                .body("actorId", equalTo(actor.toString()))
                .body("actorType", equalTo("USER"))
                .body("sessionId", equalTo(session.toString()))
                .body("permissions", contains("administrator", "billing"))
                .body("amr", contains("otp", "pwd"));
    }

    @Test
    void portalAudienceMakesAContact() {
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("lexguard-portal", firm, actor)))
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("actorType", equalTo("CONTACT"))
                .body("firmId", equalTo(firm.toString()));
    }

    @Test
    void reactiveAuthenticatedEndpointSeesTheCaller() {
        given().auth().oauth2(TestTokens.user(firm, actor, "reporting"))
                .when().get("/test/caller/reactive")
                .then().statusCode(200)
                .body("actorId", equalTo(actor.toString()))
                .body("permissions", contains("reporting"));
    }

    @Test
    void noTokenAnswers401Problem() {
        given().when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo(TYPES + "unauthorized"))
                .body("requestId", notNullValue());
    }

    @Test
    void expiredTokenAnswers401() {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = TestTokens.sign(TestTokens.claims("lexguard-api", firm, actor)
                .issuedAt(past).expiresAt(past.plusSeconds(600)));
        given().auth().oauth2(expired)
                .when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(TYPES + "unauthorized"));
    }

    @Test
    void tokenSignedByAnotherKeyAnswers401() {
        given().auth().oauth2(TestTokens.signWithOtherKey(TestTokens.claims("lexguard-api", firm, actor)))
                .when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "unauthorized"));
    }

    @Test
    void unsignedAlgNoneTokenAnswers401() {
        given().auth().oauth2(TestTokens.unsigned(firm, actor))
                .when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "unauthorized"));
    }

    @Test
    void unsignedAlgNoneTokenCannotPassRolesAllowed() {
        given().auth().oauth2(TestTokens.unsigned(firm, actor))
                .when().get("/test/caller/admin")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void tokenForAnotherAudienceAnswers401() {
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("some-other-app", firm, actor)))
                .when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void tokenWithoutFirmClaimAnswers401() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor);
        claims.remove("firm");
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void missingPermissionAnswers403Problem() {
        given().auth().oauth2(TestTokens.user(firm, actor, "reporting"))
                .when().get("/test/caller/billing")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "missing-permission"))
                .body("detail", equalTo("This requires the 'billing' permission"));
    }

    @Test
    void heldPermissionPasses() {
        given().auth().oauth2(TestTokens.user(firm, actor, "billing"))
                .when().get("/test/caller/billing")
                .then().statusCode(200);
    }

    @Test
    void rolesAllowedWithoutTheRoleAnswers403Problem() {
        given().auth().oauth2(TestTokens.user(firm, actor, "billing"))
                .when().get("/test/caller/admin")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "forbidden"));
    }

    @Test
    void rolesAllowedWithoutTokenAnswers401Problem() {
        given().when().get("/test/caller/admin")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void riskyActWithASecondFactorProvenMinutesAgoIsAllowed() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor)
                .claim("auth_time", Instant.now().minusSeconds(540).getEpochSecond());
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller/risky")
                .then().statusCode(200);
    }

    @Test
    void riskyActWithAStaleSecondFactorNeedsStepUp() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor)
                .claim("auth_time", Instant.now().minusSeconds(660).getEpochSecond());
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller/risky")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("max_age=\"600\""))
                .body("type", equalTo(TYPES + "step-up-required"))
                .body("detail", containsString("/api/v1/auth/step-up"));
    }

    @Test
    void riskyActWithoutASecondFactorNeedsStepUpHoweverFresh() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor)
                .claim("amr", List.of("pwd", "pin"))
                .claim("auth_time", Instant.now().getEpochSecond());
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller/risky")
                .then().statusCode(403)
                .body("type", equalTo(TYPES + "step-up-required"));
    }

    @Test
    void riskyActWithoutAnAuthTimeNeedsStepUp() {
        given().auth().oauth2(TestTokens.user(firm, actor, "administrator"))
                .when().get("/test/caller/risky")
                .then().statusCode(403)
                .body("type", equalTo(TYPES + "step-up-required"));
    }

    @Test
    void anAuthTimeInTheFutureIsNotFresh() {
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor)
                .claim("auth_time", Instant.now().plusSeconds(3600).getEpochSecond());
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller/risky")
                .then().statusCode(403)
                .body("type", equalTo(TYPES + "step-up-required"));
    }

    @Test
    void theSessionStartIsItsOwnClaimNotTheLastStepUp() {
        long signedIn = Instant.now().minusSeconds(3600).getEpochSecond();
        long steppedUp = Instant.now().minusSeconds(60).getEpochSecond();
        JwtClaimsBuilder claims = TestTokens.claims("lexguard-api", firm, actor)
                .claim("session_start", signedIn).claim("auth_time", steppedUp);
        given().auth().oauth2(TestTokens.sign(claims))
                .when().get("/test/caller/times")
                .then().statusCode(200)
                .body("sessionStart", equalTo(Instant.ofEpochSecond(signedIn).toString()))
                .body("authTime", equalTo(Instant.ofEpochSecond(steppedUp).toString()));
        // a token of before session_start existed: its auth_time was the session's start
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("lexguard-api", firm, actor).claim("auth_time", signedIn)))
                .when().get("/test/caller/times")
                .then().statusCode(200)
                .body("sessionStart", equalTo(Instant.ofEpochSecond(signedIn).toString()));
    }
}
