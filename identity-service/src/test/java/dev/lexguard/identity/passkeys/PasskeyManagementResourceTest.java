package dev.lexguard.identity.passkeys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasskeyManagementResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    private static ValidatableResponse list(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/v1/passkeys").then();
    }

    private static ValidatableResponse rename(String accessToken, String id, String name) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("name", name))
                .patch("/api/v1/passkeys/" + id).then();
    }

    private static ValidatableResponse remove(String accessToken, String id, Map<String, String> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(body).delete("/api/v1/passkeys/" + id).then();
    }

    @Test
    void theOwnerListsAndRenamesTheirPasskeys() {
        TestFirm firm = Fixtures.firm();
        String id = Passkeys.registered(firm.accessToken(), SoftwareAuthenticator.es256());

        list(firm.accessToken()).statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(id))
                .body("[0].name", equalTo("Laptop")).body("[0].createdAt", notNullValue())
                .body("[0].transports", equalTo(List.of("hybrid", "internal")));
        String body = list(firm.accessToken()).extract().asString();
        assertThat(body).doesNotContain("publicKey").doesNotContain("credentialId");

        rename(firm.accessToken(), id, "  Office YubiKey ").statusCode(200).body("name", equalTo("Office YubiKey"));
        list(firm.accessToken()).body("[0].name", equalTo("Office YubiKey"));
        rename(firm.accessToken(), id, " ").statusCode(400);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.passkey.renamed", e -> e.path("data").path("passkeyId").asText().equals(id));
        }
    }

    @Test
    void anotherUsersOrFirmsPasskeyIsNotFound() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        String id = Passkeys.registered(firm.accessToken(), authenticator);
        Member colleague = Fixtures.member(firm);
        TestFirm stranger = Fixtures.firm();
        SoftwareAuthenticator strangers = SoftwareAuthenticator.es256();
        Passkeys.registered(stranger.accessToken(), strangers);
        String strangerFresh = Passkeys.steppedUp(stranger.accessToken(), strangers);

        list(colleague.accessToken()).statusCode(200).body("", hasSize(0));
        rename(colleague.accessToken(), id, "Mine now").statusCode(404).contentType("application/problem+json");
        rename(stranger.accessToken(), id, "Mine now").statusCode(404);
        remove(strangerFresh, id, Map.of("password", Fixtures.PASSWORD)).statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
        assertThat(Db.row("select name from passkey where id = ?", UUID.fromString(id)).get("name")).isEqualTo("Laptop");
    }

    @Test
    void removingAPasskeyNeedsAFreshSecondFactor() {
        TestFirm firm = Fixtures.firm();
        Fixtures.SecondFactor totp = Fixtures.enrolTotp(firm.accessToken());
        String fresh = Fixtures.steppedUp(firm.accessToken(), totp);
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        String id = Passkeys.registered(fresh, authenticator);

        remove(firm.accessToken(), id, Map.of()).statusCode(403).body("type", equalTo(PROBLEMS + "step-up-required"));
        // TOTP stays: not the last second factor, no password needed
        remove(fresh, id, Map.of()).statusCode(204);
        assertThat(Db.rows("select id from passkey where id = ?", UUID.fromString(id))).isEmpty();
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.removed",
                    e -> e.path("data").path("passkeyId").asText().equals(id));
            assertThat(event.path("data").path("lastSecondFactor").asBoolean()).isFalse();
        }
    }

    @Test
    void theLastSecondFactorGoesOnlyWithThePassword() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        String id = Passkeys.registered(firm.accessToken(), authenticator);
        String fresh = Passkeys.steppedUp(firm.accessToken(), authenticator);

        remove(fresh, id, Map.of()).statusCode(400).body("type", equalTo(PROBLEMS + "password-required"));
        remove(fresh, id, Map.of("password", "not the password at all")).statusCode(403)
                .body("type", equalTo(PROBLEMS + "wrong-password"));
        assertThat(Db.rows("select id from passkey where id = ?", UUID.fromString(id))).hasSize(1);

        remove(fresh, id, Map.of("password", Fixtures.PASSWORD)).statusCode(204);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.removed",
                    e -> e.path("data").path("passkeyId").asText().equals(id));
            assertThat(event.path("data").path("lastSecondFactor").asBoolean()).isTrue();
        }
        // the password alone signs in again
        Fixtures.login(firm.ownerEmail(), Fixtures.PASSWORD, Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void theLastSecondFactorStaysWhileTheFirmRequiresOne() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        String id = Passkeys.registered(firm.accessToken(), authenticator);
        String fresh = Passkeys.steppedUp(firm.accessToken(), authenticator);
        given().auth().oauth2(fresh).contentType(ContentType.JSON).body(Map.of("required", true, "graceDays", 14))
                .put("/api/v1/two-factor/policy").then().statusCode(200);

        remove(fresh, id, Map.of("password", Fixtures.PASSWORD)).statusCode(409)
                .body("type", equalTo(PROBLEMS + "second-factor-required-by-policy"));
        assertThat(Db.rows("select id from passkey where id = ?", UUID.fromString(id))).hasSize(1);

        // with a second passkey, the first is not the last
        SoftwareAuthenticator spare = SoftwareAuthenticator.es256();
        Passkeys.register(fresh, "Spare", spare.register(Passkeys.registrationChallenge(fresh))).statusCode(201);
        remove(fresh, id, Map.of()).statusCode(204);
    }
}
