package dev.lexguard.gateway.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** RSA 2048 test keys, made once per test JVM: {@code test-a} is in the JWKS from the start. */
public final class TestKeys {

    public static final String KID_A = "test-a";
    public static final String KID_B = "test-b";
    public static final String KID_C = "test-c";
    public static final KeyPair A = generate();
    public static final KeyPair B = generate();
    public static final KeyPair C = generate();
    /** Never published: tokens signed with it must fail. */
    public static final KeyPair STRANGER = generate();

    private TestKeys() {
    }

    public static Map<String, Object> jwk(String kid, KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", unsigned(key.getModulus().toByteArray()));
        jwk.put("e", unsigned(key.getPublicExponent().toByteArray()));
        return jwk;
    }

    private static String unsigned(byte[] bytes) {
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] trimmed = new byte[bytes.length - start];
        System.arraycopy(bytes, start, trimmed, 0, trimmed.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(trimmed);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
