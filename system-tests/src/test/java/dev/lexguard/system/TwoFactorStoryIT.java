package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.lexguard.deploy.local.DemoFirm;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 1: a firm signs up; the owner enrols TOTP (codes computed here, independently of identity-service); the
 * owner requires two-factor for Partners; a partner is made to enrol at their first sign-in; a replayed code is
 * refused. Only through the gateway.
 */
@ExtendWith(TheSystem.class)
class TwoFactorStoryIT {

    private static final String PASSWORD = Firm.PASSWORD;

    static String code(String base32Secret, Instant at) throws Exception {
        return String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"), at));
    }

    @Test
    void partnersAreMadeToEnrolAndReplayedCodesAreRefused() throws Exception {
        Firm firm = Firm.signUp("Story One LLP");
        String owner = firm.ownerToken();
        String domain = firm.domain();

        // The owner enrols an authenticator app.
        String secret = TheSystem.as(owner).body(Map.of()).post("/api/v1/two-factor/enrolment").then().statusCode(200)
                .extract().path("secret");
        Instant enrolledAt = Instant.now();
        TheSystem.as(owner).body(Map.of("code", code(secret, enrolledAt))).post("/api/v1/two-factor/enrolment/confirm")
                .then().statusCode(200).body("recoveryCodes", hasSize(10));

        // The owner's next sign-in needs a code; the one just used for the confirmation is a replay.
        String challenge = TheSystem.gateway().body(Map.of("email", "olive@" + domain, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).body("status", equalTo("two_factor_required"))
                .extract().path("challengeToken");
        TheSystem.gateway().body(Map.of("challengeToken", challenge, "code", code(secret, enrolledAt)))
                .post("/api/v1/auth/login/two-factor").then().statusCode(401)
                .contentType("application/problem+json");

        // A partner, invited and in the Partners group.
        UUID partner = firm.person("pat", "Pat Partner");
        String partners = TheSystem.as(owner).body(Map.of("name", "Partners", "kind", "role")).post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TheSystem.as(owner)
                .put("/api/v1/groups/" + partners + "/members/" + partner).statusCode() == 204);
        // Who must use two-factor is a risky setting: the password alone, hours ago, is not enough; the owner proves the
        // factor again (step-up) and sets it with the fresh token.
        Map<String, Object> policy = Map.of("required", true, "graceDays", 0, "groupIds", List.of(partners));
        TheSystem.as(owner).body(policy).put("/api/v1/two-factor/policy").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/step-up-required"));
        String steppedUp = TheSystem.as(owner).body(Map.of("code", code(secret, DemoFirm.nextTimeStep(enrolledAt))))
                .post("/api/v1/auth/step-up").then().statusCode(200).body("amr", hasItem("otp"))
                .extract().path("accessToken");
        TheSystem.as(steppedUp).body(policy).put("/api/v1/two-factor/policy").then().statusCode(200);

        // identity-service learns the membership from permissions-service's events: the partner must enrol now.
        JsonPath[] signIn = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            signIn[0] = TheSystem.gateway().body(Map.of("email", "pat@" + domain, "password", PASSWORD))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
            return "two_factor_enrollment_required".equals(signIn[0].getString("status"));
        });
        assertThat(signIn[0].getString("accessToken")).as("no session before enrolling").isNull();
        String enrollment = signIn[0].getString("enrollmentToken");
        String partnerSecret = TheSystem.gateway().body(Map.of("enrollmentToken", enrollment))
                .post("/api/v1/two-factor/enrolment-token").then().statusCode(200).extract().path("secret");
        Instant partnerAt = Instant.now();
        String partnerToken = TheSystem.gateway().body(Map.of("enrollmentToken", enrollment, "code", code(partnerSecret, partnerAt)))
                .post("/api/v1/two-factor/enrolment-token/confirm").then().statusCode(200)
                .body("status", equalTo("authenticated")).body("recoveryCodes", hasSize(10)).extract().path("accessToken");
        TheSystem.as(partnerToken).get("/api/v1/me").then().statusCode(200).body("id", equalTo(partner.toString()));

        // The partner's next sign-in asks for a code, and refuses the one already used.
        String partnerChallenge = TheSystem.gateway().body(Map.of("email", "pat@" + domain, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).body("status", equalTo("two_factor_required"))
                .extract().path("challengeToken");
        TheSystem.gateway().body(Map.of("challengeToken", partnerChallenge, "code", code(partnerSecret, partnerAt)))
                .post("/api/v1/auth/login/two-factor").then().statusCode(401);
    }
}
