package dev.lexguard.identity.passkeys;

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

    private static void rejected(TestFirm firm, String reason) {
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.rejected",
                    e -> e.path("subject").asText().equals(firm.ownerId())
                            && e.path("data").path("reason").asText().equals(reason));
            assertThat(event.path("data").path("purpose").asText()).isEqualTo("passwordless");
        }
    }
}
