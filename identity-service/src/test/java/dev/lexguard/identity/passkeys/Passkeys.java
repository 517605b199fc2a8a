package dev.lexguard.identity.passkeys;

import static io.restassured.RestAssured.given;

import dev.lexguard.identity.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The passkey endpoints as the web app calls them. */
final class Passkeys {

    private Passkeys() {
    }

    static ValidatableResponse registrationOptions(String accessToken) {
        return given().auth().oauth2(accessToken).post("/api/v1/passkeys/registration-options").then();
    }

    static String registrationChallenge(String accessToken) {
        return registrationOptions(accessToken).statusCode(200).extract().path("challenge");
    }

    static ValidatableResponse register(String accessToken, String name, Map<String, Object> credential) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("name", name, "credential", credential)).post("/api/v1/passkeys").then();
    }

    /** Registers the authenticator's passkey for the token's user; returns the passkey's id. */
    static String registered(String accessToken, SoftwareAuthenticator authenticator) {
        return register(accessToken, "Laptop", authenticator.register(registrationChallenge(accessToken)))
                .statusCode(201).extract().path("id");
    }

    /** Registers a discoverable passkey: the authenticator keeps the user handle of the options. */
    static String registeredDiscoverable(String accessToken, SoftwareAuthenticator authenticator) {
        JsonPath options = registrationOptions(accessToken).statusCode(200).extract().jsonPath();
        authenticator.keepUserHandle(options.getString("user.id"));
        return register(accessToken, "Phone", authenticator.register(options.getString("challenge"))).statusCode(201)
                .extract().path("id");
    }

    static String passwordlessChallenge() {
        return given().post("/api/v1/auth/passkey-options").then().statusCode(200).extract().path("challenge");
    }

    static ValidatableResponse passwordless(Map<String, Object> credential) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("credential", credential)).post("/api/v1/auth/passkey").then();
    }

    static ValidatableResponse setPolicy(String accessToken, boolean passwordless) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("passwordless", passwordless))
                .put("/api/v1/passkeys/policy").then();
    }

    static ValidatableResponse signInOptions(String challengeToken) {
        return given().contentType(ContentType.JSON).body(Map.of("challengeToken", challengeToken))
                .post("/api/v1/auth/login/passkey-options").then();
    }

    static ValidatableResponse signIn(String challengeToken, Map<String, Object> credential) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("challengeToken", challengeToken, "credential", credential))
                .post("/api/v1/auth/login/passkey").then();
    }

    static String stepUpChallenge(String accessToken) {
        return given().auth().oauth2(accessToken).post("/api/v1/auth/step-up/passkey-options").then().statusCode(200)
                .extract().path("challenge");
    }

    static ValidatableResponse stepUp(String accessToken, Map<String, Object> assertion) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("passkey", assertion)).post("/api/v1/auth/step-up").then();
    }

    /** A stepped-up access token of the same session, proven with the passkey. */
    static String steppedUp(String accessToken, SoftwareAuthenticator authenticator) {
        return stepUp(accessToken, authenticator.assertion(stepUpChallenge(accessToken))).statusCode(200)
                .extract().path("accessToken");
    }
}
