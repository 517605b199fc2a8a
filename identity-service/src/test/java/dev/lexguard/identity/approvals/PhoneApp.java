package dev.lexguard.identity.approvals;

import static io.restassured.RestAssured.given;

import dev.lexguard.identity.DeviceApp;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The mobile app as the tests play it: a registered device and a real P-256 key pair from java.security, signing the
 * documented byte strings exactly as an app would.
 */
final class PhoneApp {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final DeviceApp.Device device;
    final KeyPair keys;

    PhoneApp(DeviceApp.Device device, KeyPair keys) {
        this.device = device;
        this.keys = keys;
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registered device with a fresh key pair, not yet registered as its approval key. */
    static PhoneApp on(DeviceApp.Device device) {
        return new PhoneApp(device, p256());
    }

    /** A registered device whose approval key is registered with proof of possession. */
    static PhoneApp keyed(DeviceApp.Device device) {
        PhoneApp app = on(device);
        app.registerKey(app.keys).statusCode(200);
        return app;
    }

    String publicKey() {
        return B64.encodeToString(keys.getPublic().getEncoded());
    }

    ValidatableResponse keyChallenge() {
        return given().header("X-Device-Credential", device.credential())
                .post("/api/v1/devices/" + device.id() + "/approval-key/challenge").then();
    }

    /** Registers this app's public key, proving it with {@code signer}'s private key over a fresh challenge. */
    ValidatableResponse registerKey(KeyPair signer) {
        String challenge = keyChallenge().statusCode(200).extract().path("challenge");
        String message = String.join("\n", "lexguard-approval-key-v1", device.id(), challenge, publicKey());
        return given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential())
                .body(Map.of("publicKey", publicKey(), "signature", sign(signer, message)))
                .put("/api/v1/devices/" + device.id() + "/approval-key").then();
    }

    ValidatableResponse pending(int waitSeconds) {
        return given().header("X-Device-Credential", device.credential()).queryParam("wait", waitSeconds)
                .get("/api/v1/devices/" + device.id() + "/approvals").then();
    }

    /** The challenge of the pending request {@code requestId}, as the long poll shows it. */
    String challengeOf(String requestId) {
        return pending(0).statusCode(200).extract().path("find { it.id == '" + requestId + "' }.challenge");
    }

    /** The signed answer body: {@code signedDecision} is approve, deny or deny-not-me. */
    Map<String, Object> answer(KeyPair signer, String requestId, String challenge, String number, String signedDecision) {
        String message = String.join("\n", "lexguard-approval-v1", requestId, challenge, number == null ? "" : number,
                signedDecision);
        Map<String, Object> body = new HashMap<>();
        body.put("decision", signedDecision.startsWith("deny") ? "deny" : "approve");
        if (number != null) {
            body.put("number", number);
        }
        if (signedDecision.equals("deny-not-me")) {
            body.put("notMe", true);
        }
        body.put("signature", sign(signer, message));
        return body;
    }

    ValidatableResponse send(String requestId, Map<String, Object> body) {
        return sendAs(device, requestId, body);
    }

    static ValidatableResponse sendAs(DeviceApp.Device device, String requestId, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential()).body(body)
                .post("/api/v1/devices/" + device.id() + "/approvals/" + requestId).then();
    }

    ValidatableResponse approve(String requestId, String number) {
        return send(requestId, answer(keys, requestId, challengeOf(requestId), number, "approve"));
    }

    ValidatableResponse deny(String requestId, boolean notMe) {
        return send(requestId, answer(keys, requestId, challengeOf(requestId), null, notMe ? "deny-not-me" : "deny"));
    }

    static String sign(KeyPair signer, String message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer.getPrivate());
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
