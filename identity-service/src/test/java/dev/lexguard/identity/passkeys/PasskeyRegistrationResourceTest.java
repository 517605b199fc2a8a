package dev.lexguard.identity.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasskeyRegistrationResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    @Test
    void creationOptionsFollowTheRelyingPartyRules() {
        TestFirm firm = Fixtures.firm();
        JsonPath options = Passkeys.registrationOptions(firm.accessToken()).statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();

        assertThat(options.getString("rp.id")).isEqualTo(SoftwareAuthenticator.RP_ID);
        assertThat(Base64.getUrlDecoder().decode(options.getString("challenge"))).hasSize(32);
        byte[] handle = Base64.getUrlDecoder().decode(options.getString("user.id"));
        assertThat(handle).hasSize(32);
        assertThat(options.getString("user.id")).doesNotContain(firm.ownerEmail()).doesNotContain(firm.ownerId());
        assertThat(options.getList("pubKeyCredParams.alg", Integer.class)).containsExactly(-7, -257);
        assertThat(options.getString("authenticatorSelection.residentKey")).isEqualTo("preferred");
        assertThat(options.getString("authenticatorSelection.userVerification")).isEqualTo("required");
        assertThat(options.getString("attestation")).isEqualTo("none");
        assertThat(options.getList("excludeCredentials")).isEmpty();
        // the handle is the user's own, the same every time
        assertThat(Passkeys.registrationOptions(firm.accessToken()).extract().jsonPath().getString("user.id"))
                .isEqualTo(options.getString("user.id"));
    }

    @Test
    void anEs256PasskeyIsVerifiedAndStored() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());

        String id = Passkeys.register(firm.accessToken(), "MacBook Touch ID", authenticator.register(challenge))
                .statusCode(201).header("Location", startsWith("http")).body("name", equalTo("MacBook Touch ID"))
                .body("transports", equalTo(List.of("hybrid", "internal"))).body("suspect", equalTo(false))
                .extract().path("id");

        Map<String, Object> row = Db.row("select * from passkey where id = ?", UUID.fromString(id));
        assertThat(row.get("firm_id").toString()).isEqualTo(firm.firmId());
        assertThat(row.get("user_id").toString()).isEqualTo(firm.ownerId());
        assertThat((byte[]) row.get("credential_id")).isEqualTo(authenticator.rawCredentialId());
        assertThat((byte[]) row.get("public_key")).isNotEmpty();
        assertThat(row.get("algorithm")).isEqualTo(-7);
        assertThat(row.get("sign_count")).isEqualTo(0L);
        assertThat(row.get("aaguid")).isEqualTo(SoftwareAuthenticator.AAGUID_VALUE);
        assertThat(row.get("last_used_at")).isNull();

        // the next options exclude it, so the browser does not make it twice (the passkey is now a second factor:
        // registering another needs a fresh one)
        Passkeys.registrationOptions(Passkeys.steppedUp(firm.accessToken(), authenticator)).statusCode(200)
                .body("excludeCredentials.id", hasItem(authenticator.credentialId()));

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.registered",
                    e -> e.path("data").path("passkeyId").asText().equals(id));
            assertThat(event.path("subject").asText()).isEqualTo(firm.ownerId());
            assertThat(event.path("data").path("algorithm").asInt()).isEqualTo(-7);
            assertThat(event.toString()).doesNotContain(authenticator.credentialId()).doesNotContain(challenge);
        }
    }

    @Test
    void anRs256PasskeyIsVerifiedAndStored() {
        TestFirm firm = Fixtures.firm();
        String id = Passkeys.registered(firm.accessToken(), SoftwareAuthenticator.rs256());
        assertThat(Db.row("select algorithm from passkey where id = ?", UUID.fromString(id)).get("algorithm"))
                .isEqualTo(-257);
    }

    @Test
    void aResponseForAnotherOriginIsRefused() {
        TestFirm firm = Fixtures.firm();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());
        Map<String, Object> phished = SoftwareAuthenticator.es256().register(challenge,
                SoftwareAuthenticator.Context.honest().origin("https://app.lexguard-login.example"));

        refused(Passkeys.register(firm.accessToken(), "Phished", phished), firm, "wrong-origin");
    }

    @Test
    void aCredentialForAnotherRelyingPartyIsRefused() {
        TestFirm firm = Fixtures.firm();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());
        Map<String, Object> other = SoftwareAuthenticator.es256().register(challenge,
                SoftwareAuthenticator.Context.honest().rpId("lexguard-login.example"));

        refused(Passkeys.register(firm.accessToken(), "Other", other), firm, "wrong-rp-id");
    }

    @Test
    void aPasskeyWithoutUserVerificationIsRefused() {
        TestFirm firm = Fixtures.firm();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());
        Map<String, Object> presenceOnly = SoftwareAuthenticator.es256().register(challenge,
                SoftwareAuthenticator.Context.honest().withoutUserVerification());

        refused(Passkeys.register(firm.accessToken(), "Presence only", presenceOnly), firm, "uv-missing");
    }

    @Test
    void aChallengeIsAnsweredOnce() {
        TestFirm firm = Fixtures.firm();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());
        SoftwareAuthenticator first = SoftwareAuthenticator.es256();
        Passkeys.register(firm.accessToken(), "First", first.register(challenge)).statusCode(201);
        String fresh = Passkeys.steppedUp(firm.accessToken(), first);

        refused(Passkeys.register(fresh, "Replay", SoftwareAuthenticator.es256().register(challenge)), firm,
                "bad-challenge", 1);
    }

    @Test
    void anExpiredChallengeIsRefused() {
        TestFirm firm = Fixtures.firm();
        String challenge = Passkeys.registrationChallenge(firm.accessToken());
        Db.update("update passkey_challenge set expires_at = now() - interval '1 second' where challenge = ?",
                (Object) Base64.getUrlDecoder().decode(challenge));

        refused(Passkeys.register(firm.accessToken(), "Late", SoftwareAuthenticator.es256().register(challenge)), firm,
                "bad-challenge");
    }

    @Test
    void anotherUsersChallengeIsRefused() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        String othersChallenge = Passkeys.registrationChallenge(other.accessToken());

        refused(Passkeys.register(firm.accessToken(), "Borrowed", SoftwareAuthenticator.es256().register(othersChallenge)),
                firm, "bad-challenge");
    }

    @Test
    void theSameCredentialIsRegisteredOnce() {
        TestFirm firm = Fixtures.firm();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Passkeys.registered(firm.accessToken(), authenticator);
        String fresh = Passkeys.steppedUp(firm.accessToken(), authenticator);

        Passkeys.register(fresh, "Again", authenticator.register(Passkeys.registrationChallenge(fresh)))
                .statusCode(409).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "passkey-exists"));
        assertThat(Db.rows("select id from passkey where user_id = ?", UUID.fromString(firm.ownerId()))).hasSize(1);
    }

    @Test
    void aUserWithASecondFactorRegistersOnlyAfterAFreshOne() {
        TestFirm firm = Fixtures.firm();
        Fixtures.SecondFactor totp = Fixtures.enrolTotp(firm.accessToken());
        // the sign-in token proves only the password
        Passkeys.registrationOptions(firm.accessToken()).statusCode(403).body("type", equalTo(PROBLEMS + "step-up-required"));

        String fresh = Fixtures.steppedUp(firm.accessToken(), totp);
        String challenge = Passkeys.registrationChallenge(fresh);
        Passkeys.register(firm.accessToken(), "Stale", SoftwareAuthenticator.es256().register(challenge)).statusCode(403)
                .body("type", equalTo(PROBLEMS + "step-up-required"));
        Passkeys.register(fresh, "Fresh", SoftwareAuthenticator.es256().register(challenge)).statusCode(201);
    }

    @Test
    void aMalformedResponseIsA422NotA500() {
        TestFirm firm = Fixtures.firm();
        Passkeys.registrationChallenge(firm.accessToken());
        Passkeys.register(firm.accessToken(), "Junk", Map.of("id", "AAAA", "response", Map.of("clientDataJSON", "e30")))
                .statusCode(422).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "passkey-rejected"));
    }

    private static void refused(ValidatableResponse response, TestFirm firm, String reason) {
        refused(response, firm, reason, 0);
    }

    private static void refused(ValidatableResponse response, TestFirm firm, String reason, int passkeysLeft) {
        response.statusCode(422).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "passkey-rejected"));
        assertThat(Db.rows("select id from passkey where user_id = ?", UUID.fromString(firm.ownerId())))
                .hasSize(passkeysLeft);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.passkey.rejected",
                    e -> e.path("subject").asText().equals(firm.ownerId()));
            assertThat(event.path("data").path("purpose").asText()).isEqualTo("registration");
            assertThat(event.path("data").path("reason").asText()).isEqualTo(reason);
        }
    }
}
