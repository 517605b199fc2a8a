package dev.lexguard.identity.passkeys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasswordlessSignInResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    @Test
    void aDiscoverablePasskeySignsInAloneOnlyWhereTheFirmAllowsIt() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registeredDiscoverable(firm.accessToken(), authenticator);

        assertThat(given().post("/api/v1/auth/passkey-options").then().statusCode(200)
                .extract().jsonPath().getList("allowCredentials")).isEmpty();
        Passkeys.passwordless(authenticator.assertion(Passkeys.passwordlessChallenge())).statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(firm, "passwordless-not-allowed");

        String fresh = Passkeys.steppedUp(firm.accessToken(), authenticator);
        Passkeys.setPolicy(fresh, true).statusCode(200).body("passwordless", equalTo(true));

        String token = Passkeys.passwordless(authenticator.assertion(Passkeys.passwordlessChallenge())).statusCode(200)
                .body("status", equalTo("authenticated")).extract().path("accessToken");
        assertThat(Jwts.claims(token).path("amr").toString()).isEqualTo("[\"hwk\",\"user\"]");
        assertThat(Jwts.claims(token).path("sub").asText()).isEqualTo(firm.ownerId());
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.passkey.policyChanged", e -> e.path("subject").asText().equals(firm.firmId()));
            JsonNode used = topic.await("dev.lexguard.identity.passkey.used",
                    e -> e.path("subject").asText().equals(firm.ownerId())
                            && e.path("data").path("purpose").asText().equals("passwordless"));
            assertThat(used.path("data").path("passkeyId").asText()).isNotBlank();
        }
    }

    @Test
    void aUserHandleThatIsNotTheCredentialsUserIsRefused() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registeredDiscoverable(firm.accessToken(), authenticator);
        Passkeys.setPolicy(Passkeys.steppedUp(firm.accessToken(), authenticator), true).statusCode(200);
        String othersHandle = Passkeys.registrationOptions(Fixtures.firm().accessToken()).statusCode(200)
                .extract().path("user.id");

        authenticator.keepUserHandle(othersHandle);
        Passkeys.passwordless(authenticator.assertion(Passkeys.passwordlessChallenge())).statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-passkey"));
        rejected(firm, "wrong-user");
    }

    @Test
    void aPasskeyNobodyRegisteredIsRefusedAndEvented() {
        SoftwareAuthenticator unknown = SoftwareAuthenticator.es256();
        unknown.keepUserHandle(SoftwareAuthenticator.base64Url(new byte[32]));
        String ip = Fixtures.uniqueIp();
        given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("credential", unknown.assertion(Passkeys.passwordlessChallenge())))
                .post("/api/v1/auth/passkey").then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-passkey"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.rejected",
                    e -> e.path("data").path("clientIp").asText().equals(ip));
            assertThat(event.path("data").path("reason").asText()).isEqualTo("unknown-credential");
            assertThat(event.path("data").has("userId")).isFalse();
        }
    }

    @Test
    void onlyAnAdministratorWithAFreshSecondFactorChangesTheSetting() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registeredDiscoverable(firm.accessToken(), authenticator);
        Member member = Fixtures.member(firm);

        Passkeys.setPolicy(firm.accessToken(), true).statusCode(403).body("type", equalTo(PROBLEMS + "step-up-required"));
        Passkeys.setPolicy(member.accessToken(), true).statusCode(403);
        Passkeys.setPolicy(Passkeys.steppedUp(firm.accessToken(), authenticator), true).statusCode(200);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/passkeys/policy").then()
                .statusCode(200).body("passwordless", equalTo(true));
    }

    @Test
    void failedPasswordlessAttemptsFromOneAddressAreThrottled() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registeredDiscoverable(firm.accessToken(), authenticator);
        Passkeys.setPolicy(Passkeys.steppedUp(firm.accessToken(), authenticator), true).statusCode(200);
        String ip = Fixtures.uniqueIp();
        SoftwareAuthenticator unknown = SoftwareAuthenticator.es256();
        unknown.keepUserHandle(SoftwareAuthenticator.base64Url(new byte[32]));

        // signed before the failures, so it is sent right after them (the first wait is 1 s)
        Map<String, Object> right = authenticator.assertion(Passkeys.passwordlessChallenge());
        // the IP's free failures (20), then a wait that grows
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                    .body(Map.of("credential", unknown.assertion(Passkeys.passwordlessChallenge())))
                    .post("/api/v1/auth/passkey").then().statusCode(401);
        }
        // a right passkey from that address waits too, and is not even checked
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> throttled = given()
                .contentType(ContentType.JSON).header("X-Forwarded-For", ip).body(Map.of("credential", right))
                .post("/api/v1/auth/passkey").then().extract();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.<String>path("type")).isEqualTo(PROBLEMS + "too-many-requests");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        assertThat(((Number) Db.row("select failures from signin_throttle where throttle_key = ?", "ip:" + ip)
                .get("failures")).intValue()).isEqualTo(20);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.passkey.rejected", e -> e.path("data").path("clientIp").asText().equals(ip)
                    && e.path("data").path("reason").asText().equals("throttled"));
        }
    }

    @Test
    void failedPasswordlessAttemptsOnOneAccountAreThrottledLikeWrongPasswords() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registeredDiscoverable(firm.accessToken(), authenticator);
        Passkeys.setPolicy(Passkeys.steppedUp(firm.accessToken(), authenticator), true).statusCode(200);

        // signed before the failures, so it is sent right after them (the first wait is 1 s)
        Map<String, Object> right = authenticator.assertion(Passkeys.passwordlessChallenge());
        // a bad signature from a new address each time: the account's counter, not the IP's, stops them
        for (int i = 0; i < 5; i++) {
            Passkeys.passwordless(authenticator.tamperedAssertion(Passkeys.passwordlessChallenge())).statusCode(401)
                    .body("type", equalTo(PROBLEMS + "invalid-passkey"));
        }
        Passkeys.passwordless(right).statusCode(429)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "too-many-requests"));
        // one counter per account: the one password sign-in reads (so wrong passwords and failed passkeys add up)
        assertThat(((Number) Db.row("select failures from signin_throttle where throttle_key = ?",
                "account:" + firm.ownerEmail()).get("failures")).intValue()).isEqualTo(5);
        rejected(firm, "bad-signature");
        rejected(firm, "throttled");
        assertThat(Db.row("select count(*) as n from session where user_id = ? and ended_at is null",
                java.util.UUID.fromString(firm.ownerId())).get("n")).isEqualTo(1L);
    }

    private static void rejected(TestFirm firm, String reason) {
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.rejected",
                    e -> e.path("subject").asText().equals(firm.ownerId())
                            && e.path("data").path("reason").asText().equals(reason));
            assertThat(event.path("data").path("purpose").asText()).isEqualTo("passwordless");
        }
    }
}
