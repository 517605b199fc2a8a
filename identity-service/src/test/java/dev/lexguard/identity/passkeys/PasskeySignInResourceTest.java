package dev.lexguard.identity.passkeys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasskeySignInResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    private record Enrolled(TestFirm firm, SoftwareAuthenticator authenticator, String passkeyId) {
    }

    private static Enrolled enrolled(SoftwareAuthenticator authenticator) {
        TestFirm firm = Fixtures.firm();
        return new Enrolled(firm, authenticator, Passkeys.registered(firm.accessToken(), authenticator));
    }

    /** The password: a user with a passkey gets a challenge, never tokens. */
    private static String challengeToken(TestFirm firm) {
        return Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
    }

    private static String signInChallenge(String challengeToken) {
        return Passkeys.signInOptions(challengeToken).statusCode(200).extract().path("challenge");
    }

    @Test
    void aPasskeyCompletesTheSignInAfterThePassword() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());
        ExtractableResponse<Response> options = Passkeys.signInOptions(token).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("rpId", equalTo(SoftwareAuthenticator.RP_ID)).body("userVerification", equalTo("required"))
                .body("allowCredentials.id", hasItem(user.authenticator().credentialId())).extract();

        ExtractableResponse<Response> signedIn = Passkeys.signIn(token, user.authenticator().assertion(options.path("challenge")))
                .statusCode(200).body("status", equalTo("authenticated")).extract();

        JsonNode claims = Jwts.claims(signedIn.path("accessToken"));
        assertThat(claims.path("amr").toString()).isEqualTo("[\"pwd\",\"hwk\"]");
        Map<String, Object> row = Db.row("select sign_count, last_used_at from passkey where id = ?",
                UUID.fromString(user.passkeyId()));
        assertThat(row.get("sign_count")).isEqualTo(1L);
        assertThat(row.get("last_used_at")).isNotNull();
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode used = topic.await("dev.lexguard.identity.passkey.used",
                    e -> e.path("data").path("passkeyId").asText().equals(user.passkeyId()));
            assertThat(used.path("data").path("purpose").asText()).isEqualTo("sign_in");
            JsonNode started = topic.await("dev.lexguard.identity.session.started",
                    e -> e.path("data").path("sessionId").asText().equals(signedIn.path("sessionId")));
            assertThat(started.path("data").path("amr").toString()).isEqualTo("[\"pwd\",\"hwk\"]");
        }
        // the challenge token is used up
        Passkeys.signInOptions(token).statusCode(401).body("type", equalTo(PROBLEMS + "invalid-challenge"));
    }

    @Test
    void anRs256PasskeySignsIn() {
        Enrolled user = enrolled(SoftwareAuthenticator.rs256());
        String token = challengeToken(user.firm());
        Passkeys.signIn(token, user.authenticator().assertion(signInChallenge(token))).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void aCounterThatGoesBackIsRefusedEventedAndMarksThePasskeySuspect() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String first = challengeToken(user.firm());
        Passkeys.signIn(first, user.authenticator().assertion(signInChallenge(first))).statusCode(200);

        // a clone of the authenticator, behind the original
        user.authenticator().rewindCounterTo(0);
        String second = challengeToken(user.firm());
        Passkeys.signIn(second, user.authenticator().assertion(signInChallenge(second))).statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-passkey"));

        assertThat(Db.row("select suspect_at from passkey where id = ?", UUID.fromString(user.passkeyId()))
                .get("suspect_at")).isNotNull();
        rejected(user.firm(), "counter-regression");
        // refused from now on, and the password alone does not sign in instead
        String third = challengeToken(user.firm());
        Passkeys.signInOptions(third).statusCode(409).body("type", equalTo(PROBLEMS + "passkey-not-registered"));
        Passkeys.signIn(third, user.authenticator().assertion(SoftwareAuthenticator.base64Url(new byte[32]))).statusCode(401);
        list(user.firm()).body("[0].suspect", equalTo(true));
    }

    @Test
    void anotherFirmsPasskeyIsRefusedLikeABadSignature() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        Enrolled stranger = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());

        Response foreign = Passkeys.signIn(token, stranger.authenticator().assertion(signInChallenge(token)))
                .statusCode(401).extract().response();
        Response forged = Passkeys.signIn(token, user.authenticator().tamperedAssertion(signInChallenge(token)))
                .statusCode(401).extract().response();

        assertThat(foreign.path("type").toString()).isEqualTo(PROBLEMS + "invalid-passkey");
        assertThat(foreign.path("detail").toString()).isEqualTo(forged.path("detail").toString());
        assertThat(foreign.path("title").toString()).isEqualTo(forged.path("title").toString());
        rejected(user.firm(), "wrong-user");
        rejected(user.firm(), "bad-signature");
        // the stranger's passkey was not touched
        assertThat(Db.row("select sign_count, last_used_at from passkey where id = ?",
                UUID.fromString(stranger.passkeyId())).get("last_used_at")).isNull();
    }

    @Test
    void anUnknownCredentialIsRefused() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());
        Passkeys.signIn(token, SoftwareAuthenticator.es256().assertion(signInChallenge(token))).statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(user.firm(), "unknown-credential");
    }

    @Test
    void anAssertionForAnotherOriginIsRefused() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());
        Passkeys.signIn(token, user.authenticator().assertion(signInChallenge(token),
                SoftwareAuthenticator.Context.honest().origin("https://app.lexguard-login.example"))).statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(user.firm(), "wrong-origin");
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefused() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());
        Passkeys.signIn(token, user.authenticator().assertion(signInChallenge(token),
                SoftwareAuthenticator.Context.honest().withoutUserVerification())).statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(user.firm(), "uv-missing");
    }

    @Test
    void anAssertionIsAcceptedOnce() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String first = challengeToken(user.firm());
        Map<String, Object> assertion = user.authenticator().assertion(signInChallenge(first));
        Passkeys.signIn(first, assertion).statusCode(200);

        String second = challengeToken(user.firm());
        signInChallenge(second);
        Passkeys.signIn(second, assertion).statusCode(401).body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(user.firm(), "bad-challenge");
    }

    @Test
    void aPasskeyStepsUpTheSession() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String stepped = Passkeys.stepUp(user.firm().accessToken(),
                        user.authenticator().assertion(Passkeys.stepUpChallenge(user.firm().accessToken())))
                .statusCode(200).body("sessionId", equalTo(user.firm().sessionId()))
                .extract().path("accessToken");

        assertThat(Jwts.claims(stepped).path("amr").toString()).isEqualTo("[\"pwd\",\"hwk\"]");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.stepup.succeeded",
                    e -> e.path("subject").asText().equals(user.firm().ownerId()));
            assertThat(event.path("data").path("method").asText()).isEqualTo("hwk");
            JsonNode used = topic.await("dev.lexguard.identity.passkey.used",
                    e -> e.path("data").path("passkeyId").asText().equals(user.passkeyId())
                            && e.path("data").path("purpose").asText().equals("step_up"));
            assertThat(used.path("data").path("sessionId").asText()).isEqualTo(user.firm().sessionId());
        }
    }

    @Test
    void aSignInChallengeDoesNotStepUp() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String token = challengeToken(user.firm());
        Passkeys.stepUp(user.firm().accessToken(), user.authenticator().assertion(signInChallenge(token)))
                .statusCode(403).body("type", equalTo(PROBLEMS + "invalid-second-factor"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.stepup.failed",
                    e -> e.path("subject").asText().equals(user.firm().ownerId()));
            assertThat(event.path("data").path("reason").asText()).isEqualTo("wrong_passkey");
        }
    }

    @Test
    void aPasskeyCountsForTheFirmsTwoFactorPolicy() {
        Enrolled user = enrolled(SoftwareAuthenticator.es256());
        String fresh = Passkeys.steppedUp(user.firm().accessToken(), user.authenticator());
        given().auth().oauth2(fresh).contentType(ContentType.JSON)
                .body(Map.of("required", true, "graceDays", 0)).put("/api/v1/two-factor/policy").then().statusCode(200);

        // a second factor already: a challenge, not the enrolment-only token
        String token = challengeToken(user.firm());
        Passkeys.signIn(token, user.authenticator().assertion(signInChallenge(token))).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    private static ValidatableResponse list(TestFirm firm) {
        return given().auth().oauth2(firm.accessToken()).get("/api/v1/passkeys").then().statusCode(200);
    }

    private static void rejected(TestFirm firm, String reason) {
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.rejected",
                    e -> e.path("subject").asText().equals(firm.ownerId())
                            && e.path("data").path("reason").asText().equals(reason));
            assertThat(event.path("firmid").asText()).isEqualTo(firm.firmId());
        }
    }
}
