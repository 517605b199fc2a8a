package dev.lexguard.identity.approvals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.DeviceApp;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.SecondFactor;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PhoneApprovalResourceTest {

    private static final String PROBLEMS = "https://lexguard.dev/problems/";
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Firefox/133.0";

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    /** A firm owner with TOTP and a registered device whose app holds a registered approval key. */
    private record User(TestFirm firm, SecondFactor totp, PhoneApp phone) {
    }

    private static User user() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.registered(firm.ownerEmail(), firm.password());
        SecondFactor totp = Fixtures.enrolTotp(firm.accessToken());
        return new User(firm, totp, PhoneApp.keyed(device));
    }

    private static String challengeToken(User user) {
        return Fixtures.login(user.firm().ownerEmail(), user.firm().password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
    }

    private static ValidatableResponse start(String challengeToken) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.7")
                .header("User-Agent", BROWSER).body(Map.of("challengeToken", challengeToken))
                .post("/api/v1/auth/login/approval").then();
    }

    private static ValidatableResponse complete(String challengeToken, String requestId) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.7")
                .header("User-Agent", BROWSER).body(Map.of("challengeToken", challengeToken, "requestId", requestId))
                .post("/api/v1/auth/login/approval/complete").then();
    }

    private record Asked(String challengeToken, String requestId, String number) {
    }

    private static Asked ask(User user) {
        String token = challengeToken(user);
        ExtractableResponse<Response> started = start(token).statusCode(200).extract();
        return new Asked(token, started.path("requestId"), started.path("number"));
    }

    private static String otherNumber(String number) {
        return number.equals("42") ? "43" : "42";
    }

    private static JsonNode refusal(String requestId, String reason) {
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode refused = topic.await("dev.lexguard.identity.approval.refused",
                    e -> requestId.equals(e.path("data").path("requestId").asText()));
            assertThat(refused.path("data").path("reason").asText()).isEqualTo(reason);
            return refused;
        }
    }

    // ---- the approval key

    @Test
    void anApprovalKeyIsRegisteredOnlyWithProofOfItsPrivateKey() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.registered(firm.ownerEmail(), firm.password());
        PhoneApp app = PhoneApp.on(device);

        // a key the app does not hold: the signature is by another private key
        app.registerKey(PhoneApp.p256()).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-approval-signature"));
        assertThat(Db.rows("select 1 from approval_key where device_id = ?", UUID.fromString(device.id()))).isEmpty();

        app.registerKey(app.keys).statusCode(200).body("replaced", equalTo(false));
        PhoneApp replaced = PhoneApp.on(device);
        replaced.registerKey(replaced.keys).statusCode(200).body("replaced", equalTo(true));
        assertThat((byte[]) Db.row("select public_key from approval_key where device_id = ?", UUID.fromString(device.id()))
                .get("public_key")).isEqualTo(replaced.keys.getPublic().getEncoded());
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode refused = topic.await("dev.lexguard.identity.approval.refused",
                    e -> e.path("data").path("deviceId").asText().equals(device.id()));
            assertThat(refused.path("data").path("reason").asText()).isEqualTo("key_not_proven");
            topic.await("dev.lexguard.identity.approval.keyRegistered",
                    e -> e.path("data").path("deviceId").asText().equals(device.id())
                            && e.path("data").path("replaced").asBoolean());
        }
    }

    @Test
    void aRegistrationChallengeWorksOnceAndOnlyWithTheDeviceCredential() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.registered(firm.ownerEmail(), firm.password());
        PhoneApp app = PhoneApp.on(device);
        given().header("X-Device-Credential", "lgd_notTheCredential").post("/api/v1/devices/" + device.id()
                + "/approval-key/challenge").then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-device-credential"));

        String challenge = app.keyChallenge().statusCode(200).extract().path("challenge");
        String message = String.join("\n", "lexguard-approval-key-v1", device.id(), challenge, app.publicKey());
        Map<String, String> body = Map.of("publicKey", app.publicKey(), "signature", PhoneApp.sign(app.keys, message));
        given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential()).body(body)
                .put("/api/v1/devices/" + device.id() + "/approval-key").then().statusCode(200);
        // the same proof again: the challenge is used up
        given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential()).body(body)
                .put("/api/v1/devices/" + device.id() + "/approval-key").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "approval-key-challenge-required"));
        // a key that is not P-256
        given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential())
                .body(Map.of("publicKey", "bm90IGEga2V5", "signature", "c2ln"))
                .put("/api/v1/devices/" + device.id() + "/approval-key").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRemovedKeyNoLongerReceivesRequests() {
        User user = user();
        given().header("X-Device-Credential", user.phone().device.credential())
                .delete("/api/v1/devices/" + user.phone().device.id() + "/approval-key").then().statusCode(204);
        start(challengeToken(user)).statusCode(409).body("type", equalTo(PROBLEMS + "approval-not-available"));
    }

    // ---- approving

    @Test
    void anApprovedSignInIsTwoFactorAndItsSessionNamesTheDevice() {
        User user = user();
        Asked asked = ask(user);
        assertThat(asked.number()).matches("[1-9][0-9]");
        complete(asked.challengeToken(), asked.requestId()).statusCode(202).body("status", equalTo("pending"));

        List<Map<String, Object>> pending = user.phone().pending(0).statusCode(200).extract().path("");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0)).containsEntry("id", asked.requestId()).containsEntry("clientIp", "198.51.100.7")
                .containsEntry("userAgent", BROWSER).doesNotContainKey("number");
        user.phone().approve(asked.requestId(), asked.number()).statusCode(200).body("status", equalTo("approved"));

        ExtractableResponse<Response> signedIn = complete(asked.challengeToken(), asked.requestId()).statusCode(200)
                .body("status", equalTo("authenticated")).extract();
        JsonNode claims = Jwts.claims(signedIn.path("accessToken"));
        assertThat(claims.path("amr").toString()).isEqualTo("[\"pwd\",\"swk\",\"mfa\"]");
        String sessionId = signedIn.path("sessionId");
        Map<String, Object> session = Db.row("select approved_by_device_id, device_id from session where id = ?",
                UUID.fromString(sessionId));
        assertThat(session.get("approved_by_device_id")).isEqualTo(UUID.fromString(user.phone().device.id()));
        assertThat(session.get("device_id")).isNull();
        // the tokens count as two-factor: a step-up-guarded act needs no more than a fresh second factor, which this is
        assertThat(claims.path("auth_time").asLong()).isGreaterThan(0);

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode requested = topic.await("dev.lexguard.identity.approval.requested",
                    e -> e.path("data").path("requestId").asText().equals(asked.requestId()));
            assertThat(requested.path("data").path("deviceId").asText()).isEqualTo(user.phone().device.id());
            assertThat(requested.path("data").path("userAgent").asText()).isEqualTo(BROWSER);
            assertThat(requested.path("data").has("number")).isFalse();
            assertThat(requested.path("data").has("challenge")).isFalse();
            assertThat(requested.toString()).doesNotContain(pending.get(0).get("challenge").toString());
            topic.await("dev.lexguard.identity.approval.approved",
                    e -> e.path("data").path("requestId").asText().equals(asked.requestId()));
            JsonNode started = topic.await("dev.lexguard.identity.session.started",
                    e -> e.path("data").path("sessionId").asText().equals(sessionId));
            assertThat(started.path("data").path("approvedBy").path("deviceId").asText())
                    .isEqualTo(user.phone().device.id());
            assertThat(started.path("data").path("approvedBy").path("deviceName").asText()).isEqualTo("Pixel 9");
        }
        // the challenge and the request are used up
        complete(asked.challengeToken(), asked.requestId()).statusCode(401);
    }

    @Test
    void aWrongNumberIsRefusedEventedAndEndsTheRequest() {
        User user = user();
        Asked asked = ask(user);
        user.phone().approve(asked.requestId(), otherNumber(asked.number())).statusCode(422)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "wrong-approval-number"));
        refusal(asked.requestId(), "wrong_number");
        // no second guess, and the web page gets no tokens
        user.phone().send(asked.requestId(), user.phone().answer(user.phone().keys, asked.requestId(),
                challengeFromDb(asked.requestId()), asked.number(), "approve")).statusCode(409)
                .body("type", equalTo(PROBLEMS + "approval-not-pending"));
        complete(asked.challengeToken(), asked.requestId()).statusCode(409)
                .body("type", equalTo(PROBLEMS + "approval-refused"));
    }

    @Test
    void anExpiredRequestCannotBeApproved() {
        User user = user();
        Asked asked = ask(user);
        String challenge = user.phone().challengeOf(asked.requestId());
        // two minutes pass
        Db.update("update approval_request set created_at = created_at - interval '3 minutes', "
                + "expires_at = expires_at - interval '3 minutes' where id = ?", UUID.fromString(asked.requestId()));
        user.phone().pending(0).statusCode(200).body("", empty());

        user.phone().send(asked.requestId(), user.phone().answer(user.phone().keys, asked.requestId(), challenge,
                asked.number(), "approve")).statusCode(409).body("type", equalTo(PROBLEMS + "approval-expired"));
        refusal(asked.requestId(), "expired");
        complete(asked.challengeToken(), asked.requestId()).statusCode(409)
                .body("type", equalTo(PROBLEMS + "approval-expired"));
    }

    @Test
    void aReplayedAnswerIsRefused() {
        User user = user();
        Asked asked = ask(user);
        Map<String, Object> answer = user.phone().answer(user.phone().keys, asked.requestId(),
                user.phone().challengeOf(asked.requestId()), asked.number(), "approve");
        user.phone().send(asked.requestId(), answer).statusCode(200);
        user.phone().send(asked.requestId(), answer).statusCode(409)
                .body("type", equalTo(PROBLEMS + "approval-not-pending"));
        refusal(asked.requestId(), "not_pending");
    }

    @Test
    void anAnswerSignedByAnotherDevicesKeyIsRefused() {
        User user = user();
        // the same user's second phone, with its own key
        PhoneApp second = PhoneApp.keyed(DeviceApp.registered(user.firm().ownerEmail(), user.firm().password(),
                TotpCodes.at(user.totp().secret(), 1)));
        Asked asked = ask(user);
        // the request went to the most recently keyed device: the second phone
        String challenge = second.challengeOf(asked.requestId());
        assertThat(challenge).isNotNull();

        // the first phone's credential, the second phone's path: 404; the second phone's path, the first phone's key: 403
        PhoneApp.sendAs(user.phone().device, asked.requestId(), user.phone().answer(user.phone().keys, asked.requestId(),
                challenge, asked.number(), "approve")).statusCode(404);
        second.send(asked.requestId(), second.answer(user.phone().keys, asked.requestId(), challenge, asked.number(),
                "approve")).statusCode(403).body("type", equalTo(PROBLEMS + "invalid-approval-signature"));
        refusal(asked.requestId(), "bad_signature");
        // a signature over another decision does not carry over either
        Map<String, Object> signedDeny = second.answer(second.keys, asked.requestId(), challenge, asked.number(), "deny");
        signedDeny.put("decision", "approve");
        second.send(asked.requestId(), signedDeny).statusCode(403);
        complete(asked.challengeToken(), asked.requestId()).statusCode(202);
    }

    @Test
    void anotherFirmsDeviceCannotSeeOrAnswerTheRequest() {
        User user = user();
        User stranger = user();
        Asked asked = ask(user);
        stranger.phone().pending(0).statusCode(200).body("", empty());
        String challenge = user.phone().challengeOf(asked.requestId());
        stranger.phone().send(asked.requestId(), stranger.phone().answer(stranger.phone().keys, asked.requestId(),
                challenge, asked.number(), "approve")).statusCode(404).contentType("application/problem+json");
        // a stolen device id without its credential gets nothing either
        given().header("X-Device-Credential", stranger.phone().device.credential())
                .get("/api/v1/devices/" + user.phone().device.id() + "/approvals").then().statusCode(401);
        complete(asked.challengeToken(), asked.requestId()).statusCode(202);
    }

    // ---- denying

    @Test
    void aDenyEndsThePendingSignIn() {
        User user = user();
        Asked asked = ask(user);
        user.phone().deny(asked.requestId(), false).statusCode(200).body("status", equalTo("denied"));
        complete(asked.challengeToken(), asked.requestId()).statusCode(401)
                .body("type", equalTo(PROBLEMS + "approval-denied"));
        // the same challenge token cannot fall back to the code
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", asked.challengeToken(), "code",
                TotpCodes.at(user.totp().secret(), 1))).post("/api/v1/auth/login/two-factor").then().statusCode(401);
    }

    @Test
    void thisWasntMeIsReportedAndRequiresAPasswordReset() {
        User user = user();
        Asked asked = ask(user);
        user.phone().deny(asked.requestId(), true).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode denied = topic.await("dev.lexguard.identity.approval.denied",
                    e -> e.path("data").path("requestId").asText().equals(asked.requestId()));
            assertThat(denied.path("data").path("notMe").asBoolean()).isTrue();
            assertThat(denied.path("data").path("clientIp").asText()).isEqualTo("198.51.100.7");
        }
        assertThat(Db.row("select not_me from approval_request where id = ?", UUID.fromString(asked.requestId()))
                .get("not_me")).isEqualTo(true);
        // whoever typed the password cannot go on with it
        Fixtures.login(user.firm().ownerEmail(), user.firm().password(), Fixtures.uniqueIp()).statusCode(401)
                .body("type", equalTo(PROBLEMS + "password-reset-required"));
    }

    // ---- push fatigue

    @Test
    void aFourthOpenRequestIsTooMany() {
        User user = user();
        for (int i = 0; i < 3; i++) {
            ask(user);
        }
        start(challengeToken(user)).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        user.phone().pending(0).statusCode(200).body("", hasSize(3));
    }

    @Test
    void threeDenialsSuspendApprovalUntilASignInWithTheCode() {
        User user = user();
        for (int i = 0; i < 3; i++) {
            user.phone().deny(ask(user).requestId(), false).statusCode(200);
        }
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode suspended = topic.await("dev.lexguard.identity.approval.suspended",
                    e -> e.path("subject").asText().equals(user.firm().ownerId()));
            assertThat(suspended.path("data").path("denials").asInt()).isEqualTo(3);
        }
        start(challengeToken(user)).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "approval-suspended"));

        String token = challengeToken(user);
        given().contentType(ContentType.JSON).body(Map.of("challengeToken", token, "code",
                TotpCodes.at(user.totp().secret(), 1))).post("/api/v1/auth/login/two-factor").then().statusCode(200)
                .body("status", equalTo("authenticated"));
        // lifted, and the old denials no longer count: one more deny does not suspend again
        user.phone().deny(ask(user).requestId(), false).statusCode(200);
        ask(user);
    }

    // ---- the long poll

    @Test
    void theLongPollAnswersWhenARequestArrives() throws Exception {
        User user = user();
        String token = challengeToken(user);
        Instant polled = Instant.now();
        CompletableFuture<List<Map<String, Object>>> poll = CompletableFuture.supplyAsync(
                () -> user.phone().pending(20).statusCode(200).extract().path(""));
        Thread.sleep(1500);
        assertThat(poll).isNotDone();
        String requestId = start(token).statusCode(200).extract().path("requestId");

        List<Map<String, Object>> pending = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.between(polled, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(pending).extracting(request -> request.get("id")).containsExactly(requestId);
    }

    @Test
    void theLongPollTimesOutWithNothing() {
        User user = user();
        Instant polled = Instant.now();
        user.phone().pending(2).statusCode(200).body("", empty());
        assertThat(Duration.between(polled, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        user.phone().pending(31).statusCode(400).contentType("application/problem+json");
    }

    private static String challengeFromDb(String requestId) {
        byte[] challenge = (byte[]) Db.row("select challenge from approval_request where id = ?",
                UUID.fromString(requestId)).get("challenge");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }
}
