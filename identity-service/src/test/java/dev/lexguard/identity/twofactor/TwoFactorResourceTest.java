package dev.lexguard.identity.twofactor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TwoFactorResourceTest {

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    /** A member with two-factor on: the secret, the recovery codes, and what was used to sign in. */
    record Enrolled(Member member, TestFirm firm, Authenticator app, String secret, List<String> recoveryCodes) {
    }

    private static ValidatableResponse enrol(String accessToken, Map<String, Object> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/two-factor/enrolment").then();
    }

    private static ValidatableResponse confirm(String accessToken, String code) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/two-factor/enrolment/confirm").then();
    }

    private static Enrolled enrolled() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        String secret = enrol(member.accessToken(), Map.of()).statusCode(200).extract().path("secret");
        Authenticator app = new Authenticator(secret);
        List<String> codes = confirm(member.accessToken(), app.code()).statusCode(200).extract().path("recoveryCodes");
        return new Enrolled(member, firm, app, secret, codes);
    }

    private static String challenge(Enrolled user) {
        return Fixtures.login(user.member().email(), user.member().password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
    }

    private static ValidatableResponse secondStep(String challenge, String field, String value) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("challengeToken", challenge, field, value)).post("/api/v1/auth/login/two-factor").then();
    }

    /** The replay mark as if the last accepted code were {@code steps} time steps old: time passing, without waiting. */
    private static void ageLastAcceptedCode(String userId, int steps) {
        Db.update("update two_factor set last_step = last_step - ? where user_id = ?", (long) steps, UUID.fromString(userId));
    }

    @Test
    void enrolmentShowsSecretUriAndQrCodesAndStaysPendingUntilConfirmed() throws Exception {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        ValidatableResponse answer = enrol(member.accessToken(), Map.of()).statusCode(200)
                .header("Cache-Control", "no-store");
        String secret = answer.extract().path("secret");
        String uri = answer.extract().path("otpauthUri");
        assertThat(Authenticator.decode(secret)).hasSize(20);
        assertThat(uri).startsWith("otpauth://totp/LexGuard:").contains("secret=" + secret).contains("issuer=LexGuard")
                .contains("digits=6").contains("period=30");
        byte[] png = Base64.getDecoder().decode((String) answer.extract().path("qrPng"));
        // The PNG is a pure barcode. ZXing's general detector misses ~5% of random codes of this size (zbarimg
        // reads all of them), so it decodes as the pure image it is: a run without the hint was flaky.
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png))))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(uri);
        assertThat((String) answer.extract().path("qrSvg")).contains("<svg");

        given().auth().oauth2(member.accessToken()).get("/api/v1/two-factor").then().statusCode(200)
                .body("enabled", equalTo(false)).body("pending", equalTo(true));
        Map<String, Object> row = Db.row("select active_secret, pending_secret from two_factor where user_id = ?",
                UUID.fromString(member.userId()));
        assertThat(row.get("active_secret")).isNull();
        assertThat((String) row.get("pending_secret")).startsWith("v1.test-1.").doesNotContain(secret);
        // not active yet: the password alone still signs in
        Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void enrolmentNeedsAValidAccessToken() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/two-factor/enrolment").then().statusCode(401);
    }

    @Test
    void aWrongConfirmationCodeIsRefusedAndNothingIsEnabled() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        String secret = enrol(member.accessToken(), Map.of()).statusCode(200).extract().path("secret");
        String wrong = new Authenticator(secret).code(5);
        confirm(member.accessToken(), wrong).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-code"));
        confirm(member.accessToken(), "12ab56").statusCode(400);
        given().auth().oauth2(member.accessToken()).get("/api/v1/two-factor").then().body("enabled", equalTo(false));
    }

    @Test
    void confirmingWithoutAnEnrolmentIsAConflict() {
        TestFirm firm = Fixtures.firm();
        confirm(firm.accessToken(), "123456").statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/no-pending-enrolment"));
    }

    @Test
    void confirmationEnablesTwoFactorReturnsTenCodesOnceAndIsAnEvent() {
        Enrolled user = enrolled();
        assertThat(user.recoveryCodes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}"));
        given().auth().oauth2(user.member().accessToken()).get("/api/v1/two-factor").then()
                .body("enabled", equalTo(true)).body("pending", equalTo(false)).body("recoveryCodesRemaining", equalTo(10));
        // the password alone no longer yields tokens
        challenge(user);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.twofactor.enabled",
                    e -> e.path("subject").asText().equals(user.member().userId()));
            assertThat(event.path("data").path("method").asText()).isEqualTo("totp");
            assertThat(event.path("data").path("replacedPrevious").asBoolean()).isFalse();
            assertThat(event.toString()).doesNotContain(user.secret()).doesNotContain(user.recoveryCodes().get(0));
        }
        List<Map<String, Object>> stored = Db.rows("select code_hash from recovery_code where user_id = ?",
                UUID.fromString(user.member().userId()));
        assertThat(stored).hasSize(10);
        assertThat(stored.toString()).doesNotContain(user.recoveryCodes().get(0))
                .doesNotContain(user.recoveryCodes().get(0).replace("-", ""));
    }

    @Test
    void signsInEndToEndWithACodeComputedByJavaOtpFromTheReturnedSecret() {
        Enrolled user = enrolled();
        String accessToken = secondStep(challenge(user), "code", user.app().code(1)).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("authenticated")).body("recoveryCodesRemaining", nullValue())
                .extract().path("accessToken");
        JsonNode claims = Jwts.claims(accessToken);
        assertThat(claims.path("sub").asText()).isEqualTo(user.member().userId());
        assertThat(claims.path("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        given().auth().oauth2(accessToken).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void replayedTotpCodeIsRejectedAndIsAnEvent() {
        Enrolled user = enrolled();
        String code = user.app().code(1);
        secondStep(challenge(user), "code", code).statusCode(200);
        secondStep(challenge(user), "code", code).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-second-factor"))
                .body("detail", equalTo("The code is not correct"));
        // the confirmation code's step is spent too
        secondStep(challenge(user), "code", user.app().code()).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.twofactor.replayRejected",
                    e -> e.path("subject").asText().equals(user.member().userId()));
            assertThat(event.path("data").path("context").asText()).isEqualTo("sign_in");
            assertThat(event.toString()).doesNotContain(code);
        }
    }

    @Test
    void twoConcurrentRequestsWithTheSameCodeCannotBothPass() throws Exception {
        Enrolled user = enrolled();
        String code = user.app().code(1);
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            challenges.add(challenge(user));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = challenges.stream()
                    .<Callable<Integer>>map(c -> () -> secondStep(c, "code", code).extract().statusCode()).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 401);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiveWrongCodesBurnTheChallenge() {
        Enrolled user = enrolled();
        String challenge = challenge(user);
        String right = user.app().code(1);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            secondStep(challenge, "code", wrong).statusCode(401)
                    .body("type", equalTo("https://lexguard.dev/problems/invalid-second-factor"));
        }
        secondStep(challenge, "code", right).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-challenge"));
        // a fresh challenge still works with the same code: the burnt one never consumed it
        secondStep(challenge(user), "code", right).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.signin.failed", e -> e.path("subject").asText().equals(user.member().userId())
                    && e.path("data").path("reason").asText().equals("challenge_burned"));
            List<JsonNode> failures = topic.forFirm(user.firm().firmId()).stream()
                    .filter(e -> e.path("type").asText().equals("dev.lexguard.identity.signin.failed")).toList();
            assertThat(failures).extracting(e -> e.path("data").path("reason").asText())
                    .containsExactly("wrong_code", "wrong_code", "wrong_code", "wrong_code", "wrong_code",
                            "challenge_burned", "challenge_burned");
            assertThat(failures).allSatisfy(e -> {
                assertThat(e.path("data").path("userId").asText()).isEqualTo(user.member().userId());
                assertThat(e.path("data").path("email").asText()).isEqualTo(user.member().email());
                assertThat(e.toString()).doesNotContain(wrong).doesNotContain(challenge);
            });
        }
    }

    @Test
    void wrongAndReplayedSecondFactorsAreSignInFailuresWithTheirReason() {
        Enrolled user = enrolled();
        String challenge = challenge(user);
        secondStep(challenge, "recoveryCode", "AAAA-BBBB-CCCC-DDDD").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-second-factor"));
        String used = user.app().code(1);
        secondStep(challenge, "code", used).statusCode(200);
        String again = challenge(user);
        secondStep(again, "code", used).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.signin.failed", e -> e.path("subject").asText().equals(user.member().userId())
                    && e.path("data").path("reason").asText().equals("replayed_code"));
            List<String> reasons = topic.forFirm(user.firm().firmId()).stream()
                    .filter(e -> e.path("type").asText().equals("dev.lexguard.identity.signin.failed"))
                    .map(e -> e.path("data").path("reason").asText()).toList();
            assertThat(reasons).containsExactly("wrong_recovery_code", "replayed_code");
        }
    }

    @Test
    void aChallengeWorksOnlyOnce() {
        Enrolled user = enrolled();
        String challenge = challenge(user);
        secondStep(challenge, "recoveryCode", user.recoveryCodes().get(0)).statusCode(200);
        secondStep(challenge, "recoveryCode", user.recoveryCodes().get(1)).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-challenge"));
    }

    @Test
    void badSecondStepInputIsAClearProblem() {
        Enrolled user = enrolled();
        String challenge = challenge(user);
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", challenge))
                .post("/api/v1/auth/login/two-factor").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("challengeToken", challenge, "code", "123456", "recoveryCode", user.recoveryCodes().get(0)))
                .post("/api/v1/auth/login/two-factor").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", "123456"))
                .post("/api/v1/auth/login/two-factor").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", 12345, "code", "123456"))
                .post("/api/v1/auth/login/two-factor").then().statusCode(400);
        secondStep("lgc_" + "x".repeat(40), "code", "123456").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-challenge"));
        secondStep(challenge, "code", "١٢٣٤٥٦").statusCode(401);
        secondStep(challenge, "recoveryCode", "not a code at all \u202e").statusCode(401);
    }

    @Test
    void aRecoveryCodeSignsInOnceWithAmrRecAndIsAnEvent() {
        Enrolled user = enrolled();
        String code = user.recoveryCodes().get(3).toLowerCase().replace("-", " ");
        String token = secondStep(challenge(user), "recoveryCode", code).statusCode(200)
                .body("recoveryCodesRemaining", nullValue()).extract().path("accessToken");
        assertThat(Jwts.claims(token).path("amr").toString()).isEqualTo("[\"pwd\",\"rec\"]");
        secondStep(challenge(user), "recoveryCode", user.recoveryCodes().get(3)).statusCode(401);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.twofactor.recoveryUsed",
                    e -> e.path("subject").asText().equals(user.member().userId()));
            assertThat(event.path("data").path("remaining").asInt()).isEqualTo(9);
            assertThat(event.toString()).doesNotContain(user.recoveryCodes().get(3));
        }
    }

    @Test
    void theAnswerSaysSoWhenThreeOrFewerRecoveryCodesRemain() {
        Enrolled user = enrolled();
        Map<Integer, Object> remaining = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            remaining.put(i, secondStep(challenge(user), "recoveryCode", user.recoveryCodes().get(i)).statusCode(200)
                    .extract().path("recoveryCodesRemaining"));
        }
        assertThat(remaining.get(5)).isNull();
        assertThat(remaining.get(6)).isEqualTo(3);
        assertThat(remaining.get(7)).isEqualTo(2);
    }

    @Test
    void completedSecondStepsDoNotCountAsFailedSignIns() {
        Enrolled user = enrolled();
        // more than the 5 free failures: each right password opens a challenge, and only a completed second step
        // ends the account's run
        for (int i = 0; i < 8; i++) {
            secondStep(challenge(user), "recoveryCode", user.recoveryCodes().get(i)).statusCode(200);
        }
    }

    @Test
    void disablingNeedsThePasswordAndACode() {
        Enrolled user = enrolled();
        String token = user.member().accessToken();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", "not the password at all",
                "code", user.recoveryCodes().get(0))).post("/api/v1/two-factor/disable").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/wrong-password"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", user.member().password(),
                "code", "000000".equals(user.app().code(1)) ? "111111" : "000000")).post("/api/v1/two-factor/disable")
                .then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", user.member().password()))
                .post("/api/v1/two-factor/disable").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", user.member().password(),
                "code", user.app().code(1))).post("/api/v1/two-factor/disable").then().statusCode(204);
        Fixtures.login(user.member().email(), user.member().password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        assertThat(Db.rows("select 1 from recovery_code where user_id = ?", UUID.fromString(user.member().userId())))
                .isEmpty();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", user.member().password(),
                "code", "123456")).post("/api/v1/two-factor/disable").then().statusCode(409);
        try (IdentityTopic topic = new IdentityTopic()) {
            assertThat(topic.await("dev.lexguard.identity.twofactor.disabled",
                    e -> e.path("subject").asText().equals(user.member().userId())).path("data").path("by").asText())
                    .isEqualTo("user");
        }
    }

    @Test
    void reEnrolmentWhileActiveNeedsProofAndReplacesTheSecretOnlyWhenConfirmed() {
        Enrolled user = enrolled();
        String token = user.member().accessToken();
        enrol(token, Map.of()).statusCode(400).body("type", equalTo("https://lexguard.dev/problems/second-factor-required"));
        enrol(token, Map.of("password", user.member().password(), "code", "abc")).statusCode(403);
        String secret = enrol(token, Map.of("password", user.member().password(), "code", user.recoveryCodes().get(0)))
                .statusCode(200).extract().path("secret");
        assertThat(secret).isNotEqualTo(user.secret());
        // until confirmed, the old app still works
        secondStep(challenge(user), "code", user.app().code(1)).statusCode(200);
        Authenticator newApp = new Authenticator(secret);
        List<String> codes = confirm(token, newApp.code()).statusCode(200).extract().path("recoveryCodes");
        ageLastAcceptedCode(user.member().userId(), 3);
        secondStep(challenge(user), "code", user.app().code(1)).statusCode(401);
        secondStep(challenge(user), "recoveryCode", user.recoveryCodes().get(1)).statusCode(401);
        secondStep(challenge(user), "recoveryCode", codes.get(0)).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.twofactor.enabled", e -> e.path("subject").asText()
                    .equals(user.member().userId()) && e.path("data").path("replacedPrevious").asBoolean());
        }
    }

    @Test
    void regeneratingRecoveryCodesInvalidatesTheOldSet() {
        Enrolled user = enrolled();
        String token = user.member().accessToken();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("password", user.member().password(),
                "code", "999999".equals(user.app().code(1)) ? "888888" : "999999"))
                .post("/api/v1/two-factor/recovery-codes").then().statusCode(403);
        List<String> fresh = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("password", user.member().password(), "code", user.app().code(1)))
                .post("/api/v1/two-factor/recovery-codes").then().statusCode(200).body("recoveryCodes", hasSize(10))
                .extract().path("recoveryCodes");
        assertThat(fresh).doesNotContainAnyElementsOf(user.recoveryCodes());
        secondStep(challenge(user), "recoveryCode", user.recoveryCodes().get(0)).statusCode(401);
        secondStep(challenge(user), "recoveryCode", fresh.get(0)).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.twofactor.recoveryRegenerated",
                    e -> e.path("subject").asText().equals(user.member().userId()));
        }
    }

    @Test
    void changingThePasswordNeedsARealCodeWhenTwoFactorIsOn() {
        Enrolled user = enrolled();
        String token = user.member().accessToken();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.member().password(), "newPassword", "amber meadow signal kite"))
                .post("/api/v1/me/password").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/second-factor-required"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.member().password(), "newPassword", "amber meadow signal kite",
                        "code", user.app().code()))
                .post("/api/v1/me/password").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.member().password(), "newPassword", "amber meadow signal kite",
                        "code", user.app().code(1)))
                .post("/api/v1/me/password").then().statusCode(204);
    }

    @Test
    void statusOfAUserWithoutTwoFactor() {
        TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor").then().statusCode(200)
                .body("enabled", equalTo(false)).body("pending", equalTo(false)).body("enabledAt", nullValue())
                .body("recoveryCodesRemaining", notNullValue());
    }
}
