package dev.lexguard.identity.approvals;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * The byte strings an app signs with its approval key, and their verification (the JDK's SHA256withECDSA on P-256;
 * signatures are ASN.1 DER as Android Keystore, iOS SecKey and the JDK produce them). Every string is UTF-8 lines joined
 * by {@code \n}, starting with a version tag, so a signature for one purpose is never valid for another:
 * <ul>
 * <li>key registration: {@code lexguard-approval-key-v1}, the device id, the registration challenge (base64url),
 * the public key (SPKI DER, base64url)</li>
 * <li>an answer: {@code lexguard-approval-v1}, the request id, the request's challenge (base64url), the number as
 * the app sends it (empty for a deny without one), the decision ({@code approve}, {@code deny}, or
 * {@code deny-not-me})</li>
 * </ul>
 */
final class ApprovalSignatures {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final ECParameterSpec P256 = p256();

    private ApprovalSignatures() {
    }

    static byte[] keyRegistration(UUID deviceId, byte[] challenge, byte[] publicKey) {
        return String.join("\n", "lexguard-approval-key-v1", deviceId.toString(), B64URL.encodeToString(challenge),
                B64URL.encodeToString(publicKey)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] answer(UUID requestId, byte[] challenge, String number, String decision) {
        return String.join("\n", "lexguard-approval-v1", requestId.toString(), B64URL.encodeToString(challenge),
                number == null ? "" : number, decision).getBytes(StandardCharsets.UTF_8);
    }

    /** The public key if {@code spki} is an X.509 SubjectPublicKeyInfo of a P-256 key, else null. */
    static PublicKey p256Key(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            if (key instanceof ECPublicKey ec && sameCurve(ec.getParams())) {
                return key;
            }
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code signature} (DER) is the key's SHA256withECDSA signature of {@code message}; false when malformed. */
    static boolean verifies(byte[] spki, byte[] message, byte[] signature) {
        PublicKey key = p256Key(spki);
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Base64url (padding optional) to bytes; null when it is not base64url. */
    static byte[] decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return B64URL_DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String encode(byte[] value) {
        return B64URL.encodeToString(value);
    }

    private static boolean sameCurve(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder()) && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }
}
