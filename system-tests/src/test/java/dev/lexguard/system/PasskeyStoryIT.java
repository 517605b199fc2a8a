package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.identity.passkeys.SoftwareAuthenticator;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story (issue 18): the owner of a new firm enrols a passkey (a software authenticator with a real key: the same
 * CBOR and signatures a browser's would carry), signs out, and signs in with the password and the passkey; the firm
 * then allows passwordless sign-in and she signs in with the passkey alone. Her sessions name the method of each
 * sign-in, and the firm feed shows the enrolment and each use. A passkey from an origin other than the firm's app is
 * refused. Only through the gateway.
 */
@ExtendWith(TheSystem.class)
class PasskeyStoryIT {

    @Test
    void anOwnerEnrolsAPasskeyAndSignsInWithItThenWithItAlone() {
        Firm firm = Firm.signUp("Passkey Story LLP");
        String owner = firm.ownerToken();
        SoftwareAuthenticator laptop = SoftwareAuthenticator.es256();

        // enrolment: the options name the relying party the system is configured with, and the user handle to keep
        JsonPath options = TheSystem.as(owner).post("/api/v1/passkeys/registration-options").then().statusCode(200)
                .extract().jsonPath();
        assertThat(options.getString("rp.id")).isEqualTo(SoftwareAuthenticator.RP_ID);
        laptop.keepUserHandle(options.getString("user.id"));
        String passkey = TheSystem.as(owner).body(Map.of("name", "Olive laptop",
                "credential", laptop.register(options.getString("challenge")))).post("/api/v1/passkeys")
                .then().statusCode(201).extract().path("id");
        TheSystem.as(owner).get("/api/v1/passkeys").then().statusCode(200)
                .body("find { it.id == '" + passkey + "' }.name", equalTo("Olive laptop"));

        // she signs out; her next sign-in asks for the second factor she now has
        TheSystem.as(owner).post("/api/v1/auth/logout").then().statusCode(204);
        TheSystem.as(owner).get("/api/v1/passkeys").then().statusCode(401);
        String challengeToken = TheSystem.gateway().body(Map.of("email", firm.email("olive"), "password", Firm.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).body("status", equalTo("two_factor_required"))
                .extract().path("challengeToken");

        // an assertion made for another origin (a look-alike site relaying the challenge) is refused
        String challenge = TheSystem.gateway().body(Map.of("challengeToken", challengeToken))
                .post("/api/v1/auth/login/passkey-options").then().statusCode(200).extract().path("challenge");
        TheSystem.gateway().body(Map.of("challengeToken", challengeToken, "credential", laptop.assertion(challenge,
                SoftwareAuthenticator.Context.honest().origin("https://app.lexguard-login.example"))))
                .post("/api/v1/auth/login/passkey").then().statusCode(401).contentType("application/problem+json");

        challenge = TheSystem.gateway().body(Map.of("challengeToken", challengeToken))
                .post("/api/v1/auth/login/passkey-options").then().statusCode(200).extract().path("challenge");
        JsonPath signedIn = TheSystem.gateway().body(Map.of("challengeToken", challengeToken,
                "credential", laptop.assertion(challenge))).post("/api/v1/auth/login/passkey").then().statusCode(200)
                .body("status", equalTo("authenticated")).extract().jsonPath();
        String token = signedIn.getString("accessToken");
        String withPassword = signedIn.getString("sessionId");

        // the firm allows passwordless sign-in (a fresh factor is needed: the passkey proves it)
        String stepUp = TheSystem.as(token).post("/api/v1/auth/step-up/passkey-options").then().statusCode(200)
                .extract().path("challenge");
        String fresh = TheSystem.as(token).body(Map.of("passkey", laptop.assertion(stepUp))).post("/api/v1/auth/step-up")
                .then().statusCode(200).extract().path("accessToken");
        TheSystem.as(fresh).body(Map.of("passwordless", true)).put("/api/v1/passkeys/policy").then().statusCode(200)
                .body("passwordless", equalTo(true));

        String passwordlessChallenge = TheSystem.gateway().post("/api/v1/auth/passkey-options").then().statusCode(200)
                .extract().path("challenge");
        String alone = TheSystem.gateway().body(Map.of("credential", laptop.assertion(passwordlessChallenge)))
                .post("/api/v1/auth/passkey").then().statusCode(200).body("status", equalTo("authenticated"))
                .extract().path("sessionId");

        // her sessions name how each began
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(token).get("/api/v1/sessions").then().statusCode(200).extract().jsonPath()
                        .getList("items.id").contains(alone));
        JsonPath sessions = TheSystem.as(token).get("/api/v1/sessions").then().extract().jsonPath();
        assertThat(sessions.getList("items.find { it.id == '" + withPassword + "' }.amr")).isEqualTo(List.of("pwd", "hwk"));
        assertThat(sessions.getList("items.find { it.id == '" + alone + "' }.amr")).isEqualTo(List.of("hwk", "user"));

        // the firm feed shows the enrolment, the refusal and the uses
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> types = TheSystem.as(token).get("/api/v1/feed").then().statusCode(200).extract().jsonPath()
                    .getList("items.type");
            return types.containsAll(List.of("dev.lexguard.identity.passkey.registered", "dev.lexguard.identity.passkey.rejected",
                    "dev.lexguard.identity.passkey.used", "dev.lexguard.identity.passkey.policyChanged"));
        });
        List<String> summaries = TheSystem.as(token).get("/api/v1/feed").then().extract().jsonPath().getList("items.summary");
        assertThat(summaries).contains("Passkey 'Olive laptop' was registered");
    }
}
