package dev.lexguard.identity.passkeys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A passkey among the account's other factors: recovery codes, the last factor, resets, the password, the status. */
@QuarkusTest
class PasskeyAccountResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";
    private static final String NEW_PASSWORD = "copper kettle morning fog";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    /** Registers a first passkey; returns the recovery codes its answer showed (once). */
    private static List<String> firstPasskey(String accessToken, SoftwareAuthenticator authenticator) {
        return Passkeys.register(accessToken, "Laptop", authenticator.register(Passkeys.registrationChallenge(accessToken)))
                .statusCode(201).body("recoveryCodes", hasSize(10)).extract().path("recoveryCodes");
    }

    private static String challengeToken(String email, String password) {
        return Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
    }

    private static ValidatableResponse withRecoveryCode(String challengeToken, String recoveryCode) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("challengeToken", challengeToken, "recoveryCode", recoveryCode))
                .post("/api/v1/auth/login/two-factor").then();
    }

    private static ValidatableResponse changePassword(String accessToken, String current, String next, String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("currentPassword", current);
        body.put("newPassword", next);
        if (code != null) {
            body.put("code", code);
        }
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(body).post("/api/v1/me/password").then();
    }

    private static ValidatableResponse disableTotp(String accessToken, String password, String code) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("password", password, "code", code)).post("/api/v1/two-factor/disable").then();
    }

    private static long recoveryCodesOf(String userId) {
        return Db.rows("select id from recovery_code where user_id = ?", UUID.fromString(userId)).size();
    }

    @Test
    void aFirstPasskeyComesWithRecoveryCodesThatCompleteTheSignIn() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        List<String> codes = firstPasskey(firm.accessToken(), authenticator);

        // shown once: never in the list, and a second passkey brings none
        assertThat(given().auth().oauth2(firm.accessToken()).get("/api/v1/passkeys").then().statusCode(200)
                .extract().asString()).doesNotContain("recoveryCodes");
        String fresh = Passkeys.steppedUp(firm.accessToken(), authenticator);
        SoftwareAuthenticator spare = SoftwareAuthenticator.rs256();
        Passkeys.register(fresh, "Spare", spare.register(Passkeys.registrationChallenge(fresh))).statusCode(201)
                .body("recoveryCodes", nullValue());
        given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor").then().statusCode(200)
                .body("recoveryCodesRemaining", equalTo(10));

        // after the password, a recovery code instead of the passkey
        String accessToken = withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), codes.get(0))
                .statusCode(200).body("status", equalTo("authenticated")).body("recoveryCodesRemaining", nullValue())
                .extract().path("accessToken");
        assertThat(Jwts.claims(accessToken).path("amr").toString()).isEqualTo("[\"pwd\",\"rec\"]");
        // a used code is refused
        withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), codes.get(0)).statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-second-factor"));
        // three or fewer left: the answer prompts for a new set
        for (int i = 1; i < 6; i++) {
            withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), codes.get(i)).statusCode(200)
                    .body("recoveryCodesRemaining", nullValue());
        }
        withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), codes.get(6)).statusCode(200)
                .body("recoveryCodesRemaining", equalTo(3));
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.twofactor.recoveryRegenerated",
                    e -> e.path("subject").asText().equals(firm.ownerId()));
            JsonNode used = topic.await("dev.lexguard.identity.twofactor.recoveryUsed",
                    e -> e.path("subject").asText().equals(firm.ownerId()) && e.path("data").path("remaining").asInt() == 3);
            assertThat(used.toString()).doesNotContain(codes.get(6));
        }

        // a new set: the password and a passkey step-up (no code), and the old codes stop working
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("password", firm.password())).post("/api/v1/two-factor/recovery-codes").then()
                .statusCode(403).body("type", equalTo(PROBLEMS + "step-up-required"));
        List<String> renewed = given().auth().oauth2(Passkeys.steppedUp(firm.accessToken(), authenticator))
                .contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("password", firm.password())).post("/api/v1/two-factor/recovery-codes").then()
                .statusCode(200).extract().path("recoveryCodes");
        assertThat(renewed).hasSize(10);
        withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), codes.get(7)).statusCode(401);
        withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), renewed.get(0)).statusCode(200);
    }

    @Test
    void theLastPasskeyTakesTheRecoveryCodesWithIt() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        List<String> codes = firstPasskey(firm.accessToken(), authenticator);
        String id = given().auth().oauth2(firm.accessToken()).get("/api/v1/passkeys").then().extract().path("[0].id");
        given().auth().oauth2(Passkeys.steppedUp(firm.accessToken(), authenticator)).contentType(ContentType.JSON)
                .header("X-Forwarded-For", Fixtures.uniqueIp()).body(Map.of("password", firm.password()))
                .delete("/api/v1/passkeys/" + id).then().statusCode(204);

        assertThat(recoveryCodesOf(firm.ownerId())).isZero();
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        assertThat(codes).hasSize(10);
    }

    @Test
    void turningTotpOffKeepsTheRecoveryCodesWhileAPasskeyRemains() {
        TestFirm firm = Fixtures.firm();
        Fixtures.SecondFactor totp = Fixtures.enrolTotp(firm.accessToken());
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        // a TOTP user has codes already: the passkey brings none
        String fresh = Fixtures.steppedUp(firm.accessToken(), totp);
        Passkeys.register(fresh, "Laptop", authenticator.register(Passkeys.registrationChallenge(fresh))).statusCode(201)
                .body("recoveryCodes", nullValue());

        // the codes of now and the next step are used: a recovery code is the factor here
        disableTotp(firm.accessToken(), firm.password(), totp.recoveryCodes().get(9)).statusCode(204);

        assertThat(Db.rows("select id from recovery_code where user_id = ? and used_at is null",
                UUID.fromString(firm.ownerId()))).hasSize(9);
        withRecoveryCode(challengeToken(firm.ownerEmail(), firm.password()), totp.recoveryCodes().get(0)).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void totpAsTheLastSecondFactorStaysWhileTheFirmRequiresOne() {
        TestFirm firm = Fixtures.firm();
        Fixtures.SecondFactor totp = Fixtures.enrolTotp(firm.accessToken());
        String fresh = Fixtures.steppedUp(firm.accessToken(), totp);
        given().auth().oauth2(fresh).contentType(ContentType.JSON)
                .body(Map.of("required", true, "graceDays", 14)).put("/api/v1/two-factor/policy").then().statusCode(200);

        disableTotp(firm.accessToken(), firm.password(), totp.recoveryCodes().get(9)).statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "second-factor-required-by-policy"));
        given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor").then().statusCode(200)
                .body("enabled", equalTo(true)).body("recoveryCodesRemaining", equalTo(10));

        // with a passkey, TOTP is not the last second factor
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.register(fresh, "Laptop", authenticator.register(Passkeys.registrationChallenge(fresh))).statusCode(201);
        disableTotp(firm.accessToken(), firm.password(), totp.recoveryCodes().get(0)).statusCode(204);
    }

    @Test
    void anAdministratorsResetRemovesThePasskeysAndTheStatusCountedThem() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        SoftwareAuthenticator members = SoftwareAuthenticator.es256();
        firstPasskey(member.accessToken(), members);
        String passkeyId = given().auth().oauth2(member.accessToken()).get("/api/v1/passkeys").then().extract().path("[0].id");
        // the administrator's own second factor is a passkey too
        firstPasskey(firm.accessToken(), SoftwareAuthenticator.es256());

        JsonPath status = given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor/users?limit=200").then()
                .statusCode(200).extract().jsonPath();
        assertThat(status.getString("items.find { it.userId == '" + member.userId() + "' }.state")).isEqualTo("enabled");
        assertThat(status.getList("items.find { it.userId == '" + member.userId() + "' }.methods")).containsExactly("passkey");
        assertThat(status.getString("items.find { it.userId == '" + member.userId() + "' }.enabledAt")).isNotNull();

        given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).post("/api/v1/two-factor/users/" + member.userId() + "/reset")
                .then().statusCode(204);

        assertThat(Db.rows("select id from passkey where user_id = ?", UUID.fromString(member.userId()))).isEmpty();
        assertThat(recoveryCodesOf(member.userId())).isZero();
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode removed = topic.await("dev.lexguard.identity.passkey.removed",
                    e -> e.path("data").path("passkeyId").asText().equals(passkeyId));
            assertThat(removed.path("data").path("by").asText()).isEqualTo("administrator");
            assertThat(removed.path("data").path("lastSecondFactor").asBoolean()).isTrue();
            assertThat(removed.path("actorid").asText()).isEqualTo(firm.ownerId());
            JsonNode disabled = topic.await("dev.lexguard.identity.twofactor.disabled",
                    e -> e.path("subject").asText().equals(member.userId()));
            assertThat(disabled.path("data").path("by").asText()).isEqualTo("administrator");
        }
        given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).post("/api/v1/two-factor/users/" + member.userId() + "/reset")
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "two-factor-not-enabled"));
    }

    @Test
    void thisWasntMeRemovesThePasskeysRegisteredDuringTheDisownedSession() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        SoftwareAuthenticator own = SoftwareAuthenticator.es256();
        firstPasskey(member.accessToken(), own);
        String ownId = given().auth().oauth2(member.accessToken()).get("/api/v1/passkeys").then().extract().path("[0].id");
        // a later session (password and the passkey) registers another passkey: the one reported as not theirs
        String token = challengeToken(member.email(), member.password());
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> later = Passkeys.signIn(token,
                own.assertion(Passkeys.signInOptions(token).statusCode(200).extract().path("challenge"))).statusCode(200)
                .extract();
        String laterSession = later.path("sessionId");
        String fresh = Passkeys.steppedUp(later.path("accessToken"), own);
        String intruders = Passkeys.register(fresh, "Not mine", SoftwareAuthenticator.es256().register(
                Passkeys.registrationChallenge(fresh))).statusCode(201).extract().path("id");

        UUID event = EventsProducer.sessions("session.disowned", firm.firmId(), laterSession, member.userId(),
                Map.of("sessionId", laterSession, "userId", member.userId(), "actorType", "user",
                        "markedBy", member.userId(), "clientIp", "203.0.113.9"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> EventsProducer.consumed("identity-sessions-revocations", event));

        assertThat(Db.rows("select id from passkey where user_id = ?", UUID.fromString(member.userId())))
                .extracting(row -> row.get("id").toString()).containsExactly(ownId);
        // the passkey from before stays a second factor, with its recovery codes
        assertThat(recoveryCodesOf(member.userId())).isEqualTo(10);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode removed = topic.await("dev.lexguard.identity.passkey.removed",
                    e -> e.path("data").path("passkeyId").asText().equals(intruders));
            assertThat(removed.path("data").path("by").asText()).isEqualTo("session_disowned");
            assertThat(removed.path("data").path("lastSecondFactor").asBoolean()).isFalse();
            assertThat(removed.path("actorid").asText()).isEqualTo(member.userId());
        }
    }

    @Test
    void aPasskeyOnlyUserChangesThePasswordOnlyWithAFreshSecondFactor() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        List<String> codes = firstPasskey(firm.accessToken(), authenticator);

        changePassword(firm.accessToken(), firm.password(), NEW_PASSWORD, null).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "step-up-required"));
        changePassword(firm.accessToken(), firm.password(), NEW_PASSWORD, "WRONG-CODE-2345-6789").statusCode(403)
                .body("type", equalTo(PROBLEMS + "wrong-password"));
        Fixtures.login(firm.ownerEmail(), NEW_PASSWORD, Fixtures.uniqueIp()).statusCode(401);

        changePassword(Passkeys.steppedUp(firm.accessToken(), authenticator), firm.password(), NEW_PASSWORD, null)
                .statusCode(204);
        // or with a recovery code, in place of the step-up
        changePassword(firm.accessToken(), NEW_PASSWORD, "tide clock harbour lantern", codes.get(0)).statusCode(204);
        challengeToken(firm.ownerEmail(), "tide clock harbour lantern");
    }

    @Test
    void aPasskeyOnlyUsersPasswordResetNeedsARecoveryCode() {
        TestFirm firm = Fixtures.firm();
        List<String> codes = firstPasskey(firm.accessToken(), SoftwareAuthenticator.es256());
        given().contentType(ContentType.JSON).body(Map.of("email", firm.ownerEmail())).post("/api/v1/auth/password-reset")
                .then().statusCode(202);
        String resetId;
        try (IdentityTopic topic = new IdentityTopic()) {
            resetId = topic.await("dev.lexguard.identity.password.resetRequested",
                    e -> e.path("firmid").asText().equals(firm.firmId())).path("data").path("resetId").asText();
        }
        String token = Fixtures.mailerToken("password-resets", resetId);

        given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("token", token, "newPassword", NEW_PASSWORD)).post("/api/v1/auth/password-reset/complete")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "second-factor-required"));
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("token", token, "newPassword", NEW_PASSWORD, "code", codes.get(0)))
                .post("/api/v1/auth/password-reset/complete").then().statusCode(204);
        challengeToken(firm.ownerEmail(), NEW_PASSWORD);
    }
}
