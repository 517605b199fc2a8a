package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story (issue 18): a partner with TOTP registers the firm's app on her phone and gives it an approval key (a real
 * P-256 key pair, proven by signing the server's challenge). Signing in on the web, she chooses "approve on my
 * phone": the page shows a number, the phone long-polls the request, and she approves it with that number, signed
 * by the key. The session is two-factor, names the phone in the session list, and the feed shows the approval. A
 * wrong number is refused and ends that request. Only through the gateway, with the protocol's documented byte
 * strings signed here as the app would.
 */
@ExtendWith(TheSystem.class)
class PhoneApprovalStoryIT {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    @Test
    void aPartnerApprovesHerWebSignInOnHerPhone() throws Exception {
        Firm firm = Firm.signUp("Phone Approval LLP");
        String owner = firm.ownerToken();

        // TOTP first (a second factor to fall back on), then the app on her phone, registered from a full sign-in
        String secret = TheSystem.as(owner).body(Map.of()).post("/api/v1/two-factor/enrolment").then().statusCode(200)
                .extract().path("secret");
        TheSystem.as(owner).body(Map.of("code", TwoFactorStoryIT.code(secret, Instant.now())))
                .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200);
        JsonPath registration = TheSystem.as(owner).body(Map.of("name", "Olive's Pixel", "platform", "android",
                "appVersion", "3.4.1")).post("/api/v1/devices").then().statusCode(201).extract().jsonPath();
        String device = registration.getString("device.id");
        String credential = registration.getString("credential");

        KeyPair keys = p256();
        String publicKey = B64.encodeToString(keys.getPublic().getEncoded());
        String keyChallenge = TheSystem.gateway().header("X-Device-Credential", credential)
                .post("/api/v1/devices/" + device + "/approval-key/challenge").then().statusCode(200).extract().path("challenge");
        TheSystem.gateway().header("X-Device-Credential", credential).body(Map.of("publicKey", publicKey, "signature",
                sign(keys, "lexguard-approval-key-v1", device, keyChallenge, publicKey)))
                .put("/api/v1/devices/" + device + "/approval-key").then().statusCode(200);

        // on the web: the password, then "approve on my phone"; a wrong number ends that request
        Asked wrong = ask(firm);
        Map<String, Object> pending = awaitPending(device, credential, wrong.requestId());
        assertThat(pending).doesNotContainKey("number").containsEntry("userAgent", BROWSER);
        String otherNumber = wrong.number().equals("42") ? "43" : "42";
        answer(device, credential, keys, wrong.requestId(), (String) pending.get("challenge"), otherNumber).then()
                .statusCode(422).contentType("application/problem+json");

        Asked asked = ask(firm);
        pending = awaitPending(device, credential, asked.requestId());
        answer(device, credential, keys, asked.requestId(), (String) pending.get("challenge"), asked.number()).then()
                .statusCode(200).body("status", equalTo("approved"));
        JsonPath signedIn = TheSystem.gateway().header("User-Agent", BROWSER)
                .body(Map.of("challengeToken", asked.challengeToken(), "requestId", asked.requestId()))
                .post("/api/v1/auth/login/approval/complete").then().statusCode(200)
                .body("status", equalTo("authenticated")).extract().jsonPath();
        String token = signedIn.getString("accessToken");
        String sessionId = signedIn.getString("sessionId");

        // the session list names the phone that approved it, and the method
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(token).get("/api/v1/sessions").then().statusCode(200).extract().jsonPath()
                        .getList("items.id").contains(sessionId));
        JsonPath sessions = TheSystem.as(token).get("/api/v1/sessions").then().extract().jsonPath();
        String session = "items.find { it.id == '" + sessionId + "' }";
        assertThat(sessions.getList(session + ".amr")).contains("mfa");
        assertThat(sessions.getString(session + ".approvedBy.deviceName")).isEqualTo("Olive's Pixel");

        // the feed shows the key, the refusal and the approval
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(token).get("/api/v1/feed").then().statusCode(200).extract().jsonPath().getList("items.type")
                        .containsAll(List.of("dev.lexguard.identity.approval.keyRegistered",
                                "dev.lexguard.identity.approval.refused", "dev.lexguard.identity.approval.approved")));
    }

    private record Asked(String challengeToken, String requestId, String number) {
    }

    private static Asked ask(Firm firm) {
        String challengeToken = TheSystem.gateway().body(Map.of("email", firm.email("olive"), "password", Firm.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).body("status", equalTo("two_factor_required"))
                .extract().path("challengeToken");
        JsonPath started = TheSystem.gateway().header("User-Agent", BROWSER).body(Map.of("challengeToken", challengeToken))
                .post("/api/v1/auth/login/approval").then().statusCode(200).extract().jsonPath();
        return new Asked(challengeToken, started.getString("requestId"), started.getString("number"));
    }

    /** The phone's long poll, until it shows the request. */
    private static Map<String, Object> awaitPending(String device, String credential, String requestId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> pending = TheSystem.gateway().header("X-Device-Credential", credential)
                    .queryParam("wait", 5).get("/api/v1/devices/" + device + "/approvals").then().statusCode(200)
                    .extract().jsonPath().getList("");
            return pending.stream().filter(p -> requestId.equals(p.get("id"))).findFirst().orElse(null);
        }, p -> p != null);
    }

    private static io.restassured.response.Response answer(String device, String credential, KeyPair keys, String requestId,
            String challenge, String number) throws GeneralSecurityException {
        return TheSystem.gateway().header("X-Device-Credential", credential).body(Map.of("decision", "approve",
                "number", number, "signature", sign(keys, "lexguard-approval-v1", requestId, challenge, number, "approve")))
                .post("/api/v1/devices/" + device + "/approvals/" + requestId);
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** ECDSA P-256 with SHA-256 over the lines joined by newlines, as the approval protocol defines its messages. */
    private static String sign(KeyPair keys, String... lines) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(signature.sign());
    }
}
